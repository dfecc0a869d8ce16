package io.wharf.cloudwatch.engine;

import java.util.List;

/**
 * One MetricDatum of a PutMetricData call, as sent: at most one of {@code value}, {@code values} (with optional
 * {@code counts}) and {@code statisticValues} is meant to be set; the engine checks.
 *
 * @param path            where the datum sits in the request, for error texts ({@code MetricData.member.3})
 * @param timestampMillis null for "now"
 * @param unit            null for {@code None}
 * @param storageResolution null for 60
 */
public record Datum(String path, String metricName, List<Dimension> dimensions, Long timestampMillis, Double value,
                    List<Double> values, List<Double> counts, Aggregate statisticValues, String unit,
                    Integer storageResolution) {
}
