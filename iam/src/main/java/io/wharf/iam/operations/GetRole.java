package io.wharf.iam.operations;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wharf.iam.engine.IamEngine;
import io.wharf.protocol.Input;
import io.wharf.protocol.Operation;
import io.wharf.protocol.RequestContext;

/** GetRole: the role with its trust policy (URL-encoded), longest session and tags. */
public final class GetRole implements Operation {
    private final IamEngine engine;

    public GetRole(IamEngine engine) {
        this.engine = engine;
    }

    @Override
    public ObjectNode invoke(RequestContext ctx, Input input) {
        return Wire.empty().set("Role", Wire.role(Wire.empty(), engine.roles().get(Wire.account(ctx),
                input.string("RoleName")), Wire.RoleDetail.FULL));
    }
}
