package io.wharf.console.view;

/** A record read by the tail: its data as text when it is UTF-8, else in base64. */
public record RecordRow(String sequenceNumber, String arrival, String partitionKey, String data, boolean base64) {
}
