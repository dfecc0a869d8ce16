package io.wharf.console.view;

/** One bucket in the list: its region and creation time (ISO 8601). */
public record BucketRow(String name, String region, String created, String link) {
}
