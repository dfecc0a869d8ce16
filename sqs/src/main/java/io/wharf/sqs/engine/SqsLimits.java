package io.wharf.sqs.engine;

/**
 * The engine's limits and waiting periods in one object. {@link #strict()} is AWS; {@link #relaxed()} turns off
 * the waiting periods that make local test suites slow (recreate after delete, purge interval).
 *
 * @param deletedQueueQuarantineSeconds how long a deleted name cannot be recreated (QueueDeletedRecently)
 * @param purgeIntervalSeconds          minimum time between two purges of one queue (PurgeQueueInProgress)
 * @param maxInflightStandard           in-flight messages of a standard queue before ReceiveMessage fails (OverLimit)
 * @param maxInflightFifo               in-flight messages of a FIFO queue before receives return nothing; also how
 *                                      deep a FIFO receive looks for groups not in flight (AWS: the first 120,000
 *                                      messages), reading a backlog into memory that far if it must
 * @param dedupIntervalSeconds          FIFO deduplication window
 * @param contentMemoryBytes            message contents (bodies, attributes) memory may hold beyond the young
 *                                      ones; the rest is read from the store when needed (see ContentMemory)
 * @param hotMessages                   visible messages a queue holds in memory, and delayed ones (standard queues);
 *                                      a backlog beyond them stays in the store and is read back a page at a time
 *                                      (see Backlog and ColdDelays)
 * @param hotMessagesTotal              visible and delayed messages all queues hold in memory together;
 *                                      beyond half of it, the queues holding messages share it out (see HotWindows)
 * @param maxInflightTotal              in-flight messages of all queues together (each ~230–290 B of heap):
 *                                      beyond it a standard queue's receive fails (OverLimit) and a FIFO queue's
 *                                      returns nothing, as at their own limits (see InflightBudget). Not AWS's: AWS
 *                                      caps each queue only
 */
public record SqsLimits(int deletedQueueQuarantineSeconds, int purgeIntervalSeconds, int maxInflightStandard,
                        int maxInflightFifo, int dedupIntervalSeconds, long contentMemoryBytes, int hotMessages,
                        long hotMessagesTotal, long maxInflightTotal) {
    /** 64 MiB: a burst of sends is received from memory, a backlog of a million bodies is not kept there. */
    static final long CONTENT_MEMORY_BYTES = 64L << 20;
    /** 10,000 visible messages (~2.5 MB of index) per queue: receivers never wait for a page, a backlog costs no heap. */
    static final int HOT_MESSAGES = 10_000;
    /**
     * 250,000 visible messages (~60 MB of index, as much as the content budget) in all queues' windows
     * together: 25 busy queues keep their whole window, 10,000 queues with messages keep 25 each, and more queues
     * keep {@value HotWindows#SMALLEST_WINDOW} each.
     */
    static final long HOT_MESSAGES_TOTAL = 250_000;
    /**
     * 1,000,000 in-flight messages (~230–290 MB of heap) in all queues together: eight queues at AWS's 120,000 each.
     * AWS caps each queue; a server caps their sum too, or a client that receives without deleting from many queues
     * fills its heap.
     */
    public static final long MAX_INFLIGHT_TOTAL = 1_000_000;

    public SqsLimits {
        if (hotMessages < 1) {
            throw new IllegalArgumentException("hotMessages must be at least 1: " + hotMessages);
        }
        if (hotMessagesTotal < 1) {
            throw new IllegalArgumentException("hotMessagesTotal must be at least 1: " + hotMessagesTotal);
        }
        if (maxInflightTotal < 1) {
            throw new IllegalArgumentException("maxInflightTotal must be at least 1: " + maxInflightTotal);
        }
    }

    public static SqsLimits strict() {
        return new SqsLimits(60, 60, 120_000, 120_000, 300, CONTENT_MEMORY_BYTES, HOT_MESSAGES, HOT_MESSAGES_TOTAL,
                MAX_INFLIGHT_TOTAL);
    }

    public static SqsLimits relaxed() {
        return new SqsLimits(0, 0, 120_000, 120_000, 300, CONTENT_MEMORY_BYTES, HOT_MESSAGES, HOT_MESSAGES_TOTAL,
                MAX_INFLIGHT_TOTAL);
    }

    public static SqsLimits of(boolean relaxed) {
        return relaxed ? relaxed() : strict();
    }

    /** The same limits with another content budget (tests: 0 makes every receive read the store). */
    public SqsLimits withContentMemoryBytes(long bytes) {
        return new SqsLimits(deletedQueueQuarantineSeconds, purgeIntervalSeconds, maxInflightStandard,
                maxInflightFifo, dedupIntervalSeconds, bytes, hotMessages, hotMessagesTotal, maxInflightTotal);
    }

    /** The same limits with another budget for all queues' windows together (tests: a small one shares it). */
    public SqsLimits withHotMessagesTotal(long messages) {
        return new SqsLimits(deletedQueueQuarantineSeconds, purgeIntervalSeconds, maxInflightStandard,
                maxInflightFifo, dedupIntervalSeconds, contentMemoryBytes, hotMessages, messages, maxInflightTotal);
    }

    /** The same limits with another hot window per queue (tests: a small one makes every backlog page). */
    public SqsLimits withHotMessages(int messages) {
        return new SqsLimits(deletedQueueQuarantineSeconds, purgeIntervalSeconds, maxInflightStandard,
                maxInflightFifo, dedupIntervalSeconds, contentMemoryBytes, messages, hotMessagesTotal,
                maxInflightTotal);
    }

    /** The same limits with another cap on all queues' in-flight messages together (the server's setting; tests). */
    public SqsLimits withMaxInflightTotal(long messages) {
        return new SqsLimits(deletedQueueQuarantineSeconds, purgeIntervalSeconds, maxInflightStandard,
                maxInflightFifo, dedupIntervalSeconds, contentMemoryBytes, hotMessages, hotMessagesTotal, messages);
    }
}
