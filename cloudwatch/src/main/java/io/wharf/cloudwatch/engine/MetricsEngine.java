package io.wharf.cloudwatch.engine;

import io.wharf.cloudwatch.CloudWatchErrors;
import io.wharf.storage.Commit;
import io.wharf.storage.Store;
import io.wharf.storage.WriteBatch;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * CloudWatch's metrics: PutMetricData aggregates each datum into its metric's time buckets (one-minute, and one-second
 * for high-resolution data) and writes the changed buckets before answering; ListMetrics and GetMetricStatistics read
 * memory. One lock guards all of it (CloudWatch is not on a hot path here); the batch is submitted under it, which fixes
 * its place in the store's order, and awaited after. Memory is rebuilt from the store on start.
 */
public final class MetricsEngine {
    private final Store store;
    private final Clock clock;
    private final ReentrantLock lock = new ReentrantLock();
    private final NavigableMap<MetricId, Series> metrics = new TreeMap<>();
    private int buckets;

    public MetricsEngine(Store store, Clock clock) {
        this.store = store;
        this.clock = clock;
        store.keySpace(CloudWatchStoreLayout.BUCKETS.name());
        recover();
    }

    // ---------------------------------------------------------------- PutMetricData

    /** Validates and stores the data of one call; every datum or none. */
    public void put(String account, String region, String namespace, List<Datum> data) {
        long now = clock.millis();
        PutValidation.check(namespace, data, now);
        store(account, region, namespace, data, now);
    }

    /**
     * The services' own metrics ({@code AWS/SQS}, {@code AWS/Kinesis}…), published by Wharf itself: the namespaces
     * PutMetricData refuses, stored exactly as a call's data (same buckets, caps and retention). The caller builds
     * well-formed data (finite values, at most one of value / values / statistic set); a full engine refuses the whole
     * list with the same {@code LimitExceededException} a call gets.
     */
    public void publish(String account, String region, String namespace, List<Datum> data) {
        if (!namespace.startsWith("AWS/")) {
            throw new IllegalArgumentException("not a service namespace: " + namespace);
        }
        if (!data.isEmpty()) {
            store(account, region, namespace, data, clock.millis());
        }
    }

    private void store(String account, String region, String namespace, List<Datum> data, long now) {
        WriteBatch batch = new WriteBatch();
        Commit commit;
        lock.lock();
        try {
            checkCapacity(account, region, namespace, data);
            Map<MetricId, Series> touched = new HashMap<>();
            for (Datum datum : data) {
                MetricId id = new MetricId(account, region, namespace, datum.metricName(), datum.dimensions());
                Series series = metrics.computeIfAbsent(id, k -> new Series());
                touched.put(id, series);
                long at = datum.timestampMillis() != null ? datum.timestampMillis() : now;
                String unit = datum.unit() != null ? datum.unit() : "None";
                Aggregate aggregate = aggregate(datum);
                add(batch, id, series, 60, at, unit, aggregate);
                boolean highResolution = datum.storageResolution() != null && datum.storageResolution() == 1;
                if (highResolution && at >= now - CloudWatchLimits.SECOND_RETENTION.toMillis()) {
                    add(batch, id, series, 1, at, unit, aggregate);
                }
            }
            touched.forEach((id, series) -> trim(batch, id, series, now));
            commit = store.submit(batch);
        } finally {
            lock.unlock();
        }
        commit.await();
    }

    private void checkCapacity(String account, String region, String namespace, List<Datum> data) {
        int newMetrics = 0;
        java.util.Set<MetricId> seen = new java.util.HashSet<>();
        for (Datum datum : data) {
            MetricId id = new MetricId(account, region, namespace, datum.metricName(), datum.dimensions());
            if (!metrics.containsKey(id) && seen.add(id)) {
                newMetrics++;
            }
        }
        if (metrics.size() + newMetrics > CloudWatchLimits.MAX_METRICS) {
            throw CloudWatchErrors.LIMIT_EXCEEDED.error("Wharf keeps at most " + CloudWatchLimits.MAX_METRICS
                    + " metrics; this call would add " + newMetrics + " to the " + metrics.size() + " it has.");
        }
        // each datum adds at most two buckets
        if (buckets + 2L * data.size() > CloudWatchLimits.MAX_BUCKETS) {
            throw CloudWatchErrors.LIMIT_EXCEEDED.error("Wharf keeps at most " + CloudWatchLimits.MAX_BUCKETS
                    + " metric data buckets and holds " + buckets + ".");
        }
    }

    private static Aggregate aggregate(Datum datum) {
        if (datum.value() != null) {
            return Aggregate.of(datum.value(), 1);
        }
        if (datum.statisticValues() != null) {
            return datum.statisticValues();
        }
        Aggregate total = null;
        for (int i = 0; i < datum.values().size(); i++) {
            double count = datum.counts().isEmpty() ? 1 : datum.counts().get(i);
            Aggregate one = Aggregate.of(datum.values().get(i), count);
            total = total == null ? one : total.plus(one);
        }
        return total;
    }

    private void add(WriteBatch batch, MetricId id, Series series, int resolutionSeconds, long at, String unit,
                     Aggregate aggregate) {
        long width = resolutionSeconds * 1000L;
        long start = Math.floorDiv(at, width) * width;
        int before = series.buckets();
        Aggregate merged = series.add(resolutionSeconds, start, unit, aggregate);
        buckets += series.buckets() - before;
        batch.put(CloudWatchStoreLayout.BUCKETS,
                CloudWatchStoreLayout.key(new CloudWatchStoreLayout.BucketKey(id, resolutionSeconds, start, unit)),
                CloudWatchStoreLayout.value(merged));
    }

    private void trim(WriteBatch batch, MetricId id, Series series, long now) {
        int before = series.buckets();
        Series.RemovedBucket delete = (resolution, start, unit) -> batch.delete(CloudWatchStoreLayout.BUCKETS,
                CloudWatchStoreLayout.key(new CloudWatchStoreLayout.BucketKey(id, resolution, start, unit)));
        series.trim(60, now - CloudWatchLimits.MINUTE_RETENTION.toMillis(), delete);
        series.trim(1, now - CloudWatchLimits.SECOND_RETENTION.toMillis(), delete);
        buckets -= before - series.buckets();
        if (series.buckets() == 0) {
            metrics.remove(id);
        }
    }

    // ---------------------------------------------------------------- ListMetrics

    /** A ListMetrics filter on one dimension: its name, and its value when not null. */
    public record DimensionFilter(String name, String value) {
    }

    public record Page(List<MetricId> metrics, String nextToken) {
    }

    /**
     * The metrics with data within the retention (or, with {@code recentlyActive}, within three hours) matching the
     * filters, in namespace/name/dimension order, {@link CloudWatchLimits#LIST_PAGE} at a time.
     */
    public Page list(String account, String region, String namespace, String metricName,
                     List<DimensionFilter> dimensions, boolean recentlyActive, String nextToken) {
        long now = clock.millis();
        long since = now - (recentlyActive ? 3 * 3_600_000L : CloudWatchLimits.MINUTE_RETENTION.toMillis());
        String after = nextToken == null ? null : token(nextToken);
        List<MetricId> page = new ArrayList<>();
        String next = null;
        lock.lock();
        try {
            for (Map.Entry<MetricId, Series> e : metrics.entrySet()) {
                MetricId id = e.getKey();
                if (!id.account().equals(account) || !id.region().equals(region)
                        || namespace != null && !id.namespace().equals(namespace)
                        || metricName != null && !id.metricName().equals(metricName)
                        || !matches(id, dimensions) || e.getValue().newest() < since - 60_000) {
                    continue;
                }
                if (after != null && position(id).compareTo(after) <= 0) {
                    continue;
                }
                if (page.size() == CloudWatchLimits.LIST_PAGE) {
                    next = Base64.getUrlEncoder().withoutPadding()
                            .encodeToString(position(page.get(page.size() - 1)).getBytes(StandardCharsets.UTF_8));
                    break;
                }
                page.add(id);
            }
        } finally {
            lock.unlock();
        }
        return new Page(page, next);
    }

    private static boolean matches(MetricId id, List<DimensionFilter> filters) {
        for (DimensionFilter filter : filters) {
            boolean found = id.dimensions().stream().anyMatch(d -> d.name().equals(filter.name())
                    && (filter.value() == null || d.value().equals(filter.value())));
            if (!found) {
                return false;
            }
        }
        return true;
    }

    /** A metric's place in the listing order, as text: what a NextToken carries. */
    private static String position(MetricId id) {
        StringBuilder s = new StringBuilder().append(id.namespace()).append('\u0000').append(id.metricName());
        for (Dimension d : id.dimensions()) {
            s.append('\u0000').append(d.name()).append('\u0001').append(d.value());
        }
        return s.toString();
    }

    private static String token(String nextToken) {
        try {
            return new String(Base64.getUrlDecoder().decode(nextToken), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw CloudWatchErrors.invalidValue("NextToken", nextToken);
        }
    }

    // ---------------------------------------------------------------- GetMetricStatistics

    /**
     * The datapoints of one metric (exactly these dimensions) between {@code startMillis} (inclusive) and
     * {@code endMillis} (exclusive), one per period and unit that has data, in time order. Periods under a minute read
     * the one-second buckets (high-resolution data only, as in AWS); longer ones the one-minute buckets.
     *
     * @param unit only data sent with this unit, or every unit when null
     */
    public List<Datapoint> statistics(String account, String region, String namespace, String metricName,
                                      List<Dimension> dimensions, long startMillis, long endMillis, int periodSeconds,
                                      String unit, boolean statistics, List<String> extendedStatistics) {
        PutValidation.statistics(startMillis, endMillis, periodSeconds, statistics, extendedStatistics);
        Map<Long, Map<String, Aggregate>> periods = new TreeMap<>();
        eachBucket(new MetricId(account, region, namespace, metricName, dimensions), startMillis, endMillis,
                periodSeconds, unit, (period, bucketUnit, aggregate) -> periods
                        .computeIfAbsent(period, p -> new TreeMap<>()).merge(bucketUnit, aggregate, Aggregate::plus));
        List<Datapoint> datapoints = new ArrayList<>();
        periods.forEach((start, units) -> units.forEach((u, a) -> datapoints.add(new Datapoint(start, u, a))));
        datapoints.sort(Comparator.comparingLong(Datapoint::timestampMillis));
        return datapoints;
    }

    /**
     * One metric's data per period between {@code startMillis} (inclusive) and {@code endMillis} (exclusive), every
     * unit merged unless {@code unit} names one: what GetMetricData and the alarms read. No limit on the count here;
     * the callers bound it.
     */
    public NavigableMap<Long, Aggregate> periods(MetricId metric, long startMillis, long endMillis, int periodSeconds,
                                                 String unit) {
        NavigableMap<Long, Aggregate> periods = new TreeMap<>();
        eachBucket(metric, startMillis, endMillis, periodSeconds, unit,
                (period, bucketUnit, aggregate) -> periods.merge(period, aggregate, Aggregate::plus));
        return periods;
    }

    /** What {@link #eachBucket} hands on: a stored bucket's aggregate of one unit, and the period it falls in. */
    @FunctionalInterface
    private interface BucketSink {
        void accept(long periodStartMillis, String unit, Aggregate aggregate);
    }

    /**
     * Every stored bucket of {@code metric} between {@code startMillis} (inclusive, rounded down to a period) and
     * {@code endMillis} (exclusive), with the period it falls in, under the lock: one-second buckets for periods under
     * a minute (high-resolution data only, as in AWS), one-minute ones otherwise; only {@code unit}'s unless null.
     */
    private void eachBucket(MetricId metric, long startMillis, long endMillis, int periodSeconds, String unit,
                            BucketSink sink) {
        long periodMillis = periodSeconds * 1000L;
        long from = Math.floorDiv(startMillis, periodMillis) * periodMillis;
        int resolution = periodSeconds < 60 ? 1 : 60;
        lock.lock();
        try {
            Series series = metrics.get(metric);
            if (series == null) {
                return;
            }
            for (Map.Entry<Long, Map<String, Aggregate>> bucket
                    : series.at(resolution).subMap(from, true, endMillis, false).entrySet()) {
                long period = from + Math.floorDiv(bucket.getKey() - from, periodMillis) * periodMillis;
                bucket.getValue().forEach((bucketUnit, aggregate) -> {
                    if (unit == null || unit.equals(bucketUnit)) {
                        sink.accept(period, bucketUnit, aggregate);
                    }
                });
            }
        } finally {
            lock.unlock();
        }
    }

    // ---------------------------------------------------------------- recovery

    /** Rebuilds memory from the store; buckets past their retention are deleted on the way. */
    private void recover() {
        long now = clock.millis();
        WriteBatch expired = new WriteBatch();
        store.scan(CloudWatchStoreLayout.BUCKETS, new byte[0], (key, value) -> {
            CloudWatchStoreLayout.BucketKey bucket = CloudWatchStoreLayout.parseKey(key);
            long retention = bucket.resolutionSeconds() == 1 ? CloudWatchLimits.SECOND_RETENTION.toMillis()
                    : CloudWatchLimits.MINUTE_RETENTION.toMillis();
            if (bucket.startMillis() < now - retention) {
                expired.delete(CloudWatchStoreLayout.BUCKETS, key);
                return;
            }
            Series series = metrics.computeIfAbsent(bucket.metric(), k -> new Series());
            int before = series.buckets();
            series.restore(bucket.resolutionSeconds(), bucket.startMillis(), bucket.unit(),
                    CloudWatchStoreLayout.parseValue(value));
            buckets += series.buckets() - before;
        });
        metrics.values().removeIf(s -> s.buckets() == 0);
        if (!expired.isEmpty()) {
            store.commit(expired);
        }
    }

    /** How many metrics and buckets are held (for tests and health). */
    public int metricCount() {
        lock.lock();
        try {
            return metrics.size();
        } finally {
            lock.unlock();
        }
    }
}
