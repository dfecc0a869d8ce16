package io.wharf.dynamodb.operations;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wharf.dynamodb.engine.DynamoDbEngine;
import io.wharf.protocol.Input;
import io.wharf.protocol.Operation;
import io.wharf.protocol.RequestContext;

/** DescribeLimits: AWS's default account and table limits. */
public final class DescribeLimits implements Operation {
    private final DynamoDbEngine engine;

    public DescribeLimits(DynamoDbEngine engine) {
        this.engine = engine;
    }

    @Override
    public ObjectNode invoke(RequestContext ctx, Input in) {
        return Wire.object().put("AccountMaxReadCapacityUnits", DynamoDbEngine.ACCOUNT_MAX_CAPACITY)
                .put("AccountMaxWriteCapacityUnits", DynamoDbEngine.ACCOUNT_MAX_CAPACITY)
                .put("TableMaxReadCapacityUnits", DynamoDbEngine.TABLE_MAX_CAPACITY)
                .put("TableMaxWriteCapacityUnits", DynamoDbEngine.TABLE_MAX_CAPACITY);
    }
}
