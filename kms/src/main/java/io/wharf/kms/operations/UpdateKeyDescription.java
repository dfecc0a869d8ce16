package io.wharf.kms.operations;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wharf.kms.engine.KmsEngine;
import io.wharf.protocol.Input;
import io.wharf.protocol.Operation;
import io.wharf.protocol.RequestContext;

/** UpdateKeyDescription. */
public final class UpdateKeyDescription implements Operation {
    private final KmsEngine engine;

    public UpdateKeyDescription(KmsEngine engine) {
        this.engine = engine;
    }

    @Override
    public ObjectNode invoke(RequestContext ctx, Input input) {
        engine.updateDescription(ctx.accountId(), ctx.region(), input.string("KeyId"), input.string("Description"));
        return null;
    }
}
