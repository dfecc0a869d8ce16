package io.wharf.kms.operations;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wharf.kms.engine.KmsEngine;
import io.wharf.kms.engine.KmsKey;
import io.wharf.protocol.Input;
import io.wharf.protocol.Operation;
import io.wharf.protocol.RequestContext;

/** CancelKeyDeletion: the key comes back Disabled, as on AWS. */
public final class CancelKeyDeletion implements Operation {
    private final KmsEngine engine;

    public CancelKeyDeletion(KmsEngine engine) {
        this.engine = engine;
    }

    @Override
    public ObjectNode invoke(RequestContext ctx, Input input) {
        KmsKey key = engine.cancelDeletion(ctx.accountId(), ctx.region(), input.string("KeyId"));
        return Wire.object().put("KeyId", key.arn());
    }
}
