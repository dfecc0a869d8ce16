package io.wharf.kinesis.operations;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wharf.kinesis.engine.KinesisEngine;
import io.wharf.protocol.Input;
import io.wharf.protocol.Operation;
import io.wharf.protocol.RequestContext;

/** RemoveTagsFromStream: unknown keys are ignored. */
public final class RemoveTagsFromStream implements Operation {
    private final KinesisEngine engine;

    public RemoveTagsFromStream(KinesisEngine engine) {
        this.engine = engine;
    }

    @Override
    public ObjectNode invoke(RequestContext ctx, Input input) {
        engine.removeTags(Wire.stream(ctx, input), input.strings("TagKeys"));
        return null;
    }
}
