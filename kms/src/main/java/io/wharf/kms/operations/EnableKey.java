package io.wharf.kms.operations;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wharf.kms.engine.KmsEngine;
import io.wharf.protocol.Input;
import io.wharf.protocol.Operation;
import io.wharf.protocol.RequestContext;

/** EnableKey. */
public final class EnableKey implements Operation {
    private final KmsEngine engine;

    public EnableKey(KmsEngine engine) {
        this.engine = engine;
    }

    @Override
    public ObjectNode invoke(RequestContext ctx, Input input) {
        engine.setEnabled(ctx.accountId(), ctx.region(), input.string("KeyId"), true);
        return null;
    }
}
