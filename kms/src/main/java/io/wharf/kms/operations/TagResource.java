package io.wharf.kms.operations;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wharf.kms.engine.KmsEngine;
import io.wharf.protocol.Input;
import io.wharf.protocol.Operation;
import io.wharf.protocol.RequestContext;

/** TagResource: adds or replaces tags. */
public final class TagResource implements Operation {
    private final KmsEngine engine;

    public TagResource(KmsEngine engine) {
        this.engine = engine;
    }

    @Override
    public ObjectNode invoke(RequestContext ctx, Input input) {
        engine.tag(ctx.accountId(), ctx.region(), input.string("KeyId"), Wire.tags(input, "Tags"));
        return null;
    }
}
