package io.wharf.sqs.operations;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wharf.protocol.Input;
import io.wharf.protocol.Operation;
import io.wharf.protocol.RequestContext;
import io.wharf.sqs.engine.SqsEngine;

/** StartMessageMoveTask: redrive a dead-letter queue in the background. */
public final class StartMessageMoveTask implements Operation {
    private final SqsEngine engine;

    public StartMessageMoveTask(SqsEngine engine) {
        this.engine = engine;
    }

    @Override
    public ObjectNode invoke(RequestContext ctx, Input input) {
        String handle = engine.startMessageMoveTask(input.string("SourceArn"), input.string("DestinationArn"),
                input.integer("MaxNumberOfMessagesPerSecond"));
        return Wire.JSON.objectNode().put("TaskHandle", handle);
    }
}
