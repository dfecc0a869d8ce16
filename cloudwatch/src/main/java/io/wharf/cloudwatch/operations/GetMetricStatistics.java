package io.wharf.cloudwatch.operations;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wharf.cloudwatch.engine.Aggregate;
import io.wharf.cloudwatch.engine.Datapoint;
import io.wharf.cloudwatch.engine.MetricsEngine;
import io.wharf.protocol.Input;
import io.wharf.protocol.Operation;
import io.wharf.protocol.RequestContext;

import java.util.List;

/**
 * GetMetricStatistics over the stored aggregates: each requested statistic per period and unit. Percentiles
 * (ExtendedStatistics) are accepted but answered without values, as AWS does for data it only has as statistic sets:
 * Wharf keeps count, sum, minimum and maximum per bucket, not the values.
 */
public final class GetMetricStatistics implements Operation {
    private final MetricsEngine engine;

    public GetMetricStatistics(MetricsEngine engine) {
        this.engine = engine;
    }

    @Override
    public ObjectNode invoke(RequestContext ctx, Input input) {
        List<String> statistics = input.strings("Statistics");
        List<Datapoint> datapoints = engine.statistics(ctx.accountId(), ctx.region(), input.string("Namespace"),
                input.string("MetricName"), Wire.dimensions(input), input.longValue("StartTime"),
                input.longValue("EndTime"), input.integer("Period"), input.string("Unit"), !statistics.isEmpty(),
                input.strings("ExtendedStatistics"));
        ObjectNode out = Wire.object().put("Label", input.string("MetricName"));
        ArrayNode list = out.putArray("Datapoints");
        for (Datapoint point : datapoints) {
            ObjectNode d = list.addObject().put("Timestamp", point.timestampMillis());
            Aggregate a = point.aggregate();
            for (String statistic : statistics) {
                switch (statistic) {
                    case "SampleCount" -> d.put("SampleCount", a.sampleCount());
                    case "Average" -> d.put("Average", a.average());
                    case "Sum" -> d.put("Sum", a.sum());
                    case "Minimum" -> d.put("Minimum", a.minimum());
                    case "Maximum" -> d.put("Maximum", a.maximum());
                    default -> { } // the model's enum admits no other
                }
            }
            d.put("Unit", point.unit());
        }
        return out;
    }
}
