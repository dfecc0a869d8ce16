package io.wharf.iam.operations;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wharf.iam.engine.IamEngine;
import io.wharf.protocol.Input;
import io.wharf.protocol.Operation;
import io.wharf.protocol.RequestContext;

/** DeleteRole: only a role without policies (DeleteConflict otherwise); its sessions stop working. */
public final class DeleteRole implements Operation {
    private final IamEngine engine;

    public DeleteRole(IamEngine engine) {
        this.engine = engine;
    }

    @Override
    public ObjectNode invoke(RequestContext ctx, Input input) {
        engine.roles().delete(Wire.account(ctx), input.string("RoleName"));
        return null;
    }
}
