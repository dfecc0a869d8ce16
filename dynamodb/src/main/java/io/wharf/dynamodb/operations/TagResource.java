package io.wharf.dynamodb.operations;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wharf.dynamodb.engine.DynamoDbEngine;
import io.wharf.protocol.Input;
import io.wharf.protocol.Operation;
import io.wharf.protocol.RequestContext;

/** TagResource: tags on a table by its ARN (at most 50). */
public final class TagResource implements Operation {
    private final DynamoDbEngine engine;

    public TagResource(DynamoDbEngine engine) {
        this.engine = engine;
    }

    @Override
    public ObjectNode invoke(RequestContext ctx, Input in) {
        engine.tag(ctx.accountId(), ctx.region(), in.string("ResourceArn"), Wire.tags(in));
        return null;
    }
}
