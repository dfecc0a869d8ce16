package io.wharf.dynamodb.operations;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wharf.dynamodb.engine.Items;
import io.wharf.dynamodb.item.AttributeValues;
import io.wharf.protocol.Input;
import io.wharf.protocol.Operation;
import io.wharf.protocol.RequestContext;

import java.util.List;

/** PutItem: with ConditionExpression or Expected, ReturnValues NONE or ALL_OLD, ReturnValuesOnConditionCheckFailure. */
public final class PutItem implements Operation {
    private final Items engine;

    public PutItem(Items engine) {
        this.engine = engine;
    }

    @Override
    public ObjectNode invoke(RequestContext ctx, Input in) {
        Wire.noMixing(in, List.of("Expected", "ConditionalOperator"), List.of("ConditionExpression"));
        String returnValues = Wire.returnValues(in, List.of("NONE", "ALL_OLD"));
        var placeholders = Wire.placeholders(in);
        var condition = Wire.condition(in, placeholders);
        Wire.finish(in, placeholders, in.has("ConditionExpression"));
        var result = engine.put(ctx.accountId(), ctx.region(), in.string("TableName"), Wire.item(in, "Item"), condition,
                Wire.itemOnFailure(in));
        ObjectNode out = Wire.object();
        if (returnValues.equals("ALL_OLD") && result.before() != null) {
            out.set("Attributes", AttributeValues.itemToWire(result.before()));
        }
        Wire.setIf(out, "ConsumedCapacity", Wire.consumed(in, in.string("TableName"),
                Wire.writeUnits(result.before(), result.after()), true));
        return out;
    }
}
