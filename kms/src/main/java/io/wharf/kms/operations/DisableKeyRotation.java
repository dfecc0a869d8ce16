package io.wharf.kms.operations;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wharf.kms.engine.KmsEngine;
import io.wharf.protocol.Input;
import io.wharf.protocol.Operation;
import io.wharf.protocol.RequestContext;

/** DisableKeyRotation. */
public final class DisableKeyRotation implements Operation {
    private final KmsEngine engine;

    public DisableKeyRotation(KmsEngine engine) {
        this.engine = engine;
    }

    @Override
    public ObjectNode invoke(RequestContext ctx, Input input) {
        engine.setRotation(ctx.accountId(), ctx.region(), input.string("KeyId"), false, null);
        return null;
    }
}
