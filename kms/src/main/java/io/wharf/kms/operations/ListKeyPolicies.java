package io.wharf.kms.operations;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wharf.kms.engine.KmsEngine;
import io.wharf.protocol.Input;
import io.wharf.protocol.Operation;
import io.wharf.protocol.RequestContext;

/** ListKeyPolicies: every key has one policy, {@code default}. */
public final class ListKeyPolicies implements Operation {
    private final KmsEngine engine;

    public ListKeyPolicies(KmsEngine engine) {
        this.engine = engine;
    }

    @Override
    public ObjectNode invoke(RequestContext ctx, Input input) {
        engine.ownKey(ctx.accountId(), ctx.region(), input.string("KeyId"));
        ObjectNode out = Wire.object();
        out.putArray("PolicyNames").add("default");
        out.put("Truncated", false);
        return out;
    }
}
