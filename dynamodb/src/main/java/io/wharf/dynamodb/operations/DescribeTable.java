package io.wharf.dynamodb.operations;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wharf.dynamodb.engine.DynamoDbEngine;
import io.wharf.protocol.Input;
import io.wharf.protocol.Operation;
import io.wharf.protocol.RequestContext;

/** DescribeTable: the table with its status by the clock, item count and size, indexes. */
public final class DescribeTable implements Operation {
    private final DynamoDbEngine engine;

    public DescribeTable(DynamoDbEngine engine) {
        this.engine = engine;
    }

    @Override
    public ObjectNode invoke(RequestContext ctx, Input in) {
        ObjectNode out = Wire.object();
        out.set("Table", Wire.tableDescription(engine.describe(ctx.accountId(), ctx.region(), in.string("TableName"))));
        return out;
    }
}
