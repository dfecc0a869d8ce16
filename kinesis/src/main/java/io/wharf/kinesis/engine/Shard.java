package io.wharf.kinesis.engine;

import java.util.concurrent.locks.ReentrantLock;

/**
 * One shard: its place in the stream (hash range, lineage, creation and closing times) and its log state.
 * A record is identified by its shard-local counter (1, 2, 3, … never reused); the store holds the records,
 * memory only their arrival times ({@link ArrivalIndex}) and the counters.
 *
 * <p>{@link #lock} orders appends: counters are assigned and the record's batch submitted to the store
 * under it, so the store makes a shard's records durable in counter order. Readers only read up to
 * {@link #durableCounter}, which writers raise after awaiting their commit: a reader never sees a record
 * the writer has not been told is safe (and that a crash could take back).
 */
final class Shard {
    final int index;
    final String id;
    /** Index of the parent shard (split, or the ShardToMerge of a merge), or -1. */
    final int parent;
    /** Index of the AdjacentShardToMerge of a merge, or -1. */
    final int adjacentParent;
    final HashKeys.Range range;
    /** {@link #range}'s bounds as unsigned 64-bit halves, for routing a put without {@code BigInteger}s. */
    final long startHigh;
    final long startLow;
    final long endHigh;
    final long endLow;
    final long createdMillis;

    final ReentrantLock lock = new ReentrantLock();
    final ArrivalIndex arrivals = new ArrivalIndex();
    final ShardThroughput throughput;
    /** guarded by lock */
    long nextCounter = 1;
    /** guarded by lock: arrival of the newest record, so arrivals never go backwards */
    long lastArrivalMillis;
    /** -1 while open; set under lock */
    volatile long closedMillis = -1;
    /** the last counter assigned before closing (nextCounter − 1 then); meaningful once closed */
    volatile long endingCounter;
    volatile long durableCounter;
    /** How far behind the newest record the last read of this shard was (MillisBehindLatest), for metrics. */
    volatile long lastReadBehindMillis;
    /** Shard-level metrics' running totals (in memory only). */
    final ShardCounters counters = new ShardCounters();

    Shard(int index, int parent, int adjacentParent, HashKeys.Range range, long createdMillis) {
        this.index = index;
        this.id = id(index);
        this.parent = parent;
        this.adjacentParent = adjacentParent;
        this.range = range;
        this.startHigh = HashKeys.high(range.start());
        this.startLow = HashKeys.low(range.start());
        this.endHigh = HashKeys.high(range.end());
        this.endLow = HashKeys.low(range.end());
        this.createdMillis = createdMillis;
        this.throughput = new ShardThroughput(createdMillis);
    }

    static String id(int index) {
        return String.format("shardId-%012d", index);
    }

    boolean isOpen() {
        return closedMillis < 0;
    }

    String startingSequenceNumber() {
        return SequenceNumbers.of(createdMillis, index, 0, createdMillis);
    }

    /** Null while open. */
    String endingSequenceNumber() {
        return isOpen() ? null : SequenceNumbers.of(createdMillis, index, SequenceNumbers.END_COUNTER, closedMillis);
    }

    String sequenceNumber(long counter, long arrivalMillis) {
        return SequenceNumbers.of(createdMillis, index, counter, arrivalMillis);
    }

    /** Raises the durable watermark (callers await their commit first). */
    void markDurable(long counter) {
        synchronized (this) {
            if (counter > durableCounter) {
                durableCounter = counter;
                notifyAll(); // subscribers waiting for records (SubscribeToShard)
            }
        }
    }

    /**
     * Waits until a record at or past {@code counter} is durable, the shard closes, or {@code millis} pass:
     * how a subscription learns of new records without polling.
     */
    void awaitDurable(long counter, long millis) throws InterruptedException {
        long deadline = System.nanoTime() + millis * 1_000_000L;
        synchronized (this) {
            long left;
            while (durableCounter < counter && isOpen() && (left = deadline - System.nanoTime()) > 0) {
                wait(Math.max(1, left / 1_000_000L));
            }
        }
    }

    /** Closes the shard; the caller holds {@link #lock}. */
    void close(long nowMillis) {
        endingCounter = nextCounter - 1;
        closedMillis = nowMillis;
        synchronized (this) {
            notifyAll();
        }
    }
}
