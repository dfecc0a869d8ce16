package io.wharf.dynamodb.operations;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wharf.dynamodb.engine.Items;
import io.wharf.dynamodb.item.AttributeValues;
import io.wharf.protocol.Input;
import io.wharf.protocol.Operation;
import io.wharf.protocol.RequestContext;

import java.util.List;

/** BatchWriteItem: up to 25 puts and deletes over any tables, applied together (UnprocessedItems always empty). */
public final class BatchWriteItem implements Operation {
    private final Items engine;

    public BatchWriteItem(Items engine) {
        this.engine = engine;
    }

    @Override
    public ObjectNode invoke(RequestContext ctx, Input in) {
        List<Items.BatchWrite> writes = new java.util.ArrayList<>();
        java.util.Map<String, Integer> perTable = new java.util.LinkedHashMap<>();
        in.tree().get("RequestItems").fields().forEachRemaining(e -> {
            for (var request : e.getValue()) {
                Input r = new Input((ObjectNode) request);
                int kinds = (r.has("PutRequest") ? 1 : 0) + (r.has("DeleteRequest") ? 1 : 0);
                if (kinds != 1) {
                    throw io.wharf.dynamodb.DynamoDbErrors.validation("Supplied AttributeValue has more than one "
                            + "datatypes set, must contain exactly one of the supported datatypes");
                }
                writes.add(r.has("PutRequest")
                        ? new Items.BatchWrite(e.getKey(), Wire.item(r.struct("PutRequest"), "Item"), null)
                        : new Items.BatchWrite(e.getKey(), null, Wire.item(r.struct("DeleteRequest"), "Key")));
                perTable.merge(e.getKey(), 1, Integer::sum);
            }
        });
        engine.batchWrite(ctx.accountId(), ctx.region(), writes);
        ObjectNode out = Wire.object();
        out.putObject("UnprocessedItems");
        var consumed = Wire.object().arrayNode();
        perTable.forEach((table, n) -> {
            ObjectNode c = Wire.consumed(in, table, n, true);
            if (c != null) {
                consumed.add(c);
            }
        });
        if (!consumed.isEmpty()) {
            out.set("ConsumedCapacity", consumed);
        }
        return out;
    }
}
