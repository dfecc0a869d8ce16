package io.wharf.sns.operations;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wharf.protocol.Input;
import io.wharf.protocol.Operation;
import io.wharf.protocol.RequestContext;
import io.wharf.sns.engine.SnsEngine;

/** ListTagsForResource: a topic's tags as Key/Value pairs. */
public final class ListTagsForResource implements Operation {
    private final SnsEngine engine;

    public ListTagsForResource(SnsEngine engine) {
        this.engine = engine;
    }

    @Override
    public ObjectNode invoke(RequestContext ctx, Input input) {
        ObjectNode out = Wire.empty();
        var tags = out.putArray("Tags");
        engine.listTagsForResource(input.string("ResourceArn"))
                .forEach((k, v) -> tags.addObject().put("Key", k).put("Value", v));
        return out;
    }
}
