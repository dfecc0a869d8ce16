package io.wharf.storage;

/**
 * What a store measured since it opened, for metrics (in memory only): group commits (one write and, with
 * {@code fsync=always}, one fsync each), the batches they carried, the bytes written and the time the writes took.
 * Group size = batches / groups; mean write latency = writeNanos / groups. {@code slowGroups} counts the group writes
 * that took 10 ms or more, {@code maxWriteNanos} is the slowest one: an fsync that stalls shows there.
 */
public record StoreStats(long groups, long batches, long bytesWritten, long writeNanos, long slowGroups,
                         long maxWriteNanos) {
    /** A store that measures nothing (in memory). */
    public static final StoreStats NONE = new StoreStats(0, 0, 0, 0, 0, 0);
}
