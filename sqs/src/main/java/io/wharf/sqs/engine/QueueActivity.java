package io.wharf.sqs.engine;

import io.wharf.protocol.metrics.Distribution;

import java.util.concurrent.atomic.LongAdder;

/**
 * What was done to one queue, for the {@code AWS/SQS} metrics, in memory only (a restart starts from zero): running
 * totals of messages sent, received and deleted and of receives that returned nothing, the sizes of the messages sent
 * since the publisher last read them, and when the queue was last used (AWS publishes a queue's metrics while it is
 * "active": it holds messages or was used in the last six hours).
 */
final class QueueActivity {
    final LongAdder sent = new LongAdder();
    final LongAdder received = new LongAdder();
    final LongAdder deleted = new LongAdder();
    final LongAdder emptyReceives = new LongAdder();
    final Distribution sentSizes = new Distribution();
    volatile long lastUsedMillis;

    QueueActivity(long createdMillis) {
        this.lastUsedMillis = createdMillis;
    }

    void used(long nowMillis) {
        if (nowMillis > lastUsedMillis) {
            lastUsedMillis = nowMillis;
        }
    }
}
