package io.wharf.kinesis.operations;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wharf.kinesis.engine.KinesisEngine;
import io.wharf.protocol.Input;
import io.wharf.protocol.Operation;
import io.wharf.protocol.RequestContext;

/** ListTagsForResource: a stream's or consumer's tags in key order. */
public final class ListTagsForResource implements Operation {
    private final KinesisEngine engine;

    public ListTagsForResource(KinesisEngine engine) {
        this.engine = engine;
    }

    @Override
    public ObjectNode invoke(RequestContext ctx, Input input) {
        ObjectNode out = Wire.object();
        out.set("Tags", Wire.tagList(engine.tagsOf(input.string("ResourceARN"))));
        return out;
    }
}
