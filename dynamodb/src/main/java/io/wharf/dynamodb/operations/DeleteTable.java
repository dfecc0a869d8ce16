package io.wharf.dynamodb.operations;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wharf.dynamodb.engine.DynamoDbEngine;
import io.wharf.protocol.Input;
import io.wharf.protocol.Operation;
import io.wharf.protocol.RequestContext;

/** DeleteTable: refused while deletion protection is on; answered DELETING, gone at once. */
public final class DeleteTable implements Operation {
    private final DynamoDbEngine engine;

    public DeleteTable(DynamoDbEngine engine) {
        this.engine = engine;
    }

    @Override
    public ObjectNode invoke(RequestContext ctx, Input in) {
        ObjectNode out = Wire.object();
        out.set("TableDescription", Wire.tableDescription(engine.delete(ctx.accountId(), ctx.region(),
                in.string("TableName"))));
        return out;
    }
}
