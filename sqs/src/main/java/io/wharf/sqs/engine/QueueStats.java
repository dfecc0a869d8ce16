package io.wharf.sqs.engine;

/**
 * One queue's numbers for metrics (read-only, taken under the queue's lock without changing anything): messages
 * visible, in flight and delayed as {@code GetQueueAttributes} would answer now, and the age of the oldest message.
 *
 * @param oldestAgeSeconds the age of the oldest message in the queue (any state), 0 when it is empty
 */
public record QueueStats(QueueId id, long visible, long inFlight, long delayed, long oldestAgeSeconds) {
}
