package io.wharf.kinesis.operations;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wharf.kinesis.engine.KinesisEngine;
import io.wharf.protocol.Input;
import io.wharf.protocol.Operation;
import io.wharf.protocol.RequestContext;

/** AddTagsToStream: merges; at most 50 tags per stream. */
public final class AddTagsToStream implements Operation {
    private final KinesisEngine engine;

    public AddTagsToStream(KinesisEngine engine) {
        this.engine = engine;
    }

    @Override
    public ObjectNode invoke(RequestContext ctx, Input input) {
        engine.addTags(Wire.stream(ctx, input), input.stringMap("Tags"));
        return null;
    }
}
