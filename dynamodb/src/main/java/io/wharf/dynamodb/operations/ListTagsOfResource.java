package io.wharf.dynamodb.operations;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wharf.dynamodb.engine.DynamoDbEngine;
import io.wharf.protocol.Input;
import io.wharf.protocol.Operation;
import io.wharf.protocol.RequestContext;

/** ListTagsOfResource: every tag in one page. */
public final class ListTagsOfResource implements Operation {
    private final DynamoDbEngine engine;

    public ListTagsOfResource(DynamoDbEngine engine) {
        this.engine = engine;
    }

    @Override
    public ObjectNode invoke(RequestContext ctx, Input in) {
        ObjectNode out = Wire.object();
        var tags = out.putArray("Tags");
        engine.tags(ctx.accountId(), ctx.region(), in.string("ResourceArn"))
                .forEach((k, v) -> tags.addObject().put("Key", k).put("Value", v));
        return out;
    }
}
