package io.wharf.iam.operations;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wharf.iam.engine.IamEngine;
import io.wharf.protocol.Input;
import io.wharf.protocol.Operation;
import io.wharf.protocol.RequestContext;

/** UpdateAssumeRolePolicy: replaces the trust policy (validated as a policy). */
public final class UpdateAssumeRolePolicy implements Operation {
    private final IamEngine engine;

    public UpdateAssumeRolePolicy(IamEngine engine) {
        this.engine = engine;
    }

    @Override
    public ObjectNode invoke(RequestContext ctx, Input input) {
        engine.roles().updateTrustPolicy(Wire.account(ctx), input.string("RoleName"), input.string("PolicyDocument"));
        return null;
    }
}
