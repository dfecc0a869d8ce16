package io.wharf.dynamodb.operations;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wharf.dynamodb.engine.Items;
import io.wharf.dynamodb.expr.Condition;
import io.wharf.dynamodb.item.AttributeValues;
import io.wharf.protocol.Input;

import java.util.List;

/**
 * What PutItem and DeleteItem share: a whole item written or removed under ConditionExpression or Expected (never
 * both), ReturnValues NONE or ALL_OLD, ReturnValuesOnConditionCheckFailure, and the consumed write capacity. The two
 * differ only in the engine call.
 */
final class WholeItemWrite {
    private WholeItemWrite() {
    }

    /** The engine call: the write of the table named by the request, under {@code condition}. */
    @FunctionalInterface
    interface Call {
        Items.WriteResult write(String tableName, Condition condition, boolean itemOnFailure);
    }

    static ObjectNode invoke(Input in, Call call) {
        Wire.noMixing(in, List.of("Expected", "ConditionalOperator"), List.of("ConditionExpression"));
        String returnValues = Wire.returnValues(in, List.of("NONE", "ALL_OLD"));
        var placeholders = Wire.placeholders(in);
        var condition = Wire.condition(in, placeholders);
        Wire.finish(in, placeholders, in.has("ConditionExpression"));
        String tableName = in.string("TableName");
        Items.WriteResult result = call.write(tableName, condition, Wire.itemOnFailure(in));
        ObjectNode out = Wire.object();
        if (returnValues.equals("ALL_OLD") && result.before() != null) {
            out.set("Attributes", AttributeValues.itemToWire(result.before()));
        }
        Wire.setIf(out, "ConsumedCapacity", Wire.consumed(in, tableName,
                Wire.writeUnits(result.before(), result.after()), true));
        return out;
    }
}
