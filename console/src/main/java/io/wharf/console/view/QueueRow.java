package io.wharf.console.view;

/** One queue in the list, with its depth now. */
public record QueueRow(String name, String link, long visible, long inFlight, long delayed, long oldestAgeSeconds) {
}
