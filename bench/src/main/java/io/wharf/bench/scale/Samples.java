package io.wharf.bench.scale;

import io.wharf.bench.measure.Percentiles;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/** Latency samples in microseconds from any thread (no warm-up window: a scale case decides what it records). */
final class Samples {
    private final Histogram histogram = new ConcurrentHistogram(3);

    void recordSince(long startNanos) {
        recordNanos(System.nanoTime() - startNanos);
    }

    void recordNanos(long nanos) {
        histogram.recordValue(Math.max(0, nanos / 1000));
    }

    long count() {
        return histogram.getTotalCount();
    }

    Percentiles percentiles() {
        return Percentiles.of(histogram);
    }
}
