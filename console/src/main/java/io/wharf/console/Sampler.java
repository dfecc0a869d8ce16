package io.wharf.console;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The console's own short memory of numbers, for its rates and charts (it does not depend on CloudWatch): per series
 * (a queue, topic or stream) the last {@code capacity} samples of a few values, at most {@code maxSeries} series.
 * Values are either levels (a queue's depth) or counters that only grow (records in); {@link #ratesPerSecond} turns
 * the last two samples of counters into rates.
 */
final class Sampler {
    /** One sample: when, and the values in the series' order. */
    record Point(long millis, double[] values) {
    }

    private final int capacity;
    private final int maxSeries;
    private final Map<String, ArrayDeque<Point>> series = new ConcurrentHashMap<>();

    Sampler(int capacity, int maxSeries) {
        if (capacity < 2 || maxSeries < 1) {
            throw new IllegalArgumentException("capacity >= 2 and maxSeries >= 1 required");
        }
        this.capacity = capacity;
        this.maxSeries = maxSeries;
    }

    /** Adds a sample to {@code key}'s series; a new series beyond the cap is not kept. */
    void record(String key, long millis, double... values) {
        ArrayDeque<Point> points = series.get(key);
        if (points == null) {
            if (series.size() >= maxSeries) {
                return;
            }
            points = series.computeIfAbsent(key, k -> new ArrayDeque<>(capacity));
        }
        synchronized (points) {
            if (!points.isEmpty() && points.peekLast().millis() >= millis) {
                return; // time does not go back; one sample per instant
            }
            if (points.size() == capacity) {
                points.removeFirst();
            }
            points.addLast(new Point(millis, values.clone()));
        }
    }

    /** Forgets the series not in {@code keys} (deleted resources). */
    void retain(Set<String> keys) {
        series.keySet().retainAll(keys);
    }

    /** The samples of {@code key}, oldest first (empty when none). */
    List<Point> points(String key) {
        ArrayDeque<Point> points = series.get(key);
        if (points == null) {
            return List.of();
        }
        synchronized (points) {
            return new ArrayList<>(points);
        }
    }

    /**
     * Per value, its growth per second between the last two samples (counters); null until there are two. A counter
     * that went down (a restart of what it counts) gives 0, not a negative rate.
     */
    double[] ratesPerSecond(String key) {
        List<Point> points = points(key);
        if (points.size() < 2) {
            return null;
        }
        Point before = points.get(points.size() - 2);
        Point last = points.get(points.size() - 1);
        double seconds = (last.millis() - before.millis()) / 1000.0;
        double[] rates = new double[last.values().length];
        for (int i = 0; i < rates.length && i < before.values().length; i++) {
            rates[i] = Math.max(0, (last.values()[i] - before.values()[i]) / seconds);
        }
        return rates;
    }

    int seriesCount() {
        return series.size();
    }
}
