package io.wharf.bench.measure;

import org.HdrHistogram.Histogram;

/** A latency distribution summed up, in milliseconds; {@code count} is the number of samples. */
public record Percentiles(long count, double p50Millis, double p99Millis, double p999Millis,
                          double maxMillis, double meanMillis) {

    public static final Percentiles NONE = new Percentiles(0, 0, 0, 0, 0, 0);

    public static Percentiles of(Histogram microseconds) {
        if (microseconds.getTotalCount() == 0) {
            return NONE;
        }
        return new Percentiles(microseconds.getTotalCount(),
                millis(microseconds.getValueAtPercentile(50)),
                millis(microseconds.getValueAtPercentile(99)),
                millis(microseconds.getValueAtPercentile(99.9)),
                millis(microseconds.getMaxValue()),
                microseconds.getMean() / 1000);
    }

    private static double millis(long microseconds) {
        return microseconds / 1000.0;
    }
}
