package io.wharf.sqs.engine;

/**
 * What the SQS engine holds in memory, for the operators' metrics: the visible and delayed messages of the
 * queues (bounded together by {@link SqsLimits#hotMessagesTotal()}; the rest waits in the store) and the bytes of
 * message contents (bounded by {@link SqsLimits#contentMemoryBytes()} beyond the young ones), and the in-flight
 * messages of all queues (bounded together by {@link SqsLimits#maxInflightTotal()}).
 */
public record SqsMemory(long windowMessages, long contentBytes, long inflightMessages) {
}
