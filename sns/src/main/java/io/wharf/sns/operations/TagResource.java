package io.wharf.sns.operations;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wharf.protocol.Input;
import io.wharf.protocol.Operation;
import io.wharf.protocol.RequestContext;
import io.wharf.sns.engine.SnsEngine;

/** TagResource: tags on a topic (50 at most). */
public final class TagResource implements Operation {
    private final SnsEngine engine;

    public TagResource(SnsEngine engine) {
        this.engine = engine;
    }

    @Override
    public ObjectNode invoke(RequestContext ctx, Input input) {
        engine.tagResource(input.string("ResourceArn"), Wire.tags(input));
        return Wire.empty();
    }
}
