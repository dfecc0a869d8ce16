package io.wharf.kinesis.engine;

import io.wharf.storage.RecordCodec;

import static io.wharf.storage.RecordCodec.readMap;
import static io.wharf.storage.RecordCodec.readNullable;
import static io.wharf.storage.RecordCodec.readString;
import static io.wharf.storage.RecordCodec.writeMap;
import static io.wharf.storage.RecordCodec.writeNullable;
import static io.wharf.storage.RecordCodec.writeString;

import io.wharf.storage.KeySpace;
import io.wharf.storage.Store;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * How Kinesis state sits in the {@link Store}. Values start with a format version byte (1). Strings are
 * {@code int length + UTF-8}, nullable strings have a presence byte first, maps an int count, hash keys are
 * {@code int length + unsigned big-endian bytes}, numbers big-endian. Times are epoch milliseconds.
 *
 * <pre>
 * kinesis.meta      "iterator-key-wrapped"              → the 32-byte AES key of shard iterators, wrapped by the
 *                                                         master key (purpose "kinesis shard-iterator key");
 *                                                         "iterator-key" held it in plain before (migrated)
 * kinesis.streams   number:long                         → v, account, region, name, created:long, status:byte,
 *                                                         transitionAt:long, mode, retentionHours:int,
 *                                                         encryptionType, keyId?, maxRecordKiB:int, warmMiBps:int
 *                                                         (−1 none), metrics:list, tags:map, shards (see below),
 *                                                         consumers (see below), policies:map(ARN → policy)
 *     shard:    index:int parent:int adjacentParent:int (−1 none) start:hash end:hash created:long
 *               closed:long (−1 open) endingCounter:long
 *     consumer: name, arn, created:long, status:byte, transitionAt:long, tags:map
 * kinesis.records   number:long shard:int counter:long  → v, arrival:long, flags:byte (bit 0: written while
 *                                                         the stream was encrypted; bit 1: sealed), then
 *                                                         partitionKey, data (int length + bytes) — or, when
 *                                                         sealed, those two sealed as one value by
 *                                                         {@link io.wharf.protocol.crypto.DataKeyRing}
 * kinesis.datakeys  ref:long                            → a wrapped data key (see DataKeyRing)
 * kinesis.arrivals  number:long shard:int counter:long  → arrival:long (no version byte: fixed 8 bytes)
 * kinesis.trimmed   number:long shard:int               → firstRetainedCounter:long
 * kinesis.accounts  account 0x00 region                 → v, commitmentStatus, startedAt:long, endedAt:long,
 *                                                         earliestAllowedEndAt:long (−1 none)
 * </pre>
 *
 * Records are keyed by the stream's number, never its name: deleting a stream is one range delete per key
 * space, and a stream re-created under the same name never meets the old one's records. Within a shard keys
 * sort by counter, which is the order of sequence numbers. {@code kinesis.arrivals} duplicates each record's
 * arrival time in 8 bytes so recovery rebuilds the in-memory index without reading record data, and a search
 * by time reads the blocks of it that the index no longer holds ({@link ArrivalIndex}); the
 * trimmer deletes both ranges and writes {@code kinesis.trimmed} in one batch, so a shard whose records all
 * expired still resumes its counter (its sequence numbers never go back). The stream record is rewritten
 * whole on every control-plane change: it is small (the shard map with lineage, tags, consumers) and
 * changes rarely.
 *
 * <p>Encryption at rest: with a KMS wired, a record written to a stream with EncryptionType KMS has its
 * partition key and data sealed (AES-256-GCM) under a data key of the stream's KMS key, reused for
 * {@value Records#DATA_KEY_REUSE_SECONDS} s; the wrapped data key is written once to {@code kinesis.datakeys}
 * (awaited before its first use) and never per record. Records written before StartStreamEncryption (or after
 * StopStreamEncryption) stay plain and are read as before. Sequence numbers, arrival times, explicit hash
 * keys' routing and the stream record stay plain.
 */
public final class KinesisStoreLayout {
    static final byte VERSION = 1;
    /** Where stores from before wrapping kept the iterator key in plain; migrated and deleted on start. */
    static final byte[] PLAIN_ITERATOR_KEY = "iterator-key".getBytes(StandardCharsets.UTF_8);
    static final byte[] ITERATOR_KEY = "iterator-key-wrapped".getBytes(StandardCharsets.UTF_8);
    static final String ITERATOR_KEY_PURPOSE = "kinesis shard-iterator key";

    final KeySpace meta;
    final KeySpace streams;
    final KeySpace records;
    final KeySpace arrivals;
    final KeySpace trimmed;
    final KeySpace accounts;
    final KeySpace dataKeys;

    KinesisStoreLayout(Store store) {
        meta = store.keySpace("kinesis.meta");
        streams = store.keySpace("kinesis.streams");
        records = store.keySpace("kinesis.records");
        arrivals = store.keySpace("kinesis.arrivals");
        trimmed = store.keySpace("kinesis.trimmed");
        accounts = store.keySpace("kinesis.accounts");
        dataKeys = store.keySpace("kinesis.datakeys");
    }

    /** Keeps the wrapped data keys in {@code kinesis.datakeys}, each durable before it is used. */
    io.wharf.protocol.crypto.DataKeyRing.KeyStore dataKeyStore(Store store) {
        return new io.wharf.protocol.crypto.DataKeyRing.KeyStore() {
            @Override
            public void save(long ref, byte[] wrapped) {
                store.submit(new io.wharf.storage.WriteBatch().put(dataKeys, encodeLong(ref), wrapped)).await();
            }

            @Override
            public byte[] load(long ref) {
                return store.get(dataKeys, encodeLong(ref));
            }
        };
    }

    static byte[] streamKey(long number) {
        return ByteBuffer.allocate(8).putLong(number).array();
    }

    static byte[] streamKeyEnd(long number) {
        return ByteBuffer.allocate(8).putLong(number + 1).array();
    }

    static byte[] shardKey(long number, int shard) {
        return ByteBuffer.allocate(12).putLong(number).putInt(shard).array();
    }

    static byte[] recordKey(long number, int shard, long counter) {
        return ByteBuffer.allocate(20).putLong(number).putInt(shard).putLong(counter).array();
    }

    static long counterOf(byte[] recordKey) {
        return ByteBuffer.wrap(recordKey, 12, 8).getLong();
    }

    static int shardOf(byte[] recordKey) {
        return ByteBuffer.wrap(recordKey, 8, 4).getInt();
    }

    static byte[] accountKey(String account, String region) {
        return (account + '\0' + region).getBytes(StandardCharsets.UTF_8);
    }

    // ---------------------------------------------------------------- records

    /** A stored record. */
    record StoredRecord(long arrivalMillis, boolean encrypted, String partitionKey, byte[] data) {
    }

    /** A record, its partition key (UTF-8) and data sealed under {@code key} when it is not null. */
    static byte[] encodeRecord(long arrivalMillis, boolean encrypted, byte[] pk, byte[] data,
                               io.wharf.protocol.crypto.DataKeyRing.Key key) {
        int flags = (encrypted ? 1 : 0) | (key != null ? 2 : 0);
        int payloadLength = 4 + pk.length + 4 + data.length;
        if (key == null) { // the payload in place: one array, the data copied once
            ByteBuffer out = ByteBuffer.allocate(1 + 8 + 1 + payloadLength).put(VERSION).putLong(arrivalMillis)
                    .put((byte) flags);
            return payload(out, pk, data).array();
        }
        byte[] sealed = key.seal(payload(ByteBuffer.allocate(payloadLength), pk, data).array());
        return ByteBuffer.allocate(1 + 8 + 1 + sealed.length).put(VERSION).putLong(arrivalMillis)
                .put((byte) flags).put(sealed).array();
    }

    /** A record's payload (partition key, then data, each after its length) written into {@code out}. */
    private static ByteBuffer payload(ByteBuffer out, byte[] pk, byte[] data) {
        return out.putInt(pk.length).put(pk).putInt(data.length).put(data);
    }

    /** Opens a sealed payload (the engine's {@link io.wharf.protocol.crypto.DataKeyRing}). */
    interface Opener {
        byte[] open(byte[] sealed);
    }

    static StoredRecord decodeRecord(byte[] value) {
        return decodeRecord(value, sealed -> {
            throw new IllegalStateException("a sealed Kinesis record and no KMS to open it");
        });
    }

    static StoredRecord decodeRecord(byte[] value, Opener opener) {
        ByteBuffer in = ByteBuffer.wrap(value);
        if (in.get() != VERSION) {
            throw new IllegalStateException("unknown Kinesis record version");
        }
        long arrival = in.getLong();
        int flags = in.get();
        if ((flags & 2) != 0) {
            byte[] sealed = new byte[in.remaining()];
            in.get(sealed);
            in = ByteBuffer.wrap(opener.open(sealed));
        }
        byte[] key = new byte[in.getInt()];
        in.get(key);
        byte[] data = new byte[in.getInt()];
        in.get(data);
        return new StoredRecord(arrival, (flags & 1) != 0, new String(key, StandardCharsets.UTF_8), data);
    }

    static byte[] encodeLong(long v) {
        return ByteBuffer.allocate(8).putLong(v).array();
    }

    static long decodeLong(byte[] v) {
        return ByteBuffer.wrap(v).getLong();
    }

    // ---------------------------------------------------------------- streams

    static byte[] encodeStream(Stream s) {
        return write(out -> {
            writeString(out, s.ref.account());
            writeString(out, s.ref.region());
            writeString(out, s.ref.name());
            out.writeLong(s.createdMillis);
            out.writeByte(s.status.ordinal());
            out.writeLong(s.transitionAtMillis);
            writeString(out, s.mode);
            out.writeInt(s.retentionHours);
            writeString(out, s.encryptionType);
            writeNullable(out, s.keyId);
            out.writeInt(s.maxRecordKiB);
            out.writeInt(s.warmThroughputMiBps == null ? -1 : s.warmThroughputMiBps);
            out.writeInt(s.metrics.size());
            for (String m : s.metrics) {
                writeString(out, m);
            }
            writeMap(out, s.tags);
            List<Shard> shards = s.shards;
            out.writeInt(shards.size());
            for (Shard shard : shards) {
                out.writeInt(shard.index);
                out.writeInt(shard.parent);
                out.writeInt(shard.adjacentParent);
                writeHash(out, shard.range.start());
                writeHash(out, shard.range.end());
                out.writeLong(shard.createdMillis);
                out.writeLong(shard.closedMillis);
                out.writeLong(shard.endingCounter);
            }
            out.writeInt(s.consumers.size());
            for (Consumer c : s.consumers.values()) {
                writeString(out, c.name);
                writeString(out, c.arn);
                out.writeLong(c.createdMillis);
                out.writeByte(c.status.ordinal());
                out.writeLong(c.transitionAtMillis);
                writeMap(out, c.tags);
            }
            writeMap(out, s.policies);
        });
    }

    static Stream decodeStream(long number, byte[] value) {
        return read(value, in -> {
            StreamRef ref = new StreamRef(readString(in), readString(in), readString(in));
            long created = in.readLong();
            StreamStatus status = StreamStatus.values()[in.readByte()];
            Stream s = new Stream(number, ref, created, status, in.readLong());
            s.mode = readString(in);
            s.retentionHours = in.readInt();
            s.encryptionType = readString(in);
            s.keyId = readNullable(in);
            s.maxRecordKiB = in.readInt();
            int warm = in.readInt();
            s.warmThroughputMiBps = warm < 0 ? null : warm;
            int metrics = in.readInt();
            for (int i = 0; i < metrics; i++) {
                s.metrics.add(readString(in));
            }
            s.tags.putAll(readMap(in));
            int shardCount = in.readInt();
            List<Shard> shards = new ArrayList<>(shardCount);
            for (int i = 0; i < shardCount; i++) {
                Shard shard = new Shard(in.readInt(), in.readInt(), in.readInt(),
                        new HashKeys.Range(readHash(in), readHash(in)), in.readLong());
                shard.closedMillis = in.readLong();
                shard.endingCounter = in.readLong();
                shards.add(shard);
            }
            s.setShards(shards);
            int consumers = in.readInt();
            for (int i = 0; i < consumers; i++) {
                Consumer c = new Consumer(readString(in), readString(in), in.readLong(),
                        StreamStatus.values()[in.readByte()], in.readLong());
                c.tags.putAll(readMap(in));
                s.consumers.put(c.name, c);
            }
            s.policies.putAll(readMap(in));
            return s;
        });
    }

    // ---------------------------------------------------------------- account settings

    static byte[] encodeAccount(AccountSettings a) {
        return write(out -> {
            writeString(out, a.status());
            out.writeLong(a.startedAtMillis());
            out.writeLong(a.endedAtMillis());
            out.writeLong(a.earliestAllowedEndAtMillis());
        });
    }

    static AccountSettings decodeAccount(byte[] value) {
        return read(value, in -> new AccountSettings(readString(in), in.readLong(), in.readLong(), in.readLong()));
    }

    // ---------------------------------------------------------------- primitives





    private static void writeHash(DataOutputStream out, BigInteger value) throws IOException {
        byte[] bytes = value.toByteArray();
        out.writeInt(bytes.length);
        out.write(bytes);
    }

    private static BigInteger readHash(DataInputStream in) throws IOException {
        byte[] bytes = new byte[in.readInt()];
        in.readFully(bytes);
        return new BigInteger(bytes);
    }

    static byte[] write(RecordCodec.Writer writer) {
        return RecordCodec.write(VERSION, writer);
    }

    static <T> T read(byte[] value, RecordCodec.Reader<T> reader) {
        return RecordCodec.read(value, VERSION, "Kinesis", reader);
    }
}
