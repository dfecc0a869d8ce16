package io.wharf.kms.operations;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wharf.kms.engine.KmsEngine;
import io.wharf.protocol.Input;
import io.wharf.protocol.Operation;
import io.wharf.protocol.RequestContext;

/** UntagResource: keys that are not there are ignored. */
public final class UntagResource implements Operation {
    private final KmsEngine engine;

    public UntagResource(KmsEngine engine) {
        this.engine = engine;
    }

    @Override
    public ObjectNode invoke(RequestContext ctx, Input input) {
        engine.untag(ctx.accountId(), ctx.region(), input.string("KeyId"), input.strings("TagKeys"));
        return null;
    }
}
