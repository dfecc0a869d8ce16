package io.wharf.kinesis.operations;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wharf.kinesis.engine.KinesisEngine;
import io.wharf.protocol.Input;
import io.wharf.protocol.Operation;
import io.wharf.protocol.RequestContext;

/** StopStreamEncryption: back to NONE. */
public final class StopStreamEncryption implements Operation {
    private final KinesisEngine engine;

    public StopStreamEncryption(KinesisEngine engine) {
        this.engine = engine;
    }

    @Override
    public ObjectNode invoke(RequestContext ctx, Input input) {
        engine.stopEncryption(Wire.stream(ctx, input));
        return null;
    }
}
