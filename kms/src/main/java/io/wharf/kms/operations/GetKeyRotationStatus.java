package io.wharf.kms.operations;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wharf.kms.engine.KmsEngine;
import io.wharf.kms.engine.KmsKey;
import io.wharf.protocol.Input;
import io.wharf.protocol.Operation;
import io.wharf.protocol.RequestContext;

/** GetKeyRotationStatus. */
public final class GetKeyRotationStatus implements Operation {
    private final KmsEngine engine;

    public GetKeyRotationStatus(KmsEngine engine) {
        this.engine = engine;
    }

    @Override
    public ObjectNode invoke(RequestContext ctx, Input input) {
        KmsKey key = engine.ownKey(ctx.accountId(), ctx.region(), input.string("KeyId"));
        ObjectNode out = Wire.object().put("KeyRotationEnabled", key.rotationEnabled()).put("KeyId", key.arn());
        if (key.rotationEnabled()) {
            out.put("RotationPeriodInDays", key.rotationPeriodDays())
                    .put("NextRotationDate", key.nextRotation().toEpochMilli());
        }
        return out;
    }
}
