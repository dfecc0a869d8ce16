package io.wharf.cloudwatch.operations;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wharf.cloudwatch.engine.Datum;
import io.wharf.cloudwatch.engine.MetricsEngine;
import io.wharf.protocol.Input;
import io.wharf.protocol.Operation;
import io.wharf.protocol.RequestContext;

import java.util.ArrayList;
import java.util.List;

/**
 * PutMetricData: MetricData and every EntityMetricData's MetricData, stored under the namespace. The entities are
 * accepted and not kept (StrictEntityValidation is accepted too): Wharf has no entity explorer to show them in.
 */
public final class PutMetricData implements Operation {
    private final MetricsEngine engine;

    public PutMetricData(MetricsEngine engine) {
        this.engine = engine;
    }

    @Override
    public ObjectNode invoke(RequestContext ctx, Input input) {
        List<Datum> data = Wire.data(input.structs("MetricData"), "MetricData", new ArrayList<>());
        List<Input> entities = input.structs("EntityMetricData");
        for (int i = 0; i < entities.size(); i++) {
            Wire.data(entities.get(i).structs("MetricData"), "EntityMetricData.member." + (i + 1) + ".MetricData",
                    data);
        }
        engine.put(ctx.accountId(), ctx.region(), input.string("Namespace"), data);
        return null;
    }
}
