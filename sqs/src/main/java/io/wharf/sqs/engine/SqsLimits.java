package io.wharf.sqs.engine;

/**
 * The engine's limits and waiting periods in one object. {@link #strict()} is AWS; {@link #relaxed()} turns off
 * the waiting periods that make local test suites slow (recreate after delete, purge interval).
 *
 * @param deletedQueueQuarantineSeconds how long a deleted name cannot be recreated (QueueDeletedRecently)
 * @param purgeIntervalSeconds          minimum time between two purges of one queue (PurgeQueueInProgress)
 * @param maxInflightStandard           in-flight messages of a standard queue before ReceiveMessage fails (OverLimit)
 * @param maxInflightFifo               in-flight messages of a FIFO queue before receives return nothing
 * @param dedupIntervalSeconds          FIFO deduplication window
 * @param contentMemoryBytes            message contents (bodies, attributes) memory may hold beyond the young
 *                                      ones; the rest is read from the store when needed (see ContentMemory)
 */
public record SqsLimits(int deletedQueueQuarantineSeconds, int purgeIntervalSeconds, int maxInflightStandard,
                        int maxInflightFifo, int dedupIntervalSeconds, long contentMemoryBytes) {
    /** 64 MiB: a burst of sends is received from memory, a backlog of a million bodies is not kept there. */
    static final long CONTENT_MEMORY_BYTES = 64L << 20;

    public static SqsLimits strict() {
        return new SqsLimits(60, 60, 120_000, 120_000, 300, CONTENT_MEMORY_BYTES);
    }

    public static SqsLimits relaxed() {
        return new SqsLimits(0, 0, 120_000, 120_000, 300, CONTENT_MEMORY_BYTES);
    }

    public static SqsLimits of(boolean relaxed) {
        return relaxed ? relaxed() : strict();
    }

    /** The same limits with another content budget (tests: 0 makes every receive read the store). */
    public SqsLimits withContentMemoryBytes(long bytes) {
        return new SqsLimits(deletedQueueQuarantineSeconds, purgeIntervalSeconds, maxInflightStandard,
                maxInflightFifo, dedupIntervalSeconds, bytes);
    }
}
