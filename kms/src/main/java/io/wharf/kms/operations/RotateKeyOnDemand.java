package io.wharf.kms.operations;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wharf.kms.engine.KmsEngine;
import io.wharf.kms.engine.KmsKey;
import io.wharf.protocol.Input;
import io.wharf.protocol.Operation;
import io.wharf.protocol.RequestContext;

/** RotateKeyOnDemand: new material now; older material still decrypts what it encrypted. */
public final class RotateKeyOnDemand implements Operation {
    private final KmsEngine engine;

    public RotateKeyOnDemand(KmsEngine engine) {
        this.engine = engine;
    }

    @Override
    public ObjectNode invoke(RequestContext ctx, Input input) {
        KmsKey key = engine.rotateNow(ctx.accountId(), ctx.region(), input.string("KeyId"));
        return Wire.object().put("KeyId", key.arn());
    }
}
