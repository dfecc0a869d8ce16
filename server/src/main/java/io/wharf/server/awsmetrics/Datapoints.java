package io.wharf.server.awsmetrics;

import io.wharf.cloudwatch.engine.Aggregate;
import io.wharf.cloudwatch.engine.Datum;
import io.wharf.cloudwatch.engine.Dimension;
import io.wharf.protocol.metrics.Distribution;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One interval's datapoints, grouped by account, region and namespace (one CloudWatch write each), all stamped with the
 * interval's time. Every datapoint is a statistic set (count, sum, minimum, maximum), as AWS's own metrics are.
 */
final class Datapoints {
    /** Where a group of datapoints goes. */
    record Scope(String account, String region, String namespace) {
    }

    private final long timestampMillis;
    private final Map<Scope, List<Datum>> byScope = new LinkedHashMap<>();

    Datapoints(long timestampMillis) {
        this.timestampMillis = timestampMillis;
    }

    /** One sample of {@code value} (a gauge read now, or a count over the interval). */
    void add(Scope scope, String metricName, List<Dimension> dimensions, String unit, double value) {
        add(scope, metricName, dimensions, unit, Aggregate.of(value, 1));
    }

    /** The values recorded over the interval (one per call or message). */
    void add(Scope scope, String metricName, List<Dimension> dimensions, String unit, Distribution.Summary values) {
        add(scope, metricName, dimensions, unit, new Aggregate(values.count(), values.sum(), values.minimum(),
                values.maximum()));
    }

    void add(Scope scope, String metricName, List<Dimension> dimensions, String unit, Aggregate aggregate) {
        List<Datum> data = byScope.computeIfAbsent(scope, s -> new ArrayList<>());
        data.add(new Datum("MetricData.member." + (data.size() + 1), metricName, dimensions, timestampMillis, null,
                List.of(), List.of(), aggregate, unit, 60));
    }

    Map<Scope, List<Datum>> byScope() {
        return byScope;
    }

    int size() {
        return byScope.values().stream().mapToInt(List::size).sum();
    }

    /** Two summaries of the same interval as one (either may be null). */
    static Distribution.Summary merge(Distribution.Summary a, Distribution.Summary b) {
        if (a == null) {
            return b;
        }
        if (b == null) {
            return a;
        }
        return new Distribution.Summary(a.count() + b.count(), a.sum() + b.sum(), Math.min(a.minimum(), b.minimum()),
                Math.max(a.maximum(), b.maximum()));
    }
}
