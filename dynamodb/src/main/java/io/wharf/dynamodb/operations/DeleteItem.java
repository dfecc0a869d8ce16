package io.wharf.dynamodb.operations;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wharf.dynamodb.engine.Items;
import io.wharf.protocol.Input;
import io.wharf.protocol.Operation;
import io.wharf.protocol.RequestContext;

/** DeleteItem: with ConditionExpression or Expected, ReturnValues NONE or ALL_OLD, ReturnValuesOnConditionCheckFailure. */
public final class DeleteItem implements Operation {
    private final Items engine;

    public DeleteItem(Items engine) {
        this.engine = engine;
    }

    @Override
    public ObjectNode invoke(RequestContext ctx, Input in) {
        return WholeItemWrite.invoke(in, (table, condition, itemOnFailure) -> engine.delete(ctx.accountId(), ctx.region(),
                table, Wire.item(in, "Key"), condition, itemOnFailure));
    }
}
