package io.wharf.console.view;

/** One topic in the list. */
public record TopicRow(String name, String arn, String link, long published, long delivered, long failed) {
}
