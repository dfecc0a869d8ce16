package io.wharf.kinesis.operations;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wharf.kinesis.engine.KinesisEngine;
import io.wharf.protocol.Input;
import io.wharf.protocol.Operation;
import io.wharf.protocol.RequestContext;

/** DeleteStream: DELETING for the transition time, then gone with its records. */
public final class DeleteStream implements Operation {
    private final KinesisEngine engine;

    public DeleteStream(KinesisEngine engine) {
        this.engine = engine;
    }

    @Override
    public ObjectNode invoke(RequestContext ctx, Input input) {
        engine.deleteStream(Wire.stream(ctx, input), Boolean.TRUE.equals(input.bool("EnforceConsumerDeletion")));
        return null;
    }
}
