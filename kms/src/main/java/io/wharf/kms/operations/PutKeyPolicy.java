package io.wharf.kms.operations;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wharf.kms.engine.KmsEngine;
import io.wharf.protocol.Input;
import io.wharf.protocol.Operation;
import io.wharf.protocol.RequestContext;

/** PutKeyPolicy: replaces the {@code default} policy. */
public final class PutKeyPolicy implements Operation {
    private final KmsEngine engine;

    public PutKeyPolicy(KmsEngine engine) {
        this.engine = engine;
    }

    @Override
    public ObjectNode invoke(RequestContext ctx, Input input) {
        Wire.requireDefaultPolicyName(input);
        engine.putPolicy(ctx.accountId(), ctx.region(), input.string("KeyId"), input.string("Policy"));
        return null;
    }
}
