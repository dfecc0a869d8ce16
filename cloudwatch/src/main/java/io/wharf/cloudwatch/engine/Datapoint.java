package io.wharf.cloudwatch.engine;

/** One period of GetMetricStatistics: its start, the unit the data was sent with, and the aggregate. */
public record Datapoint(long timestampMillis, String unit, Aggregate aggregate) {
}
