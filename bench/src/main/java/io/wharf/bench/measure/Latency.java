package io.wharf.bench.measure;

import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/**
 * One named latency, recorded in microseconds into an HdrHistogram (3 significant digits) by any
 * number of threads, and only while the window is measuring.
 */
public final class Latency {
    private final String name;
    private final Window window;
    private final Histogram histogram = new ConcurrentHistogram(3);

    public Latency(String name, Window window) {
        this.name = name;
        this.window = window;
    }

    public String name() {
        return name;
    }

    /** Records {@code System.nanoTime() - startNanos}. */
    public void recordSince(long startNanos) {
        recordNanos(System.nanoTime() - startNanos);
    }

    public void recordNanos(long nanos) {
        if (window.measuring()) {
            histogram.recordValue(Math.max(0, nanos / 1000));
        }
    }

    public Percentiles percentiles() {
        return Percentiles.of(histogram);
    }
}
