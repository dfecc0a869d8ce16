package io.wharf.sns.operations;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wharf.protocol.Input;
import io.wharf.protocol.Operation;
import io.wharf.protocol.RequestContext;
import io.wharf.sns.engine.SnsEngine;

/** UntagResource: removes tag keys from a topic. */
public final class UntagResource implements Operation {
    private final SnsEngine engine;

    public UntagResource(SnsEngine engine) {
        this.engine = engine;
    }

    @Override
    public ObjectNode invoke(RequestContext ctx, Input input) {
        engine.untagResource(input.string("ResourceArn"), input.strings("TagKeys"));
        return Wire.empty();
    }
}
