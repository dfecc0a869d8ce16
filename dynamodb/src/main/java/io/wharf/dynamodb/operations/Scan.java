package io.wharf.dynamodb.operations;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wharf.dynamodb.DynamoDbErrors;
import io.wharf.dynamodb.engine.Reads;
import io.wharf.dynamodb.expr.Condition;
import io.wharf.dynamodb.expr.Projection;
import io.wharf.dynamodb.item.AttributeValues;
import io.wharf.protocol.Input;
import io.wharf.protocol.Operation;
import io.wharf.protocol.RequestContext;

import java.util.List;

/** Scan: the table or an index in key order, paged, in parallel segments, filtered after Limit, projected. */
public final class Scan implements Operation {
    private final Reads reads;

    public Scan(Reads reads) {
        this.reads = reads;
    }

    @Override
    public ObjectNode invoke(RequestContext ctx, Input in) {
        Wire.noMixing(in, List.of("ScanFilter", "AttributesToGet", "ConditionalOperator"),
                List.of("FilterExpression", "ProjectionExpression"));
        Integer segment = in.integer("Segment");
        Integer total = in.integer("TotalSegments");
        if (segment != null && total == null) {
            throw DynamoDbErrors.validation("The TotalSegments parameter is required but was not present in the "
                    + "request when Segment parameter is present");
        }
        if (total != null && segment == null) {
            throw DynamoDbErrors.validation("The Segment parameter is required but was not present in the request "
                    + "when parameter TotalSegments is present");
        }
        if (segment != null && segment >= total) {
            throw DynamoDbErrors.validation("The Segment parameter is zero-based and must be less than parameter "
                    + "TotalSegments: Segment: " + segment + " is not less than TotalSegments: " + total);
        }
        var placeholders = Wire.placeholders(in);
        var filter = Wire.filter(in, placeholders, "ScanFilter");
        var projection = Wire.projection(in, placeholders);
        Wire.finish(in, placeholders, in.has("FilterExpression") || in.has("ProjectionExpression"));
        return output(in, reads.scan(ctx.accountId(), ctx.region(), request(in, filter, projection), segment, total));
    }

    static Reads.Request request(Input in, Condition filter, Projection projection) {
        String select = in.string("Select");
        if ("SPECIFIC_ATTRIBUTES".equals(select) && projection == null) {
            throw DynamoDbErrors.validation("One or more parameter values were invalid: Select type "
                    + "SPECIFIC_ATTRIBUTES requires AttributesToGet or ProjectionExpression");
        }
        if (select != null && !"SPECIFIC_ATTRIBUTES".equals(select) && projection != null) {
            throw DynamoDbErrors.validation("One or more parameter values were invalid: Select type " + select
                    + " cannot be used with AttributesToGet or ProjectionExpression");
        }
        return new Reads.Request(in.string("TableName"), in.string("IndexName"), in.integer("Limit"),
                in.has("ExclusiveStartKey") ? Wire.item(in, "ExclusiveStartKey") : null, filter, projection, select);
    }

    static ObjectNode output(Input in, Reads.Page page) {
        ObjectNode out = Wire.object();
        if (!"COUNT".equals(in.string("Select"))) {
            ArrayNode items = out.putArray("Items");
            page.items().forEach(item -> items.add(AttributeValues.itemToWire(item)));
        }
        out.put("Count", page.count());
        out.put("ScannedCount", page.scannedCount());
        if (page.lastEvaluatedKey() != null) {
            out.set("LastEvaluatedKey", AttributeValues.itemToWire(page.lastEvaluatedKey()));
        }
        Wire.setIf(out, "ConsumedCapacity", Wire.consumed(in, in.string("TableName"),
                Wire.readUnits(page.bytesRead(), Boolean.TRUE.equals(in.bool("ConsistentRead"))), false));
        return out;
    }
}
