package io.wharf.sqs.operations;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wharf.protocol.Input;
import io.wharf.protocol.Operation;
import io.wharf.protocol.RequestContext;
import io.wharf.sqs.engine.SqsEngine;
import io.wharf.sqs.engine.QueueId;

/** GetQueueUrl: by name, in the caller's account unless QueueOwnerAWSAccountId names another. */
public final class GetQueueUrl implements Operation {
    private final SqsEngine engine;

    public GetQueueUrl(SqsEngine engine) {
        this.engine = engine;
    }

    @Override
    public ObjectNode invoke(RequestContext ctx, Input input) {
        String owner = input.string("QueueOwnerAWSAccountId");
        QueueId id = engine.getQueue(new QueueId(owner == null || owner.isEmpty() ? ctx.accountId() : owner,
                ctx.region(), input.string("QueueName")));
        return Wire.JSON.objectNode().put("QueueUrl", Wire.url(ctx, id));
    }
}
