package io.wharf.dynamodb.operations;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wharf.dynamodb.engine.DynamoDbEngine;
import io.wharf.protocol.Input;
import io.wharf.protocol.Operation;
import io.wharf.protocol.RequestContext;

/** UpdateContinuousBackups: stores PointInTimeRecoveryEnabled. */
public final class UpdateContinuousBackups implements Operation {
    private final DynamoDbEngine engine;

    public UpdateContinuousBackups(DynamoDbEngine engine) {
        this.engine = engine;
    }

    @Override
    public ObjectNode invoke(RequestContext ctx, Input in) {
        Input spec = in.struct("PointInTimeRecoverySpecification");
        return Wire.continuousBackups(engine.updatePointInTimeRecovery(ctx.accountId(), ctx.region(),
                in.string("TableName"), Boolean.TRUE.equals(spec.bool("PointInTimeRecoveryEnabled"))));
    }
}
