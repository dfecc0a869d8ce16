package io.wharf.sqs.operations;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wharf.protocol.Input;
import io.wharf.protocol.Operation;
import io.wharf.protocol.RequestContext;
import io.wharf.sqs.engine.SqsEngine;

/** DeleteQueue: messages go with it; the name is quarantined for 60 seconds (unless relaxed). */
public final class DeleteQueue implements Operation {
    private final SqsEngine engine;

    public DeleteQueue(SqsEngine engine) {
        this.engine = engine;
    }

    @Override
    public ObjectNode invoke(RequestContext ctx, Input input) {
        engine.deleteQueue(Wire.queue(ctx, input));
        return null;
    }
}
