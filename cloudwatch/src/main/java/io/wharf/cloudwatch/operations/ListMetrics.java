package io.wharf.cloudwatch.operations;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wharf.cloudwatch.engine.MetricId;
import io.wharf.cloudwatch.engine.MetricsEngine;
import io.wharf.protocol.Input;
import io.wharf.protocol.Operation;
import io.wharf.protocol.RequestContext;

import java.util.ArrayList;
import java.util.List;

/** ListMetrics: the caller's metrics in the region, filtered by namespace, name and dimensions, 500 a page. */
public final class ListMetrics implements Operation {
    private final MetricsEngine engine;

    public ListMetrics(MetricsEngine engine) {
        this.engine = engine;
    }

    @Override
    public ObjectNode invoke(RequestContext ctx, Input input) {
        List<MetricsEngine.DimensionFilter> filters = new ArrayList<>();
        for (Input d : input.structs("Dimensions")) {
            filters.add(new MetricsEngine.DimensionFilter(d.string("Name"), d.string("Value")));
        }
        MetricsEngine.Page page = engine.list(ctx.accountId(), ctx.region(), input.string("Namespace"),
                input.string("MetricName"), filters, "PT3H".equals(input.string("RecentlyActive")),
                input.string("NextToken"));
        ObjectNode out = Wire.object();
        ArrayNode metrics = out.putArray("Metrics");
        for (MetricId id : page.metrics()) {
            Wire.metric(metrics.addObject(), id.namespace(), id.metricName(), id.dimensions());
        }
        if (page.nextToken() != null) {
            out.put("NextToken", page.nextToken());
        }
        return out;
    }
}
