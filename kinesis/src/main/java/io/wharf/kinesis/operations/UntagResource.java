package io.wharf.kinesis.operations;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wharf.kinesis.engine.KinesisEngine;
import io.wharf.protocol.Input;
import io.wharf.protocol.Operation;
import io.wharf.protocol.RequestContext;

/** UntagResource: unknown keys are ignored. */
public final class UntagResource implements Operation {
    private final KinesisEngine engine;

    public UntagResource(KinesisEngine engine) {
        this.engine = engine;
    }

    @Override
    public ObjectNode invoke(RequestContext ctx, Input input) {
        engine.untagResource(input.string("ResourceARN"), input.strings("TagKeys"));
        return null;
    }
}
