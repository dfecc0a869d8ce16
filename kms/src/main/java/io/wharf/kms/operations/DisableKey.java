package io.wharf.kms.operations;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wharf.kms.engine.KmsEngine;
import io.wharf.protocol.Input;
import io.wharf.protocol.Operation;
import io.wharf.protocol.RequestContext;

/** DisableKey: cryptographic use answers DisabledException until EnableKey. */
public final class DisableKey implements Operation {
    private final KmsEngine engine;

    public DisableKey(KmsEngine engine) {
        this.engine = engine;
    }

    @Override
    public ObjectNode invoke(RequestContext ctx, Input input) {
        engine.setEnabled(ctx.accountId(), ctx.region(), input.string("KeyId"), false);
        return null;
    }
}
