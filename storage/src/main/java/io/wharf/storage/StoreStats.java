package io.wharf.storage;

/**
 * What a store measured since it opened, for metrics (in memory only): group commits (one write and, with
 * {@code fsync=always}, one fsync each), the batches they carried, the bytes written and the time the writes took.
 * Group size = batches / groups; mean write latency = writeNanos / groups.
 */
public record StoreStats(long groups, long batches, long bytesWritten, long writeNanos) {
    /** A store that measures nothing (in memory). */
    public static final StoreStats NONE = new StoreStats(0, 0, 0, 0);
}
