package io.wharf.sqs.operations;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wharf.protocol.Input;
import io.wharf.protocol.Operation;
import io.wharf.protocol.RequestContext;
import io.wharf.sqs.engine.SqsEngine;

/** ListDeadLetterSourceQueues: the output member is the lower-case {@code queueUrls}. */
public final class ListDeadLetterSourceQueues implements Operation {
    private final SqsEngine engine;

    public ListDeadLetterSourceQueues(SqsEngine engine) {
        this.engine = engine;
    }

    @Override
    public ObjectNode invoke(RequestContext ctx, Input input) {
        return Wire.page(ctx, engine.deadLetterSourceQueues(Wire.queue(ctx, input), input.integer("MaxResults"),
                input.string("NextToken")), "queueUrls");
    }
}
