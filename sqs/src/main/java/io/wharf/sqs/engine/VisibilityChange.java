package io.wharf.sqs.engine;

/** One ChangeMessageVisibilityBatch entry. */
public record VisibilityChange(String receiptHandle, int visibilityTimeout) {
}
