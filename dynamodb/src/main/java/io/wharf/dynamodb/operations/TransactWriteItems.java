package io.wharf.dynamodb.operations;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wharf.dynamodb.DynamoDbErrors;
import io.wharf.dynamodb.engine.Items;
import io.wharf.dynamodb.expr.Expressions;
import io.wharf.dynamodb.expr.Placeholders;
import io.wharf.protocol.Input;
import io.wharf.protocol.Operation;
import io.wharf.protocol.RequestContext;

import java.util.ArrayList;
import java.util.List;

/**
 * TransactWriteItems: up to 100 Put, Update, Delete and ConditionCheck actions, all or nothing; a ClientRequestToken
 * makes a repeat within 10 minutes a no-op.
 */
public final class TransactWriteItems implements Operation {
    private final Items engine;

    public TransactWriteItems(Items engine) {
        this.engine = engine;
    }

    @Override
    public ObjectNode invoke(RequestContext ctx, Input in) {
        List<Items.TransactAction> actions = new ArrayList<>();
        for (Input item : in.structs("TransactItems")) {
            int kinds = (item.has("Put") ? 1 : 0) + (item.has("Update") ? 1 : 0) + (item.has("Delete") ? 1 : 0)
                    + (item.has("ConditionCheck") ? 1 : 0);
            if (kinds != 1) {
                throw DynamoDbErrors.validation("TransactItems can only contain one of Check, Put, Update or Delete");
            }
            actions.add(action(item));
        }
        engine.transactWrite(ctx.accountId(), ctx.region(), actions, in.string("ClientRequestToken"),
                in.tree().get("TransactItems").toString());
        ObjectNode out = Wire.object();
        String mode = in.string("ReturnConsumedCapacity");
        if (mode != null && !mode.equals("NONE")) {
            var consumed = out.putArray("ConsumedCapacity");
            actions.stream().map(Items.TransactAction::table).distinct().forEach(t -> consumed.add(
                    Wire.consumed(in, t, 2.0 * actions.stream().filter(a -> a.table().equals(t)).count(), true)));
        }
        return out;
    }

    private static Items.TransactAction action(Input item) {
        if (item.has("Put")) {
            Input put = item.struct("Put");
            Placeholders p = Wire.placeholders(put);
            var condition = put.has("ConditionExpression")
                    ? Expressions.condition(put.string("ConditionExpression"), p) : null;
            Wire.finish(put, p, put.has("ConditionExpression"));
            return new Items.TransactAction(put.string("TableName"), Wire.item(put, "Item"), null, null, false,
                    condition, Wire.itemOnFailure(put));
        }
        if (item.has("Update")) {
            Input update = item.struct("Update");
            Placeholders p = Wire.placeholders(update);
            var parsed = Expressions.update(update.string("UpdateExpression"), p);
            var condition = update.has("ConditionExpression")
                    ? Expressions.condition(update.string("ConditionExpression"), p) : null;
            Wire.finish(update, p, true);
            return new Items.TransactAction(update.string("TableName"), null, Wire.item(update, "Key"), parsed, false,
                    condition, Wire.itemOnFailure(update));
        }
        if (item.has("Delete")) {
            Input delete = item.struct("Delete");
            Placeholders p = Wire.placeholders(delete);
            var condition = delete.has("ConditionExpression")
                    ? Expressions.condition(delete.string("ConditionExpression"), p) : null;
            Wire.finish(delete, p, delete.has("ConditionExpression"));
            return new Items.TransactAction(delete.string("TableName"), null, Wire.item(delete, "Key"), null, true,
                    condition, Wire.itemOnFailure(delete));
        }
        Input check = item.struct("ConditionCheck");
        Placeholders p = Wire.placeholders(check);
        var condition = Expressions.condition(check.string("ConditionExpression"), p);
        Wire.finish(check, p, true);
        return new Items.TransactAction(check.string("TableName"), null, Wire.item(check, "Key"), null, false,
                condition, Wire.itemOnFailure(check));
    }
}
