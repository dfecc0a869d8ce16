package io.wharf.cloudwatch.operations;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wharf.cloudwatch.CloudWatchErrors;
import io.wharf.cloudwatch.engine.Aggregate;
import io.wharf.cloudwatch.engine.MetricId;
import io.wharf.cloudwatch.engine.MetricMath;
import io.wharf.cloudwatch.engine.MetricsEngine;
import io.wharf.protocol.Input;
import io.wharf.protocol.Operation;
import io.wharf.protocol.RequestContext;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.TreeMap;

/**
 * GetMetricData: MetricStat queries read the stored aggregates per period (every unit merged unless Unit names one;
 * percentiles only where the aggregate pins them down, see {@link Aggregate#statistic}); Expression queries are metric
 * math over the other queries' results ({@link MetricMath}). Results come for the queries whose ReturnData is not
 * false, in request order, newest first unless ScanBy is TimestampAscending, at most MaxDatapoints (default 100,800)
 * datapoints a page across all results: a result cut short says PartialData and the answer carries a NextToken.
 * Metrics Insights queries (SELECT …) are not implemented.
 */
public final class GetMetricData implements Operation {
    static final int MAX_QUERIES = 500;
    static final int DEFAULT_MAX_DATAPOINTS = 100_800;

    private final MetricsEngine engine;

    public GetMetricData(MetricsEngine engine) {
        this.engine = engine;
    }

    private record Query(String path, Input input) {
        String id() {
            return input.string("Id");
        }
    }

    @Override
    public ObjectNode invoke(RequestContext ctx, Input input) {
        long start = input.longValue("StartTime");
        long end = input.longValue("EndTime");
        if (start >= end) {
            throw CloudWatchErrors.INVALID_PARAMETER_VALUE.error(
                    "The parameter StartTime must be less than the parameter EndTime.");
        }
        Map<String, Query> queries = validate(input.structs("MetricDataQueries"));
        Map<String, MetricMath.TimeSeries> done = new HashMap<>();
        Set<String> evaluating = new HashSet<>();
        Map<String, MetricMath.TimeSeries> results = new LinkedHashMap<>();
        long gridPeriod = gridPeriodMillis(queries.values());
        for (Query query : queries.values()) {
            MetricMath.TimeSeries series = evaluate(ctx, query, queries, done, evaluating, start, end, gridPeriod);
            if (!Boolean.FALSE.equals(query.input().bool("ReturnData"))) {
                results.put(query.id(), series);
            }
        }
        boolean ascending = "TimestampAscending".equals(input.string("ScanBy"));
        Integer max = input.integer("MaxDatapoints");
        if (max != null && max < 1) {
            throw CloudWatchErrors.invalidValue("MaxDatapoints", max);
        }
        long pageSize = max == null ? DEFAULT_MAX_DATAPOINTS : max;
        long skip = input.string("NextToken") == null ? 0 : offset(input.string("NextToken"));

        ObjectNode out = Wire.object();
        ArrayNode list = out.putArray("MetricDataResults");
        long position = 0;
        long taken = 0;
        boolean more = false;
        for (Map.Entry<String, MetricMath.TimeSeries> result : results.entrySet()) {
            Query query = queries.get(result.getKey());
            ObjectNode r = list.addObject().put("Id", result.getKey()).put("Label", label(query));
            ArrayNode timestamps = r.putArray("Timestamps");
            ArrayNode values = r.putArray("Values");
            NavigableMap<Long, Double> points = ascending ? result.getValue().points()
                    : result.getValue().points().descendingMap();
            boolean partial = false;
            for (Map.Entry<Long, Double> point : points.entrySet()) {
                if (position++ < skip) {
                    continue;
                }
                if (taken == pageSize) {
                    partial = true;
                    break;
                }
                timestamps.add(point.getKey());
                values.add(point.getValue());
                taken++;
            }
            more |= partial;
            r.put("StatusCode", partial ? "PartialData" : "Complete");
            r.putArray("Messages");
        }
        out.putArray("Messages");
        if (more) {
            out.put("NextToken", Base64.getUrlEncoder().withoutPadding()
                    .encodeToString(Long.toString(skip + taken).getBytes(StandardCharsets.UTF_8)));
        }
        return out;
    }

    /** AWS's rules on the queries, beyond the model's. */
    private static Map<String, Query> validate(List<Input> inputs) {
        if (inputs.size() > MAX_QUERIES) {
            throw CloudWatchErrors.tooMany("MetricDataQueries", MAX_QUERIES);
        }
        Map<String, Query> queries = new LinkedHashMap<>();
        for (int i = 0; i < inputs.size(); i++) {
            String path = "MetricDataQueries.member." + (i + 1);
            Input q = inputs.get(i);
            String id = q.string("Id");
            if (!id.matches("[a-z][a-zA-Z0-9_]*")) {
                throw CloudWatchErrors.INVALID_PARAMETER_VALUE.error("The value " + id + " for parameter " + path
                        + ".Id is invalid: it must start with a lowercase letter and hold only letters, digits and "
                        + "underscores.");
            }
            boolean stat = q.struct("MetricStat") != null;
            boolean expression = q.string("Expression") != null;
            if (stat && expression) {
                throw CloudWatchErrors.exclusive(path + ".MetricStat", path + ".Expression");
            }
            if (!stat && !expression) {
                throw CloudWatchErrors.MISSING_PARAMETER.error("One of the parameters " + path + ".MetricStat or "
                        + path + ".Expression must be specified.");
            }
            if (stat) {
                Input s = q.struct("MetricStat");
                if (!Aggregate.known(s.string("Stat"))) {
                    throw CloudWatchErrors.invalidValue(path + ".MetricStat.Stat", s.string("Stat"));
                }
                period(path + ".MetricStat.Period", s.integer("Period"));
            }
            if (expression && q.string("Expression").trim().toUpperCase(java.util.Locale.ROOT).startsWith("SELECT")) {
                throw CloudWatchErrors.INVALID_PARAMETER_VALUE.error("Metrics Insights queries (" + path
                        + ".Expression) are not implemented by Wharf.");
            }
            if (q.integer("Period") != null) {
                period(path + ".Period", q.integer("Period"));
            }
            if (queries.put(id, new Query(path, q)) != null) {
                throw CloudWatchErrors.INVALID_PARAMETER_VALUE.error(
                        "The values for parameter id in MetricDataQueries are not unique.");
            }
        }
        if (queries.values().stream().allMatch(q -> Boolean.FALSE.equals(q.input().bool("ReturnData")))) {
            throw CloudWatchErrors.INVALID_PARAMETER_VALUE.error(
                    "No metric data queries return data: set ReturnData to true on at least one.");
        }
        return queries;
    }

    private static void period(String path, int period) {
        if (period % 60 != 0 && !Set.of(1, 5, 10, 20, 30).contains(period)) {
            throw CloudWatchErrors.INVALID_PARAMETER_VALUE.error("The parameter " + path
                    + " must be 1, 5, 10, 20, 30, or a multiple of 60.");
        }
    }

    /** The period FILL and scalar results use: the smallest MetricStat period, else 60 s. */
    private static long gridPeriodMillis(java.util.Collection<Query> queries) {
        return queries.stream().filter(q -> q.input().struct("MetricStat") != null)
                .mapToLong(q -> q.input().struct("MetricStat").integer("Period") * 1000L).min().orElse(60_000L);
    }

    private MetricMath.TimeSeries evaluate(RequestContext ctx, Query query, Map<String, Query> queries,
                                           Map<String, MetricMath.TimeSeries> done, Set<String> evaluating,
                                           long start, long end, long gridPeriod) {
        MetricMath.TimeSeries known = done.get(query.id());
        if (known != null) {
            return known;
        }
        MetricMath.TimeSeries series;
        Input stat = query.input().struct("MetricStat");
        if (stat != null) {
            series = metricStat(ctx, stat, start, end);
        } else {
            if (!evaluating.add(query.id())) {
                throw CloudWatchErrors.VALIDATION.error("Error in expression " + query.id()
                        + ": the expressions refer to each other in a cycle.");
            }
            long period = query.input().integer("Period") != null ? query.input().integer("Period") * 1000L
                    : gridPeriod;
            try {
                series = MetricMath.evaluate(query.input().string("Expression"), name -> {
                    Query other = queries.get(name);
                    if (other == null) {
                        throw new MetricMath.MathException("Unrecognized metric id " + name + ".");
                    }
                    return evaluate(ctx, other, queries, done, evaluating, start, end, gridPeriod);
                }, new MetricMath.Grid(start, end, period));
            } catch (MetricMath.MathException e) {
                throw CloudWatchErrors.VALIDATION.error("Error in expression " + query.id() + ": " + e.getMessage());
            }
            evaluating.remove(query.id());
        }
        done.put(query.id(), series);
        return series;
    }

    private MetricMath.TimeSeries metricStat(RequestContext ctx, Input stat, long start, long end) {
        Input metric = stat.struct("Metric");
        MetricId id = new MetricId(ctx.accountId(), ctx.region(), metric.string("Namespace"),
                metric.string("MetricName"), Wire.dimensions(metric));
        NavigableMap<Long, Double> points = new TreeMap<>();
        engine.periods(id, start, end, stat.integer("Period"), stat.string("Unit")).forEach((t, aggregate) -> {
            Double value = aggregate.statistic(stat.string("Stat"));
            if (value != null) {
                points.put(t, value);
            }
        });
        return new MetricMath.TimeSeries(points);
    }

    private static String label(Query query) {
        String label = query.input().string("Label");
        if (label != null) {
            return label;
        }
        Input stat = query.input().struct("MetricStat");
        return stat != null ? stat.struct("Metric").string("MetricName") : query.id();
    }

    private static long offset(String token) {
        try {
            long offset = Long.parseLong(new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8));
            if (offset < 0) {
                throw new NumberFormatException();
            }
            return offset;
        } catch (IllegalArgumentException e) {
            throw CloudWatchErrors.invalidValue("NextToken", token);
        }
    }
}
