package io.wharf.dynamodb.operations;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wharf.dynamodb.engine.Items;
import io.wharf.dynamodb.item.AttributeValues;
import io.wharf.protocol.Input;
import io.wharf.protocol.Operation;
import io.wharf.protocol.RequestContext;

import java.util.List;

/** UpdateItem: UpdateExpression or AttributeUpdates, ConditionExpression or Expected, every ReturnValues. */
public final class UpdateItem implements Operation {
    private final Items engine;

    public UpdateItem(Items engine) {
        this.engine = engine;
    }

    @Override
    public ObjectNode invoke(RequestContext ctx, Input in) {
        Wire.noMixing(in, List.of("Expected", "ConditionalOperator", "AttributeUpdates"),
                List.of("ConditionExpression", "UpdateExpression"));
        String returnValues = Wire.returnValues(in, List.of("NONE", "ALL_OLD", "UPDATED_OLD", "ALL_NEW", "UPDATED_NEW"));
        var placeholders = Wire.placeholders(in);
        io.wharf.dynamodb.expr.Update update = null;
        if (in.has("UpdateExpression")) {
            update = io.wharf.dynamodb.expr.Expressions.update(in.string("UpdateExpression"), placeholders);
        } else if (in.has("AttributeUpdates")) {
            java.util.Map<String, io.wharf.dynamodb.expr.Legacy.AttributeUpdate> updates = new java.util.LinkedHashMap<>();
            in.structMap("AttributeUpdates").forEach((name, u) -> updates.put(name, new io.wharf.dynamodb.expr.Legacy
                    .AttributeUpdate(u.has("Action") ? u.string("Action") : "PUT",
                    u.has("Value") ? AttributeValues.fromWire(u.tree().get("Value")) : null)));
            update = io.wharf.dynamodb.expr.Legacy.attributeUpdates(updates);
        }
        var condition = Wire.condition(in, placeholders);
        Wire.finish(in, placeholders, in.has("ConditionExpression") || in.has("UpdateExpression"));
        var result = engine.update(ctx.accountId(), ctx.region(), in.string("TableName"), Wire.item(in, "Key"), update,
                condition, Wire.itemOnFailure(in));
        ObjectNode out = Wire.object();
        java.util.Map<String, io.wharf.dynamodb.item.AttributeValue> attributes = switch (returnValues) {
            case "ALL_OLD" -> result.before();
            case "ALL_NEW" -> result.after();
            case "UPDATED_OLD" -> result.before() == null || update == null ? null : update.touched(result.before());
            case "UPDATED_NEW" -> update == null || result.after() == null ? null : update.touchedAfter(result.after());
            default -> null;
        };
        if (attributes != null && !attributes.isEmpty()) {
            out.set("Attributes", AttributeValues.itemToWire(attributes));
        }
        Wire.setIf(out, "ConsumedCapacity", Wire.consumed(in, in.string("TableName"),
                Wire.writeUnits(result.before(), result.after()), true));
        return out;
    }
}
