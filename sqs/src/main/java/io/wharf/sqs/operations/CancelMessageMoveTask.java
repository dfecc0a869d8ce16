package io.wharf.sqs.operations;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wharf.protocol.Input;
import io.wharf.protocol.Operation;
import io.wharf.protocol.RequestContext;
import io.wharf.sqs.engine.SqsEngine;

/** CancelMessageMoveTask: answers how many messages had been moved. */
public final class CancelMessageMoveTask implements Operation {
    private final SqsEngine engine;

    public CancelMessageMoveTask(SqsEngine engine) {
        this.engine = engine;
    }

    @Override
    public ObjectNode invoke(RequestContext ctx, Input input) {
        long moved = engine.cancelMessageMoveTask(input.string("TaskHandle"));
        return Wire.JSON.objectNode().put("ApproximateNumberOfMessagesMoved", moved);
    }
}
