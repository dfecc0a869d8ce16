package io.wharf.sns.engine;

/** What Publish answers: the MessageId, and the SequenceNumber on FIFO topics (else null). */
public record PublishResult(String messageId, String sequenceNumber) {
}
