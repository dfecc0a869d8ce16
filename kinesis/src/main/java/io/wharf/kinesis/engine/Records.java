package io.wharf.kinesis.engine;

import io.wharf.kinesis.KinesisErrors;
import io.wharf.protocol.Hashes;
import io.wharf.storage.Commit;
import io.wharf.storage.Store;
import io.wharf.storage.WriteBatch;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.TreeSet;

/**
 * The record path: PutRecord(s) append to per-shard logs, GetShardIterator positions in them, GetRecords
 * reads them; the trimmer drops what retention no longer keeps.
 *
 * <p>Appends lock the target shards (in index order, so concurrent multi-shard PutRecords cannot deadlock),
 * assign counters and arrival times, submit one batch, unlock, await, then raise each shard's durable
 * watermark. Readers work outside the shard lock except for a few index lookups, reading records from the
 * store by key up to the watermark.
 */
public final class Records {
    /** GetRecords answers at most this many bytes of data (AWS: 10 MiB). */
    static final int MAX_READ_BYTES = 10 * 1024 * 1024;

    private final KinesisEngine engine;

    Records(KinesisEngine engine) {
        this.engine = engine;
    }

    /** How long one data key seals a stream's records before KMS is asked for the next. */
    static final int DATA_KEY_REUSE_SECONDS = 300;

    /** The data key records of {@code s} are sealed with now, or null when no KMS is wired. */
    private io.wharf.protocol.crypto.DataKeyRing.Key dataKey(Stream s, long now) {
        if (engine.keyRing == null || s.keyId == null) {
            return null;
        }
        io.wharf.protocol.crypto.DataKeyRing.Scope scope = new io.wharf.protocol.crypto.DataKeyRing.Scope(
                s.ref.account(), false, s.keyId, java.util.Map.of("aws:kinesis:arn", s.ref.arn()),
                DATA_KEY_REUSE_SECONDS * 1000L);
        try {
            return engine.keyRing.current(Long.toString(s.number), scope, now);
        } catch (io.wharf.protocol.crypto.KmsFailure f) {
            throw KinesisErrors.kms(f);
        }
    }

    private byte[] open(byte[] sealed) {
        if (engine.keyRing == null) {
            throw new IllegalStateException("a sealed Kinesis record and no KMS to open it");
        }
        try {
            return engine.keyRing.open(sealed, engine.now());
        } catch (io.wharf.protocol.crypto.KmsFailure f) {
            throw KinesisErrors.kms(f);
        }
    }

    /** A stream records may be written to: not CREATING (AWS answers those as not found) and not deleted. */
    private Stream writable(StreamRef ref, long now) {
        Stream s = engine.find(ref, now);
        if (s.status(now) == StreamStatus.CREATING) {
            throw KinesisErrors.streamNotFound(ref.name(), ref.account());
        }
        return s;
    }

    /**
     * PutRecord / PutRecords. {@code memberPath} names a whole-request validation failure the way AWS does:
     * {@code "data"} for PutRecord, {@code "records.%d.member.data"} for PutRecords.
     *
     * <p>With {@link io.wharf.kinesis.KinesisSettings#enforceLimits} an entry whose shard has no throughput
     * left fails alone, as AWS's PutRecords answers it (ErrorCode ProvisionedThroughputExceededException); the
     * others are written. PutRecord turns its one failed entry into the exception.
     */
    public Views.PutOutcome put(StreamRef ref, List<Views.PutEntry> entries, String memberPath) {
        long started = System.nanoTime(); // a duration, for GetRecords.Latency-style metrics only
        long now = engine.now();
        Stream s = writable(ref, now);
        // PutRecords names its members by index; PutRecord's one member is "data"
        StreamActivity.Put api = memberPath.contains("%d") ? s.activity.putRecords : s.activity.putRecord;
        try {
            Views.PutOutcome outcome = put(s, ref, entries, memberPath, now);
            // PutRecords answers even when every entry failed; PutRecord's one failed entry becomes its error
            api.success.record(api == s.activity.putRecords || outcome.failed() == 0 ? 1 : 0);
            api.latencyMillis.record((System.nanoTime() - started) / 1e6);
            api.records.record(entries.size());
            api.successfulRecords.record(entries.size() - outcome.failed());
            api.failedRecords.record(outcome.failed());
            api.throttledRecords.record(outcome.failed()); // every failed entry here is a throughput refusal
            api.bytes.record(outcome.bytes());
            return outcome;
        } catch (RuntimeException e) {
            api.success.record(0);
            throw e;
        }
    }

    private Views.PutOutcome put(Stream s, StreamRef ref, List<Views.PutEntry> entries, String memberPath, long now) {
        int maxBytes = s.maxRecordKiB * 1024;
        long[] keys = new long[2 * entries.size()]; // each entry's hash key as two unsigned halves
        byte[][] partitionKeys = new byte[entries.size()][];
        long[] sizes = new long[entries.size()];
        MessageDigest md5 = Hashes.md5(); // one per request: a digest resets itself after each key
        for (int i = 0; i < entries.size(); i++) {
            Views.PutEntry e = entries.get(i);
            partitionKeys[i] = e.partitionKey().getBytes(StandardCharsets.UTF_8);
            sizes[i] = (long) e.data().length + partitionKeys[i].length;
            if (sizes[i] > maxBytes) {
                throw KinesisErrors.validation(String.format(memberPath, i + 1),
                        KinesisErrors.blobDisplay(e.data().length),
                        "Member must have length less than or equal to " + (maxBytes - e.partitionKey().length()));
            }
            hashKey(e, partitionKeys[i], md5, keys, 2 * i);
        }
        boolean encrypted = s.encryptionType.equals("KMS");
        io.wharf.protocol.crypto.DataKeyRing.Key dataKey = encrypted ? dataKey(s, now) : null;
        boolean enforce = engine.settings.enforceLimits();
        while (true) {
            Shard[] targets = new Shard[entries.size()];
            TreeSet<Shard> locked = new TreeSet<>(Comparator.comparingInt(shard -> shard.index));
            for (int i = 0; i < targets.length; i++) {
                targets[i] = s.route(keys[2 * i], keys[2 * i + 1]);
                locked.add(targets[i]);
            }
            locked.forEach(shard -> shard.lock.lock());
            Commit commit = null;
            List<Views.PutResult> results = new ArrayList<>(entries.size());
            int failed = 0;
            long[] highest = new long[locked.size()];
            try {
                if (locked.stream().anyMatch(shard -> !shard.isOpen())) {
                    continue; // resharded under us: route again (the finally unlocks)
                }
                WriteBatch batch = new WriteBatch();
                for (int i = 0; i < entries.size(); i++) {
                    Shard shard = targets[i];
                    Views.PutEntry e = entries.get(i);
                    if (!shard.throughput.admitWrite(sizes[i], now, enforce)) {
                        failed++;
                        shard.counters.writeThrottled.increment();
                        results.add(new Views.PutResult(null, null, KinesisErrors.PROVISIONED_THROUGHPUT_EXCEEDED.type(),
                                KinesisErrors.rateExceeded(shard.id, ref.name(), ref.account())));
                        continue;
                    }
                    long counter = shard.nextCounter++;
                    long arrival = Math.max(now, shard.lastArrivalMillis);
                    shard.lastArrivalMillis = arrival;
                    shard.arrivals.append(arrival);
                    shard.arrivals.release(shard.durableCounter);
                    byte[] key = KinesisStoreLayout.recordKey(s.number, shard.index, counter);
                    batch.put(engine.layout.records, key,
                            KinesisStoreLayout.encodeRecord(arrival, encrypted, partitionKeys[i], e.data(),
                                    dataKey));
                    batch.put(engine.layout.arrivals, key, KinesisStoreLayout.encodeLong(arrival));
                    results.add(new Views.PutResult(shard.id, shard.sequenceNumber(counter, arrival), null, null));
                }
                if (failed < entries.size()) {
                    commit = engine.store.submit(batch);
                }
                int j = 0;
                for (Shard shard : locked) {
                    highest[j++] = shard.nextCounter - 1;
                }
            } finally {
                locked.forEach(shard -> shard.lock.unlock());
            }
            long putBytes = 0;
            if (commit != null) {
                commit.await();
                for (int i = 0; i < entries.size(); i++) {
                    if (results.get(i).errorCode() == null) {
                        putBytes += sizes[i];
                    }
                }
                s.incomingRecords.add(entries.size() - failed);
                s.incomingBytes.add(putBytes);
                for (int i = 0; i < entries.size(); i++) {
                    if (results.get(i).errorCode() == null) {
                        targets[i].counters.incomingRecords.increment();
                        targets[i].counters.incomingBytes.add(sizes[i]);
                    }
                }
                int j = 0;
                for (Shard shard : locked) {
                    shard.markDurable(highest[j++]);
                }
            }
            engine.scaler.afterWrite(s, now);
            return new Views.PutOutcome(results, failed, encrypted, putBytes);
        }
    }

    /** An entry's hash key into {@code into[at]} (high half) and {@code into[at + 1]} (low half). */
    private static void hashKey(Views.PutEntry e, byte[] partitionKey, MessageDigest md5, long[] into, int at) {
        if (e.explicitHashKey() == null) {
            HashKeys.of(md5, partitionKey, into, at);
            return;
        }
        BigInteger key = new BigInteger(e.explicitHashKey());
        if (key.compareTo(HashKeys.MAX) > 0) {
            throw KinesisErrors.INVALID_ARGUMENT.error("Invalid ExplicitHashKey. ExplicitHashKey must be in the range: "
                    + "[0, 2^128-1]. Specified value was " + e.explicitHashKey());
        }
        into[at] = HashKeys.high(key);
        into[at + 1] = HashKeys.low(key);
    }

    // ---------------------------------------------------------------- iterators

    /** GetShardIterator. {@code timestampMillis} only for AT_TIMESTAMP. */
    public String shardIterator(StreamRef ref, String shardId, String type, String sequenceNumber,
                                Long timestampMillis) {
        long now = engine.now();
        Stream s = engine.find(ref, now);
        int index = Shards.lenientIndex(shardId);
        Shard shard = s.status(now) == StreamStatus.CREATING ? null : s.shard(index);
        if (shard == null) {
            throw KinesisErrors.shardNotFound(index < 0 ? shardId : Shard.id(index), ref.name(), ref.account());
        }
        boolean bySequence = type.equals("AT_SEQUENCE_NUMBER") || type.equals("AFTER_SEQUENCE_NUMBER");
        if (bySequence != (sequenceNumber != null) && !type.equals("AT_TIMESTAMP")) {
            throw KinesisErrors.INVALID_ARGUMENT.error("Must either specify (1) AT_SEQUENCE_NUMBER or "
                    + "AFTER_SEQUENCE_NUMBER and StartingSequenceNumber or (2) TRIM_HORIZON or LATEST and no "
                    + "StartingSequenceNumber. Request specified " + type + " and "
                    + (sequenceNumber == null ? "no StartingSequenceNumber." : "also a StartingSequenceNumber."));
        }
        long position;
        switch (type) {
            case "AT_SEQUENCE_NUMBER", "AFTER_SEQUENCE_NUMBER" -> {
                long counter = counterOf(sequenceNumber, shard, s);
                boolean after = type.equals("AFTER_SEQUENCE_NUMBER");
                if (counter == SequenceNumbers.END_COUNTER) {
                    position = shard.isOpen() ? counter : shard.endingCounter + 1;
                } else {
                    position = after ? counter + 1 : Math.max(counter, 1);
                }
            }
            case "TRIM_HORIZON" -> position = 1; // reads start at the oldest retained record anyway
            case "LATEST" -> {
                shard.lock.lock();
                try {
                    position = shard.nextCounter;
                } finally {
                    shard.lock.unlock();
                }
            }
            case "AT_TIMESTAMP" -> {
                if (timestampMillis == null) {
                    throw KinesisErrors.INVALID_ARGUMENT.error("Must specify timestampInMillis parameter for iterator of "
                            + "type AT_TIMESTAMP. Current request has no timestamp parameter.");
                }
                if (timestampMillis > now) {
                    throw KinesisErrors.INVALID_ARGUMENT.error("The timestampInMillis parameter cannot be greater than the "
                            + "currentTimestampInMillis. timestampInMillis: " + timestampMillis
                            + ", currentTimestampInMillis: " + now);
                }
                shard.lock.lock();
                try {
                    position = shard.arrivals.firstAtOrAfter(timestampMillis, arrivalsOf(s, shard));
                } finally {
                    shard.lock.unlock();
                }
            }
            default -> throw KinesisErrors.INVALID_ARGUMENT.error("Invalid ShardIteratorType " + type + ".");
        }
        return iterator(s, shard, position, now);
    }

    private String iterator(Stream s, Shard shard, long position, long now) {
        return engine.iterators.encode(new ShardIterators.Position(s.number, s.ref.account(), s.ref.region(),
                s.ref.name(), shard.index, position, now));
    }

    private static long counterOf(String sequenceNumber, Shard shard, Stream s) {
        SequenceNumbers.Parts parts = SequenceNumbers.parse(sequenceNumber);
        String invalid = "StartingSequenceNumber " + sequenceNumber + " used in GetShardIterator on shard " + shard.id
                + " in stream " + s.ref.name() + " under account " + s.ref.account() + " is invalid";
        if (parts == null) {
            throw KinesisErrors.INVALID_ARGUMENT.error(invalid + ".");
        }
        if (parts.shardIndex() != shard.index) {
            throw KinesisErrors.INVALID_ARGUMENT.error("Invalid StartingSequenceNumber. It encodes "
                    + Shard.id(parts.shardIndex()) + ", while it was used in a call to a shard with " + shard.id);
        }
        if (parts.shardCreatedSeconds() != Math.floorDiv(shard.createdMillis, 1000)) {
            throw KinesisErrors.INVALID_ARGUMENT.error(invalid + " because it did not come from this stream.");
        }
        return parts.counter();
    }

    // ---------------------------------------------------------------- reading

    /**
     * GetRecords: up to {@code limit} records (and 10 MiB) from the iterator's position. With
     * {@link io.wharf.kinesis.KinesisSettings#enforceLimits} a shard answers five calls a second and 2 MiB a
     * second (a larger answer leaves it refusing calls until its budget recovers), then
     * ProvisionedThroughputExceededException.
     */
    public Views.RecordsPage get(String shardIterator, int limit) {
        return get(shardIterator, null, limit);
    }

    /**
     * GetRecords naming its stream: an iterator issued for another stream than {@code streamArn} is refused as
     * "Invalid ShardIterator." (InvalidArgumentException) instead of reading the iterator's stream, whose access the
     * caller was not checked for.
     */
    public Views.RecordsPage get(String shardIterator, String streamArn, int limit) {
        return read(shardIterator, streamArn, limit, engine.settings.enforceLimits(), true);
    }

    /**
     * What a SubscribeToShard subscription reads: GetRecords' answer without GetRecords' limits (enhanced
     * fan-out has its own 2 MiB/s per consumer, which Wharf does not meter).
     */
    public Views.RecordsPage readForSubscription(String shardIterator, int limit) {
        return read(shardIterator, null, limit, false, false);
    }

    /** Where an iterator points: its position, stream and shard; an expired iterator or a gone shard throws. */
    private record Located(ShardIterators.Position p, Stream s, Shard shard) {
    }

    private Located locate(String shardIterator, String streamArn, long now) {
        ShardIterators.Position p = engine.iterators.decode(shardIterator, now);
        if (streamArn != null && !streamArn.equals(new StreamRef(p.account(), p.region(), p.stream()).arn())) {
            throw ShardIterators.invalid();
        }
        Stream s = engine.byNumber.get(p.streamNumber());
        Shard shard = s == null || s.gone(now) ? null : s.shard(p.shardIndex());
        if (shard == null) {
            throw KinesisErrors.shardNotFound(Shard.id(p.shardIndex()), p.stream(), p.account());
        }
        return new Located(p, s, shard);
    }

    /** @param getRecords a GetRecords call (its AWS/Kinesis GetRecords.* metrics), not a subscription's read */
    private Views.RecordsPage read(String shardIterator, String streamArn, int limit, boolean metered,
                                   boolean getRecords) {
        long started = System.nanoTime(); // a duration, for GetRecords.Latency only
        long now = engine.now();
        Located at = locate(shardIterator, streamArn, now);
        Stream s = at.s();
        if (!getRecords) {
            return read(at, limit, metered, now);
        }
        StreamActivity a = s.activity;
        try {
            Views.RecordsPage page = read(at, limit, metered, now);
            long bytes = 0;
            for (Views.RecordView r : page.records()) {
                bytes += r.data().length;
            }
            a.getSuccess.record(1);
            a.getLatencyMillis.record((System.nanoTime() - started) / 1e6);
            a.getRecords.record(page.records().size());
            a.getBytes.record(bytes);
            a.getIteratorAgeMillis.record(page.millisBehindLatest());
            return page;
        } catch (RuntimeException e) {
            a.getSuccess.record(0);
            throw e;
        }
    }

    private Views.RecordsPage read(Located at, int limit, boolean metered, long now) {
        ShardIterators.Position p = at.p();
        Stream s = at.s();
        Shard shard = at.shard();
        if (metered && !shard.throughput.admitRead(now)) {
            shard.counters.readThrottled.increment();
            throw KinesisErrors.PROVISIONED_THROUGHPUT_EXCEEDED.error(
                    KinesisErrors.rateExceeded(shard.id, p.stream(), p.account()));
        }
        long horizon = now - s.retentionMillis();
        long first;
        long newestArrival;
        shard.lock.lock();
        try {
            first = shard.arrivals.firstAtOrAfter(horizon, arrivalsOf(s, shard));
            newestArrival = shard.lastArrivalMillis;
        } finally {
            shard.lock.unlock();
        }
        long durable = shard.durableCounter;
        long position = Math.max(p.counter(), first);
        List<Views.RecordView> found = new ArrayList<>();
        long bytes = 0;
        long lastArrival = -1;
        while (position <= durable && found.size() < limit) {
            byte[] value = engine.store.get(engine.layout.records,
                    KinesisStoreLayout.recordKey(s.number, shard.index, position));
            if (value == null) {
                position++; // trimmed meanwhile, or never written (a failed submit)
                continue;
            }
            KinesisStoreLayout.StoredRecord r = KinesisStoreLayout.decodeRecord(value, this::open);
            if (!found.isEmpty() && bytes + r.data().length > MAX_READ_BYTES) {
                break;
            }
            bytes += r.data().length;
            found.add(new Views.RecordView(shard.sequenceNumber(position, r.arrivalMillis()), r.arrivalMillis(),
                    r.data(), r.partitionKey(), r.encrypted()));
            lastArrival = r.arrivalMillis();
            position++;
        }
        if (metered) {
            shard.throughput.charged(bytes, now);
        }
        boolean caughtUp = position > durable;
        long behind = caughtUp ? 0 : Math.max(0, newestArrival - (lastArrival >= 0 ? lastArrival : now));
        s.outgoingRecords.add(found.size());
        s.outgoingBytes.add(bytes);
        shard.lastReadBehindMillis = behind;
        shard.counters.outgoingRecords.add(found.size());
        shard.counters.outgoingBytes.add(bytes);
        shard.counters.iteratorAgeMillis.record(behind);
        List<Shard> closedInto = !shard.isOpen() && caughtUp && position > shard.endingCounter
                && durable >= shard.endingCounter ? s.children(shard.index) : List.of();
        // A reshard closes the parent (under its lock) a moment before it publishes the children: until then the
        // reader is not at the end yet (an end without ChildShards would strand KCL and subscriptions).
        if (!closedInto.isEmpty()) {
            List<Views.ChildShardView> children = new ArrayList<>();
            for (Shard child : closedInto) {
                List<String> parents = new ArrayList<>();
                parents.add(Shard.id(child.parent));
                if (child.adjacentParent >= 0) {
                    parents.add(Shard.id(child.adjacentParent));
                }
                children.add(new Views.ChildShardView(child.id, parents, child.range.start().toString(),
                        child.range.end().toString()));
            }
            return new Views.RecordsPage(found, null, 0, children);
        }
        return new Views.RecordsPage(found, iterator(s, shard, position, now), behind, List.of());
    }

    // ---------------------------------------------------------------- subscriptions (SubscribeToShard)

    /**
     * Blocks until the shard of {@code shardIterator} has a durable record at or past its position, closes, or
     * {@code millis} pass. An expired or foreign iterator returns at once (the next read reports it).
     */
    public void awaitRecords(String shardIterator, long millis) throws InterruptedException {
        Located at;
        try {
            at = locate(shardIterator, null, engine.now());
        } catch (io.wharf.protocol.AwsException e) {
            return;
        }
        at.shard().awaitDurable(at.p().counter(), millis);
    }

    /**
     * The sequence number just before the iterator's position: a subscription's ContinuationSequenceNumber
     * before it has delivered anything (resuming AFTER it starts exactly at the position).
     */
    public String sequenceNumberBefore(String shardIterator) {
        long now = engine.now();
        Located at = locate(shardIterator, null, now);
        return at.shard().sequenceNumber(Math.max(0, at.p().counter() - 1), now);
    }

    // ---------------------------------------------------------------- retention

    /** Reads a shard's arrivals back from {@code kinesis.arrivals}, for the blocks its index let go. */
    private ArrivalIndex.Reader arrivalsOf(Stream s, Shard shard) {
        return arrivalsOf(engine.store, engine.layout, s.number, shard.index);
    }

    /** Reads the arrivals of shard {@code shard} of stream {@code number} from {@code kinesis.arrivals}. */
    static ArrivalIndex.Reader arrivalsOf(Store store, KinesisStoreLayout layout, long number, int shard) {
        return (from, to, found) -> store.scan(layout.arrivals, KinesisStoreLayout.recordKey(number, shard, from),
                KinesisStoreLayout.recordKey(number, shard, to),
                (key, value) -> found.accept(KinesisStoreLayout.counterOf(key), KinesisStoreLayout.decodeLong(value)));
    }

    /** Deletes the records of {@code s} that arrived before its retention horizon. */
    void trim(Stream s, long now) {
        long horizon = now - s.retentionMillis();
        for (Shard shard : s.shards) {
            WriteBatch batch = new WriteBatch();
            long keepFrom;
            Commit commit;
            shard.lock.lock();
            try {
                long from = shard.arrivals.firstCounter();
                keepFrom = Math.min(shard.arrivals.firstAtOrAfter(horizon, arrivalsOf(s, shard)), shard.durableCounter + 1);
                if (keepFrom <= from) {
                    continue;
                }
                batch.deleteRange(engine.layout.records, KinesisStoreLayout.recordKey(s.number, shard.index, from),
                        KinesisStoreLayout.recordKey(s.number, shard.index, keepFrom));
                batch.deleteRange(engine.layout.arrivals, KinesisStoreLayout.recordKey(s.number, shard.index, from),
                        KinesisStoreLayout.recordKey(s.number, shard.index, keepFrom));
                batch.put(engine.layout.trimmed, KinesisStoreLayout.shardKey(s.number, shard.index),
                        KinesisStoreLayout.encodeLong(keepFrom));
                shard.arrivals.dropBefore(keepFrom);
                commit = engine.store.submit(batch);
            } finally {
                shard.lock.unlock();
            }
            commit.await();
        }
    }
}
