package io.wharf.dynamodb.operations;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wharf.dynamodb.engine.DynamoDbEngine;
import io.wharf.protocol.Input;
import io.wharf.protocol.Operation;
import io.wharf.protocol.RequestContext;

/** DescribeTimeToLive: the stored setting (items are not expired by Wharf). */
public final class DescribeTimeToLive implements Operation {
    private final DynamoDbEngine engine;

    public DescribeTimeToLive(DynamoDbEngine engine) {
        this.engine = engine;
    }

    @Override
    public ObjectNode invoke(RequestContext ctx, Input in) {
        var s = engine.settings(ctx.accountId(), ctx.region(), in.string("TableName"));
        ObjectNode out = Wire.object();
        ObjectNode d = out.putObject("TimeToLiveDescription").put("TimeToLiveStatus", s.ttlEnabled() ? "ENABLED" : "DISABLED");
        if (s.ttlEnabled()) {
            d.put("AttributeName", s.ttlAttribute());
        }
        return out;
    }
}
