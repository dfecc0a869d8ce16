package io.wharf.dynamodb.operations;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wharf.dynamodb.engine.DynamoDbEngine;
import io.wharf.protocol.Input;
import io.wharf.protocol.Operation;
import io.wharf.protocol.RequestContext;

/** ListTables: names in order, paged by ExclusiveStartTableName and Limit (at most 100). */
public final class ListTables implements Operation {
    private final DynamoDbEngine engine;

    public ListTables(DynamoDbEngine engine) {
        this.engine = engine;
    }

    @Override
    public ObjectNode invoke(RequestContext ctx, Input in) {
        int limit = in.has("Limit") ? in.integer("Limit") : 100;
        var page = engine.list(ctx.accountId(), ctx.region(), in.string("ExclusiveStartTableName"), limit);
        ObjectNode out = Wire.object();
        var names = out.putArray("TableNames");
        page.names().forEach(names::add);
        if (page.lastEvaluated() != null) {
            out.put("LastEvaluatedTableName", page.lastEvaluated());
        }
        return out;
    }
}
