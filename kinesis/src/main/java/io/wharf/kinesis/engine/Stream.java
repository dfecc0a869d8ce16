package io.wharf.kinesis.engine;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One stream (one incarnation of a name: a re-created stream gets a new {@link #number}, so old iterators
 * and records never reach it). Settings are changed under the engine's control lock; the fields the
 * record path reads (status, shard map, encryption, record size) are volatile snapshots.
 */
final class Stream {
    static final int DEFAULT_RETENTION_HOURS = 24;

    final long number;
    final StreamRef ref;
    final long createdMillis;

    volatile StreamStatus status;
    volatile long transitionAtMillis;
    volatile String mode = "PROVISIONED";
    volatile int retentionHours = DEFAULT_RETENTION_HOURS;
    volatile String encryptionType = "NONE";
    volatile String keyId;
    volatile int maxRecordKiB = 1024;
    volatile Integer warmThroughputMiBps;
    /** Every shard ever, by index (closed ones keep their lineage); replaced whole on resharding. */
    volatile List<Shard> shards = List.of();
    /** The open shards by starting hash key: where records go. Replaced together with {@link #shards}. */
    volatile List<Shard> openShards = List.of();

    /** When the current on-demand scaling window began ({@link OnDemandScaler}); not persisted. */
    volatile long scaleWindowStartMillis;
    /** Set while one writer evaluates on-demand scaling, so the others do not wait for it. */
    final AtomicBoolean scaling = new AtomicBoolean();

    final TreeSet<String> metrics = new TreeSet<>();
    final TreeMap<String, String> tags = new TreeMap<>();
    final Map<String, Consumer> consumers = new LinkedHashMap<>();
    /** Counters for metrics, in memory only: records and bytes (data + partition key in, data out) put and read. */
    final java.util.concurrent.atomic.LongAdder incomingRecords = new java.util.concurrent.atomic.LongAdder();
    final java.util.concurrent.atomic.LongAdder incomingBytes = new java.util.concurrent.atomic.LongAdder();
    final java.util.concurrent.atomic.LongAdder outgoingRecords = new java.util.concurrent.atomic.LongAdder();
    final java.util.concurrent.atomic.LongAdder outgoingBytes = new java.util.concurrent.atomic.LongAdder();
    /** The per-API metrics since the CloudWatch publisher last drained them. */
    final StreamActivity activity = new StreamActivity();
    /** SubscribeToShard subscriptions running now. */
    final java.util.concurrent.atomic.AtomicInteger subscriptions = new java.util.concurrent.atomic.AtomicInteger();
    /** Resource policies by resource ARN (the stream's or one of its consumers'). */
    final TreeMap<String, String> policies = new TreeMap<>();

    Stream(long number, StreamRef ref, long createdMillis, StreamStatus status, long transitionAtMillis) {
        this.number = number;
        this.ref = ref;
        this.createdMillis = createdMillis;
        this.status = status;
        this.transitionAtMillis = transitionAtMillis;
        this.scaleWindowStartMillis = createdMillis;
    }

    /** CREATING and UPDATING become ACTIVE when their time has come; DELETING stays until {@link #gone}. */
    StreamStatus status(long nowMillis) {
        StreamStatus s = status;
        if ((s == StreamStatus.CREATING || s == StreamStatus.UPDATING) && nowMillis >= transitionAtMillis) {
            return StreamStatus.ACTIVE;
        }
        return s;
    }

    boolean gone(long nowMillis) {
        return status == StreamStatus.DELETING && nowMillis >= transitionAtMillis;
    }

    void setShards(List<Shard> all) {
        List<Shard> open = new ArrayList<>();
        for (Shard s : all) {
            if (s.isOpen()) {
                open.add(s);
            }
        }
        open.sort((a, b) -> a.range.start().compareTo(b.range.start()));
        shards = List.copyOf(all);
        openShards = List.copyOf(open);
    }

    Shard shard(int index) {
        List<Shard> all = shards;
        return index >= 0 && index < all.size() ? all.get(index) : null;
    }

    /** The open shard whose range holds the hash key given as unsigned halves ({@link HashKeys#of}). */
    Shard route(long keyHigh, long keyLow) {
        List<Shard> open = openShards;
        int low = 0;
        int high = open.size() - 1;
        while (low <= high) {
            int mid = (low + high) >>> 1;
            Shard s = open.get(mid);
            if (HashKeys.compare(s.endHigh, s.endLow, keyHigh, keyLow) < 0) {
                low = mid + 1;
            } else if (HashKeys.compare(s.startHigh, s.startLow, keyHigh, keyLow) > 0) {
                high = mid - 1;
            } else {
                return s;
            }
        }
        throw new IllegalStateException("open shards of " + ref + " do not cover the hash key "
                + Long.toUnsignedString(keyHigh, 16) + ":" + Long.toUnsignedString(keyLow, 16));
    }

    long retentionMillis() {
        return retentionHours * 3_600_000L;
    }

    List<Shard> children(int parentIndex) {
        List<Shard> children = new ArrayList<>();
        for (Shard s : shards) {
            if (s.parent == parentIndex || s.adjacentParent == parentIndex) {
                children.add(s);
            }
        }
        return children;
    }

    String consumerArn(String consumerName, long createdMillis) {
        return ref.arn() + "/consumer/" + consumerName + ":" + (createdMillis / 1000);
    }
}
