package io.wharf.kinesis.operations;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wharf.kinesis.engine.KinesisEngine;
import io.wharf.protocol.Input;
import io.wharf.protocol.Operation;
import io.wharf.protocol.RequestContext;

/** DeleteResourcePolicy. */
public final class DeleteResourcePolicy implements Operation {
    private final KinesisEngine engine;

    public DeleteResourcePolicy(KinesisEngine engine) {
        this.engine = engine;
    }

    @Override
    public ObjectNode invoke(RequestContext ctx, Input input) {
        engine.deletePolicy(input.string("ResourceARN"));
        return null;
    }
}
