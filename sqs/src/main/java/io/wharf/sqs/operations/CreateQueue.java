package io.wharf.sqs.operations;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wharf.protocol.Input;
import io.wharf.protocol.Operation;
import io.wharf.protocol.RequestContext;
import io.wharf.sqs.engine.SqsEngine;
import io.wharf.sqs.engine.QueueId;

/** CreateQueue: idempotent for identical attributes; note the lower-case {@code tags} member. */
public final class CreateQueue implements Operation {
    private final SqsEngine engine;

    public CreateQueue(SqsEngine engine) {
        this.engine = engine;
    }

    @Override
    public ObjectNode invoke(RequestContext ctx, Input input) {
        QueueId id = engine.createQueue(new QueueId(ctx.accountId(), ctx.region(), input.string("QueueName")),
                input.stringMap("Attributes"), input.stringMap("tags"));
        return Wire.JSON.objectNode().put("QueueUrl", Wire.url(ctx, id));
    }
}
