package io.wharf.console.view;

/** A queue's live numbers (the fragment the page polls). */
public record QueueNumbers(long visible, long inFlight, long delayed, long oldestAgeSeconds) {
}
