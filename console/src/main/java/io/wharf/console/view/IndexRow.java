package io.wharf.console.view;

/** One secondary index on a table's page. */
public record IndexRow(String name, String kind, String keySchema, String projection, String status, long itemCount) {
}
