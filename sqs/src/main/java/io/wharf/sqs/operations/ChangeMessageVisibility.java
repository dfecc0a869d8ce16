package io.wharf.sqs.operations;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wharf.protocol.Input;
import io.wharf.protocol.Operation;
import io.wharf.protocol.RequestContext;
import io.wharf.sqs.engine.SqsEngine;

/** ChangeMessageVisibility: the new timeout counts from now, capped at 12 hours after the receive. */
public final class ChangeMessageVisibility implements Operation {
    private final SqsEngine engine;

    public ChangeMessageVisibility(SqsEngine engine) {
        this.engine = engine;
    }

    @Override
    public ObjectNode invoke(RequestContext ctx, Input input) {
        engine.changeMessageVisibility(Wire.queue(ctx, input), input.string("ReceiptHandle"),
                input.integer("VisibilityTimeout"));
        return null;
    }
}
