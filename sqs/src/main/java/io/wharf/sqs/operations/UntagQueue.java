package io.wharf.sqs.operations;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wharf.protocol.Input;
import io.wharf.protocol.Operation;
import io.wharf.protocol.RequestContext;
import io.wharf.sqs.engine.SqsEngine;

/** UntagQueue: unknown keys are ignored. */
public final class UntagQueue implements Operation {
    private final SqsEngine engine;

    public UntagQueue(SqsEngine engine) {
        this.engine = engine;
    }

    @Override
    public ObjectNode invoke(RequestContext ctx, Input input) {
        engine.untagQueue(Wire.queue(ctx, input), input.strings("TagKeys"));
        return null;
    }
}
