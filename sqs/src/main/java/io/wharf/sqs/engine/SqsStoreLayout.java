package io.wharf.sqs.engine;

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
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How SQS state sits in the {@link Store}. Every value starts with a format version byte (2) so a later
 * layout can read old data. Strings are {@code int length + UTF-8}, nullable strings are preceded by a
 * presence byte, maps by an int count, longs are big-endian.
 *
 * <pre>
 * sqs.meta      "receipt-secret-wrapped"            → the 32-byte secret of receipt handles ({@link ReceiptHandle}),
 *                                                     wrapped by the master key ({@code MasterKey.wrap}, purpose
 *                                                     "sqs receipt-handle key"); "receipt-secret" held it in plain
 *                                                     before, and is migrated and deleted on start
 * sqs.queues    account 0x00 region 0x00 name       → v, number:long, created:long, lastModified:long,
 *                                                     lastPurge:long, attributes:map, tags:map
 * sqs.deleted   account 0x00 region 0x00 name       → v, deletedAt:long          (QueueDeletedRecently)
 * sqs.messages  queueNumber:long ordinal:long       → v, groupId?, enqueued:long, state:byte, visibleAt:long,
 *                                                     receiveCount:int, firstReceive:long, lastReceive:long
 *                                                     (state COLD: a delayed message held by sqs.timers
 *                                                     only, see {@link ColdDelays})
 * sqs.timers    queueNumber:long visibleAt:long      → the sqs.messages record of a delayed message that memory
 *               ordinal:long                           does not hold, as it was before it turned COLD
 * sqs.bodies    queueNumber:long ordinal:long       → v, messageId, body, attributes(name → type, kind,
 *                                                     value), traceHeader?, dedupId?, senderId, sent:long,
 *                                                     dlqSourceArn?
 * sqs.dedup     queueNumber:long dedupKey(UTF-8)     → v, messageId, ordinal:long, expiresAt:long
 * sqs.dedupexp  queueNumber:long expiresAt:long      → empty: the ids of sqs.dedup in the order they expire
 *               dedupKey(UTF-8)                        ({@link io.wharf.storage.ExpiringIds}; written again by
 *                                                     recovery)
 * sqs.attempts  queueNumber:long attemptId(UTF-8)    → v, expiresAt:long, count:int, (ordinal:long,
 *                                                     receiveCount:int, visibleAt:long)*   (FIFO
 *                                                     ReceiveRequestAttemptId, see {@link ReceiveAttempts})
 * sqs.attemptexp queueNumber:long expiresAt:long     → empty: the ids of sqs.attempts in the order they expire
 *               attemptId(UTF-8)                       ({@link io.wharf.storage.ExpiringIds}; written again by
 *                                                     recovery)
 * sqs.tasks     taskId(UTF-8)                        → see {@link MoveTask#encode()}
 * sqs.datakeys  ref:long                             → a wrapped data key (no version byte of ours: see
 *                                                     {@link io.wharf.protocol.crypto.DataKeyRing})
 * </pre>
 *
 * <p>Encryption at rest ({@link Encryption}): a {@code sqs.bodies} value of a queue with SSE-KMS or SSE-SQS is
 * the record above sealed whole by {@link io.wharf.protocol.crypto.DataKeyRing} (first byte 0xE5, then the
 * data key's {@code ref}, nonce, AES-256-GCM ciphertext); a value starting with the version byte was written
 * in plain (before encryption was on, or with it off) and is read as before. The wrapped data key is stored
 * once in {@code sqs.datakeys} (written and awaited before the first message sealed with it), not per
 * message; data key records are not deleted with their queue (one per reuse period and queue, ~150 bytes).
 * Queue names, attribute names and values, tags, delivery state and deduplication ids stay in plain.
 *
 * Messages are keyed by queue number (not name) so deleting a queue is one range delete (per key space), and a
 * queue recreated under the same name never sees the old queue's messages. Times are epoch milliseconds.
 *
 * <p>A message is two records under the same key. {@code sqs.messages} holds its small, changing delivery
 * state: recovery reads only these (1 M messages are tens of MiB, not the GiB of their bodies), and a receive
 * or visibility change rewrites only this. {@code sqs.bodies} holds the content, written once when the
 * message arrives in a queue (send, dead-letter move, move task) and deleted with the message; memory holds
 * it only while young (see {@link ContentMemory}). Version 1 kept both in one {@code sqs.messages} record.
 */
public final class SqsStoreLayout {
    static final byte VERSION = 2;

    final KeySpace meta;
    final KeySpace queues;
    final KeySpace deleted;
    final KeySpace messages;
    final KeySpace bodies;
    final KeySpace timers;
    final KeySpace dedup;
    final KeySpace dedupExpiry;
    final KeySpace attempts;
    final KeySpace attemptExpiry;
    final KeySpace tasks;
    final KeySpace dataKeys;

    SqsStoreLayout(Store store) {
        meta = store.keySpace("sqs.meta");
        queues = store.keySpace("sqs.queues");
        deleted = store.keySpace("sqs.deleted");
        messages = store.keySpace("sqs.messages");
        bodies = store.keySpace("sqs.bodies");
        timers = store.keySpace("sqs.timers");
        dedup = store.keySpace("sqs.dedup");
        dedupExpiry = store.keySpace("sqs.dedupexp");
        attempts = store.keySpace("sqs.attempts");
        attemptExpiry = store.keySpace("sqs.attemptexp");
        tasks = store.keySpace("sqs.tasks");
        dataKeys = store.keySpace("sqs.datakeys");
    }

    /** Keeps the wrapped data keys in {@code sqs.datakeys}, each durable before it is used. */
    io.wharf.protocol.crypto.DataKeyRing.KeyStore dataKeyStore(Store store) {
        return new io.wharf.protocol.crypto.DataKeyRing.KeyStore() {
            @Override
            public void save(long ref, byte[] wrapped) {
                store.submit(new io.wharf.storage.WriteBatch().put(dataKeys, encodeRef(ref), wrapped)).await();
            }

            @Override
            public byte[] load(long ref) {
                return store.get(dataKeys, encodeRef(ref));
            }
        };
    }

    private static byte[] encodeRef(long ref) {
        return ByteBuffer.allocate(8).putLong(ref).array();
    }

    static byte[] queueKey(QueueId id) {
        return (id.accountId() + '\0' + id.region() + '\0' + id.name()).getBytes(StandardCharsets.UTF_8);
    }

    static QueueId queueIdOf(byte[] key) {
        String[] parts = new String(key, StandardCharsets.UTF_8).split("\0", 3);
        return new QueueId(parts[0], parts[1], parts[2]);
    }

    static byte[] messageKey(long queueNumber, long ordinal) {
        return ByteBuffer.allocate(16).putLong(queueNumber).putLong(ordinal).array();
    }

    static byte[] timerKey(long queueNumber, long visibleAt, long ordinal) {
        return ByteBuffer.allocate(24).putLong(queueNumber).putLong(visibleAt).putLong(ordinal).array();
    }

    static byte[] queuePrefix(long queueNumber) {
        return ByteBuffer.allocate(8).putLong(queueNumber).array();
    }

    /** The first key after every key of this queue: ends a range delete. */
    static byte[] queuePrefixEnd(long queueNumber) {
        return ByteBuffer.allocate(8).putLong(queueNumber + 1).array();
    }

    static byte[] encodeQueue(Queue.Record r) {
        return write(out -> {
            out.writeLong(r.number());
            out.writeLong(r.createdMillis());
            out.writeLong(r.lastModifiedMillis());
            out.writeLong(r.lastPurgeMillis());
            writeMap(out, r.attributes());
            writeMap(out, r.tags());
        });
    }

    static Queue.Record decodeQueue(QueueId id, byte[] value) {
        return read(value, in -> new Queue.Record(in.readLong(), id, in.readLong(), in.readLong(), in.readLong(),
                readMap(in), readMap(in)));
    }

    static byte[] encodeLong(long v) {
        return write(out -> out.writeLong(v));
    }

    static long decodeLong(byte[] value) {
        return read(value, DataInputStream::readLong);
    }

    static byte[] encodeState(Message m) {
        return encodeState(m, m.state);
    }

    /** The message's record with another state ({@link Message.State#COLD} when it leaves for the timer index). */
    static byte[] encodeState(Message m, Message.State state) {
        return write(out -> {
            writeNullable(out, m.groupId);
            out.writeLong(m.enqueuedMillis);
            out.writeByte(state.ordinal());
            out.writeLong(m.visibleAtMillis);
            out.writeInt(m.receiveCount);
            out.writeLong(m.firstReceiveMillis);
            out.writeLong(m.lastReceiveMillis);
        });
    }

    static Message decodeState(long ordinal, byte[] value) {
        return read(value, in -> {
            Message m = new Message(ordinal, readNullable(in), in.readLong());
            m.state = Message.State.values()[in.readByte()];
            m.visibleAtMillis = in.readLong();
            m.receiveCount = in.readInt();
            m.firstReceiveMillis = in.readLong();
            m.lastReceiveMillis = in.readLong();
            return m;
        });
    }

    static byte[] encodeContent(MessageContent c) {
        return encodeContent(c, c.body().getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    /** As {@link #encodeContent(MessageContent)}, with the body already in UTF-8 ({@code bodyUtf8}). */
    static byte[] encodeContent(MessageContent c, byte[] bodyUtf8) {
        return RecordCodec.write(VERSION, contentSizeHint(c), out -> {
            writeString(out, c.messageId());
            out.writeInt(bodyUtf8.length); // as writeString writes it
            out.write(bodyUtf8);
            out.writeInt(c.attributes().size());
            for (Map.Entry<String, MessageAttributeValue> e : c.attributes().entrySet()) {
                writeString(out, e.getKey());
                writeString(out, e.getValue().dataType());
                if (e.getValue().binaryValue() != null) {
                    out.writeByte(2);
                    out.writeInt(e.getValue().binaryValue().length);
                    out.write(e.getValue().binaryValue());
                } else {
                    out.writeByte(1);
                    writeString(out, e.getValue().stringValue());
                }
            }
            writeNullable(out, c.traceHeader());
            writeNullable(out, c.deduplicationId());
            writeString(out, c.senderId());
            out.writeLong(c.sentMillis());
            writeNullable(out, c.deadLetterSourceArn());
        });
    }

    /** {@link #encodeContent}'s size when every string is ASCII: the buffer it is written into, usually exactly. */
    static int contentSizeHint(MessageContent c) {
        int size = 1 + RecordCodec.stringSizeHint(c.messageId()) + RecordCodec.stringSizeHint(c.body()) + 4;
        for (Map.Entry<String, MessageAttributeValue> e : c.attributes().entrySet()) {
            MessageAttributeValue v = e.getValue();
            size += RecordCodec.stringSizeHint(e.getKey()) + RecordCodec.stringSizeHint(v.dataType()) + 1
                    + (v.binaryValue() != null ? 4 + v.binaryValue().length : RecordCodec.stringSizeHint(v.stringValue()));
        }
        return size + RecordCodec.nullableSizeHint(c.traceHeader()) + RecordCodec.nullableSizeHint(c.deduplicationId())
                + RecordCodec.stringSizeHint(c.senderId()) + 8 + RecordCodec.nullableSizeHint(c.deadLetterSourceArn());
    }

    static MessageContent decodeContent(byte[] value) {
        return read(value, in -> {
            String messageId = readString(in);
            String body = readString(in);
            int count = in.readInt();
            Map<String, MessageAttributeValue> attributes = new LinkedHashMap<>();
            for (int i = 0; i < count; i++) {
                String name = readString(in);
                String type = readString(in);
                if (in.readByte() == 2) {
                    byte[] bytes = new byte[in.readInt()];
                    in.readFully(bytes);
                    attributes.put(name, MessageAttributeValue.binary(type, bytes));
                } else {
                    attributes.put(name, MessageAttributeValue.string(type, readString(in)));
                }
            }
            return new MessageContent(messageId, body, attributes, readNullable(in), readNullable(in),
                    readString(in), in.readLong(), readNullable(in));
        });
    }

    static byte[] write(RecordCodec.Writer writer) {
        return RecordCodec.write(VERSION, writer);
    }

    static <T> T read(byte[] value, RecordCodec.Reader<T> reader) {
        return RecordCodec.read(value, VERSION, "SQS", reader);
    }
}
