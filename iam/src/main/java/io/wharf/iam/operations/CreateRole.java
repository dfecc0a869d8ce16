package io.wharf.iam.operations;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wharf.iam.engine.IamEngine;
import io.wharf.protocol.Input;
import io.wharf.protocol.Operation;
import io.wharf.protocol.RequestContext;

/** CreateRole: a role with its trust policy (validated as a policy), description, longest session and tags. */
public final class CreateRole implements Operation {
    private final IamEngine engine;

    public CreateRole(IamEngine engine) {
        this.engine = engine;
    }

    @Override
    public ObjectNode invoke(RequestContext ctx, Input input) {
        return Wire.empty().set("Role", Wire.role(Wire.empty(), engine.roles().create(Wire.account(ctx),
                input.string("RoleName"), input.string("Path"), input.string("AssumeRolePolicyDocument"),
                input.string("Description"), input.integer("MaxSessionDuration"), Wire.tags(input)),
                Wire.RoleDetail.CREATED));
    }
}
