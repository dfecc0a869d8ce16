package io.wharf.sqs.operations;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wharf.protocol.Input;
import io.wharf.protocol.Operation;
import io.wharf.protocol.RequestContext;
import io.wharf.sqs.engine.SqsEngine;

/** DeleteMessage: a handle of a message already gone succeeds (standard queues). */
public final class DeleteMessage implements Operation {
    private final SqsEngine engine;

    public DeleteMessage(SqsEngine engine) {
        this.engine = engine;
    }

    @Override
    public ObjectNode invoke(RequestContext ctx, Input input) {
        engine.deleteMessage(Wire.queue(ctx, input), input.string("ReceiptHandle"));
        return null;
    }
}
