package io.wharf.kinesis.operations;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wharf.kinesis.engine.KinesisEngine;
import io.wharf.protocol.Input;
import io.wharf.protocol.Operation;
import io.wharf.protocol.RequestContext;

/** StartStreamEncryption: stored (records are not encrypted at rest by it); the stream is UPDATING a moment. */
public final class StartStreamEncryption implements Operation {
    private final KinesisEngine engine;

    public StartStreamEncryption(KinesisEngine engine) {
        this.engine = engine;
    }

    @Override
    public ObjectNode invoke(RequestContext ctx, Input input) {
        engine.startEncryption(Wire.stream(ctx, input), input.string("KeyId"));
        return null;
    }
}
