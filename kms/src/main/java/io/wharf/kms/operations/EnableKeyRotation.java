package io.wharf.kms.operations;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wharf.kms.engine.KmsEngine;
import io.wharf.protocol.Input;
import io.wharf.protocol.Operation;
import io.wharf.protocol.RequestContext;

/** EnableKeyRotation: new material every RotationPeriodInDays (90–2560, default 365). */
public final class EnableKeyRotation implements Operation {
    private final KmsEngine engine;

    public EnableKeyRotation(KmsEngine engine) {
        this.engine = engine;
    }

    @Override
    public ObjectNode invoke(RequestContext ctx, Input input) {
        engine.setRotation(ctx.accountId(), ctx.region(), input.string("KeyId"), true,
                input.integer("RotationPeriodInDays"));
        return null;
    }
}
