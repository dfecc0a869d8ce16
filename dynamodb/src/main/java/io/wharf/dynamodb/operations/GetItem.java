package io.wharf.dynamodb.operations;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wharf.dynamodb.engine.Items;
import io.wharf.dynamodb.item.AttributeValues;
import io.wharf.protocol.Input;
import io.wharf.protocol.Operation;
import io.wharf.protocol.RequestContext;

import java.util.List;

/** GetItem: the item (projected by ProjectionExpression or AttributesToGet) or no Item member; reads are strongly consistent whatever ConsistentRead says. */
public final class GetItem implements Operation {
    private final Items engine;

    public GetItem(Items engine) {
        this.engine = engine;
    }

    @Override
    public ObjectNode invoke(RequestContext ctx, Input in) {
        Wire.noMixing(in, List.of("AttributesToGet"), List.of("ProjectionExpression"));
        var placeholders = Wire.placeholders(in);
        var projection = Wire.projection(in, placeholders);
        Wire.finish(in, placeholders, in.has("ProjectionExpression"));
        var item = engine.get(ctx.accountId(), ctx.region(), in.string("TableName"), Wire.item(in, "Key"), projection);
        ObjectNode out = Wire.object();
        if (item != null) {
            out.set("Item", AttributeValues.itemToWire(item));
        }
        Wire.setIf(out, "ConsumedCapacity", Wire.consumed(in, in.string("TableName"), Wire.readUnits(
                item == null ? 0 : AttributeValues.size(item), Boolean.TRUE.equals(in.bool("ConsistentRead"))), false));
        return out;
    }
}
