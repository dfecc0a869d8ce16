package io.wharf.kinesis.operations;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wharf.kinesis.engine.KinesisEngine;
import io.wharf.protocol.Input;
import io.wharf.protocol.Operation;
import io.wharf.protocol.RequestContext;

/** TagResource: tags a stream or a consumer by ARN. */
public final class TagResource implements Operation {
    private final KinesisEngine engine;

    public TagResource(KinesisEngine engine) {
        this.engine = engine;
    }

    @Override
    public ObjectNode invoke(RequestContext ctx, Input input) {
        engine.tagResource(input.string("ResourceARN"), input.stringMap("Tags"));
        return null;
    }
}
