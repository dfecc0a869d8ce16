package io.wharf.cloudwatch.engine;

import java.util.Comparator;
import java.util.List;

/**
 * A metric's identity: account, region, namespace, name and its dimensions, sorted by name (the order they were sent
 * in does not make another metric, as in AWS).
 */
public record MetricId(String account, String region, String namespace, String metricName,
                       List<Dimension> dimensions) implements Comparable<MetricId> {
    public MetricId {
        dimensions = dimensions.stream().sorted(Comparator.comparing(Dimension::name)).toList();
    }

    /** The order ListMetrics pages in: namespace, name, then the dimensions. */
    @Override
    public int compareTo(MetricId other) {
        int c = namespace.compareTo(other.namespace);
        if (c == 0) {
            c = metricName.compareTo(other.metricName);
        }
        for (int i = 0; c == 0 && i < Math.min(dimensions.size(), other.dimensions.size()); i++) {
            c = dimensions.get(i).name().compareTo(other.dimensions.get(i).name());
            if (c == 0) {
                c = dimensions.get(i).value().compareTo(other.dimensions.get(i).value());
            }
        }
        return c != 0 ? c : Integer.compare(dimensions.size(), other.dimensions.size());
    }
}
