package io.wharf.dynamodb.operations;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wharf.dynamodb.engine.Items;
import io.wharf.dynamodb.expr.Placeholders;
import io.wharf.dynamodb.expr.Projection;
import io.wharf.dynamodb.item.AttributeValues;
import io.wharf.protocol.Input;
import io.wharf.protocol.Operation;
import io.wharf.protocol.RequestContext;

import java.util.ArrayList;
import java.util.List;

/** TransactGetItems: up to 100 items read at one instant; an absent item is an empty response entry. */
public final class TransactGetItems implements Operation {
    private final Items engine;

    public TransactGetItems(Items engine) {
        this.engine = engine;
    }

    @Override
    public ObjectNode invoke(RequestContext ctx, Input in) {
        List<Items.TransactAction> gets = new ArrayList<>();
        List<Projection> projections = new ArrayList<>();
        for (Input item : in.structs("TransactItems")) {
            Input get = item.struct("Get");
            Placeholders p = Wire.placeholders(get);
            projections.add(Wire.projection(get, p));
            Wire.finish(get, p, get.has("ProjectionExpression"));
            gets.add(new Items.TransactAction(get.string("TableName"), null, Wire.item(get, "Key"), null, false, null,
                    false));
        }
        var items = engine.transactGet(ctx.accountId(), ctx.region(), gets, projections);
        ObjectNode out = Wire.object();
        ArrayNode responses = out.putArray("Responses");
        for (var item : items) {
            ObjectNode response = responses.addObject();
            if (item != null) {
                response.set("Item", AttributeValues.itemToWire(item));
            }
        }
        return out;
    }
}
