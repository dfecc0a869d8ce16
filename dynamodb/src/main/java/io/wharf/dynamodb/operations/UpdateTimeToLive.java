package io.wharf.dynamodb.operations;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wharf.dynamodb.engine.DynamoDbEngine;
import io.wharf.protocol.Input;
import io.wharf.protocol.Operation;
import io.wharf.protocol.RequestContext;

/** UpdateTimeToLive: stores the setting; answers the specification back. */
public final class UpdateTimeToLive implements Operation {
    private final DynamoDbEngine engine;

    public UpdateTimeToLive(DynamoDbEngine engine) {
        this.engine = engine;
    }

    @Override
    public ObjectNode invoke(RequestContext ctx, Input in) {
        Input spec = in.struct("TimeToLiveSpecification");
        engine.updateTimeToLive(ctx.accountId(), ctx.region(), in.string("TableName"), spec.bool("Enabled"),
                spec.string("AttributeName"));
        ObjectNode out = Wire.object();
        out.putObject("TimeToLiveSpecification").put("Enabled", spec.bool("Enabled"))
                .put("AttributeName", spec.string("AttributeName"));
        return out;
    }
}
