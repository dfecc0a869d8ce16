package io.wharf.dynamodb.operations;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wharf.dynamodb.engine.DynamoDbEngine;
import io.wharf.protocol.Input;
import io.wharf.protocol.Operation;
import io.wharf.protocol.RequestContext;

/** UntagResource. */
public final class UntagResource implements Operation {
    private final DynamoDbEngine engine;

    public UntagResource(DynamoDbEngine engine) {
        this.engine = engine;
    }

    @Override
    public ObjectNode invoke(RequestContext ctx, Input in) {
        engine.untag(ctx.accountId(), ctx.region(), in.string("ResourceArn"), in.strings("TagKeys"));
        return null;
    }
}
