package io.wharf.kinesis.operations;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wharf.kinesis.engine.KinesisEngine;
import io.wharf.kinesis.engine.Views;
import io.wharf.protocol.Input;
import io.wharf.protocol.Operation;
import io.wharf.protocol.RequestContext;

/** ListTagsForStream: tags in key order after ExclusiveStartTagKey, Limit at a time. */
public final class ListTagsForStream implements Operation {
    private final KinesisEngine engine;

    public ListTagsForStream(KinesisEngine engine) {
        this.engine = engine;
    }

    @Override
    public ObjectNode invoke(RequestContext ctx, Input input) {
        Views.TagPage page = engine.listTags(Wire.stream(ctx, input), input.string("ExclusiveStartTagKey"),
                Wire.limit(input.integer("Limit"), 50, 50));
        ObjectNode out = Wire.object();
        out.set("Tags", Wire.tagList(page.tags()));
        out.put("HasMoreTags", page.hasMore());
        return out;
    }
}
