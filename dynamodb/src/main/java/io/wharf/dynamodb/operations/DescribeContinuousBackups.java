package io.wharf.dynamodb.operations;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wharf.dynamodb.engine.DynamoDbEngine;
import io.wharf.protocol.Input;
import io.wharf.protocol.Operation;
import io.wharf.protocol.RequestContext;

/** DescribeContinuousBackups: the stored point-in-time-recovery setting (no backups are made). */
public final class DescribeContinuousBackups implements Operation {
    private final DynamoDbEngine engine;

    public DescribeContinuousBackups(DynamoDbEngine engine) {
        this.engine = engine;
    }

    @Override
    public ObjectNode invoke(RequestContext ctx, Input in) {
        return Wire.continuousBackups(engine.continuousBackups(ctx.accountId(), ctx.region(), in.string("TableName")));
    }
}
