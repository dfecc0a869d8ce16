package io.wharf.sqs.operations;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wharf.protocol.Input;
import io.wharf.protocol.Operation;
import io.wharf.protocol.RequestContext;
import io.wharf.sqs.engine.SqsEngine;

/** ListQueues: prefix match, pages ordered by name. */
public final class ListQueues implements Operation {
    private final SqsEngine engine;

    public ListQueues(SqsEngine engine) {
        this.engine = engine;
    }

    @Override
    public ObjectNode invoke(RequestContext ctx, Input input) {
        return Wire.page(ctx, engine.listQueues(ctx.accountId(), ctx.region(), input.string("QueueNamePrefix"),
                input.integer("MaxResults"), input.string("NextToken")), "QueueUrls");
    }
}
