package io.wharf.console.view;

/** A stream's live numbers: totals since the start and the last interval's rates. */
public record StreamNumbers(long incomingRecords, long incomingBytes, long outgoingRecords, long outgoingBytes,
                            long iteratorAgeMillis, int subscriptions, String incomingRate, String outgoingRate) {
}
