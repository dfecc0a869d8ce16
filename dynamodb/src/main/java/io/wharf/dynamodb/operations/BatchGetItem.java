package io.wharf.dynamodb.operations;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wharf.dynamodb.engine.Items;
import io.wharf.dynamodb.item.AttributeValues;
import io.wharf.protocol.Input;
import io.wharf.protocol.Operation;
import io.wharf.protocol.RequestContext;

import java.util.List;

/** BatchGetItem: up to 100 keys over any tables, every one answered (UnprocessedKeys always empty). */
public final class BatchGetItem implements Operation {
    private final Items engine;

    public BatchGetItem(Items engine) {
        this.engine = engine;
    }

    @Override
    public ObjectNode invoke(RequestContext ctx, Input in) {
        List<Items.GetRequest> requests = new java.util.ArrayList<>();
        in.structMap("RequestItems").forEach((table, r) -> {
            Wire.noMixing(r, List.of("AttributesToGet"), List.of("ProjectionExpression"));
            var placeholders = Wire.placeholders(r);
            var projection = Wire.projection(r, placeholders);
            Wire.finish(r, placeholders, r.has("ProjectionExpression"));
            List<java.util.Map<String, io.wharf.dynamodb.item.AttributeValue>> keys = new java.util.ArrayList<>();
            r.tree().get("Keys").forEach(k -> keys.add(AttributeValues.itemFromWire(k)));
            requests.add(new Items.GetRequest(table, keys, projection));
        });
        var found = engine.batchGet(ctx.accountId(), ctx.region(), requests);
        ObjectNode out = Wire.object();
        ObjectNode responses = out.putObject("Responses");
        var consumed = Wire.object().arrayNode();
        found.forEach((table, items) -> {
            var list = responses.putArray(table);
            long bytes = 0;
            for (var item : items) {
                list.add(AttributeValues.itemToWire(item));
                bytes += AttributeValues.size(item);
            }
            ObjectNode c = Wire.consumed(in, table, Wire.readUnits(bytes,
                    Boolean.TRUE.equals(in.structMap("RequestItems").get(table).bool("ConsistentRead"))), false);
            if (c != null) {
                consumed.add(c);
            }
        });
        out.putObject("UnprocessedKeys");
        if (!consumed.isEmpty()) {
            out.set("ConsumedCapacity", consumed);
        }
        return out;
    }
}
