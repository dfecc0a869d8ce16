package io.wharf.dynamodb.operations;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wharf.dynamodb.DynamoDbErrors;
import io.wharf.dynamodb.engine.IndexSpec;
import io.wharf.dynamodb.engine.Items;
import io.wharf.dynamodb.engine.Reads;
import io.wharf.dynamodb.expr.Expressions;
import io.wharf.dynamodb.expr.KeyCondition;
import io.wharf.dynamodb.expr.Legacy;
import io.wharf.protocol.Input;
import io.wharf.protocol.Operation;
import io.wharf.protocol.RequestContext;

import java.util.List;

/**
 * Query: KeyConditionExpression or KeyConditions on the table or an index, ScanIndexForward, Limit, paging, Select,
 * FilterExpression or QueryFilter (after Limit, as AWS applies it), projections.
 */
public final class Query implements Operation {
    private final Reads reads;
    private final Items items;

    public Query(Reads reads, Items items) {
        this.reads = reads;
        this.items = items;
    }

    @Override
    public ObjectNode invoke(RequestContext ctx, Input in) {
        Wire.noMixing(in, List.of("KeyConditions", "QueryFilter", "AttributesToGet", "ConditionalOperator"),
                List.of("KeyConditionExpression", "FilterExpression", "ProjectionExpression"));
        var placeholders = Wire.placeholders(in);
        if (!in.has("KeyConditionExpression") && !in.has("KeyConditions")) {
            throw DynamoDbErrors.validation("Either the KeyConditions or KeyConditionExpression parameter must be "
                    + "specified in the request.");
        }
        var settings = items.settings(ctx.accountId(), ctx.region(), in.string("TableName"));
        IndexSpec index = in.has("IndexName") ? settings.index(in.string("IndexName")) : null;
        if (in.has("IndexName") && index == null) {
            throw DynamoDbErrors.validation("The table does not have the specified index: " + in.string("IndexName"));
        }
        var keys = index == null ? settings.keys() : index.keys();
        KeyCondition keyCondition = in.has("KeyConditionExpression")
                ? Expressions.keyCondition(in.string("KeyConditionExpression"), placeholders, keys.hashName(),
                        keys.rangeName())
                : Legacy.keyConditions(Wire.comparisons(in, "KeyConditions"), keys.hashName());
        var filter = Wire.filter(in, placeholders, "QueryFilter");
        if (in.has("FilterExpression")) {
            for (String name : Expressions.topLevelNames(filter)) {
                if (keys.isKey(name)) {
                    throw DynamoDbErrors.validation("Filter Expression can only contain non-primary key attributes: "
                            + "Primary key attribute: " + name);
                }
            }
        }
        var projection = Wire.projection(in, placeholders);
        Wire.finish(in, placeholders, in.has("KeyConditionExpression") || in.has("FilterExpression")
                || in.has("ProjectionExpression"));
        Reads.Page page = reads.query(ctx.accountId(), ctx.region(), Scan.request(in, filter, projection),
                keyCondition, !Boolean.FALSE.equals(in.bool("ScanIndexForward")));
        return Scan.output(in, page);
    }
}
