package io.wharf.kms.operations;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wharf.kms.engine.KmsEngine;
import io.wharf.kms.engine.KmsKey;
import io.wharf.protocol.Input;
import io.wharf.protocol.Operation;
import io.wharf.protocol.RequestContext;

/** GetKeyPolicy: the key's only policy, {@code default}. */
public final class GetKeyPolicy implements Operation {
    private final KmsEngine engine;

    public GetKeyPolicy(KmsEngine engine) {
        this.engine = engine;
    }

    @Override
    public ObjectNode invoke(RequestContext ctx, Input input) {
        Wire.requireDefaultPolicyName(input);
        KmsKey key = engine.ownKey(ctx.accountId(), ctx.region(), input.string("KeyId"));
        return Wire.object().put("Policy", key.policy()).put("PolicyName", "default");
    }
}
