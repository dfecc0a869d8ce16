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
 */
public record SqsLimits(int deletedQueueQuarantineSeconds, int purgeIntervalSeconds, int maxInflightStandard,
                        int maxInflightFifo, int dedupIntervalSeconds) {

    public static SqsLimits strict() {
        return new SqsLimits(60, 60, 120_000, 120_000, 300);
    }

    public static SqsLimits relaxed() {
        return new SqsLimits(0, 0, 120_000, 120_000, 300);
    }

    public static SqsLimits of(boolean relaxed) {
        return relaxed ? relaxed() : strict();
    }
}
