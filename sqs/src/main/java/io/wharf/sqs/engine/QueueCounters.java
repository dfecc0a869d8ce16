package io.wharf.sqs.engine;

import io.wharf.protocol.metrics.Distribution;

/**
 * One queue's activity as read for the {@code AWS/SQS} metrics: running totals since the process started (the reader
 * takes differences), the message sizes sent since the last read (drained by reading), and when the queue was last
 * used (created, sent to, received from, deleted from).
 *
 * @param sentSizes the sizes (body and attributes, bytes) of the messages sent since the last read; null if none
 */
public record QueueCounters(QueueId id, long sent, long received, long deleted, long emptyReceives,
                            Distribution.Summary sentSizes, long lastUsedMillis) {
}
