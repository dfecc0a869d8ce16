package io.wharf.dynamodb.operations;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wharf.dynamodb.engine.DynamoDbEngine;
import io.wharf.protocol.Input;
import io.wharf.protocol.Operation;
import io.wharf.protocol.RequestContext;

/** DescribeEndpoints: the regional endpoint, cached for a day, as AWS answers. */
public final class DescribeEndpoints implements Operation {
    private final DynamoDbEngine engine;

    public DescribeEndpoints(DynamoDbEngine engine) {
        this.engine = engine;
    }

    @Override
    public ObjectNode invoke(RequestContext ctx, Input in) {
        ObjectNode out = Wire.object();
        out.putArray("Endpoints").addObject().put("Address", "dynamodb." + ctx.region() + ".amazonaws.com")
                .put("CachePeriodInMinutes", 1440);
        return out;
    }
}
