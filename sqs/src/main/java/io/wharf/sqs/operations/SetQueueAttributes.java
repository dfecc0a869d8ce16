package io.wharf.sqs.operations;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wharf.protocol.Input;
import io.wharf.protocol.Operation;
import io.wharf.protocol.RequestContext;
import io.wharf.sqs.engine.SqsEngine;

/** SetQueueAttributes: every attribute validated; an empty value clears Policy and the redrive policies. */
public final class SetQueueAttributes implements Operation {
    private final SqsEngine engine;

    public SetQueueAttributes(SqsEngine engine) {
        this.engine = engine;
    }

    @Override
    public ObjectNode invoke(RequestContext ctx, Input input) {
        engine.setQueueAttributes(Wire.queue(ctx, input), input.stringMap("Attributes"));
        return null;
    }
}
