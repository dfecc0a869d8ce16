package io.wharf.sqs.engine;

/** One queue's running totals since the process started: messages sent, received and deleted (never drained). */
public record QueueThroughput(QueueId id, long sent, long received, long deleted) {
}
