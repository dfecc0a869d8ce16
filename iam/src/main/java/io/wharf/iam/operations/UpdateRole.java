package io.wharf.iam.operations;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wharf.iam.engine.IamEngine;
import io.wharf.protocol.Input;
import io.wharf.protocol.Operation;
import io.wharf.protocol.RequestContext;

/** UpdateRole: description and/or longest session; answers an empty result. */
public final class UpdateRole implements Operation {
    private final IamEngine engine;

    public UpdateRole(IamEngine engine) {
        this.engine = engine;
    }

    @Override
    public ObjectNode invoke(RequestContext ctx, Input input) {
        engine.roles().update(Wire.account(ctx), input.string("RoleName"), input.string("Description"),
                input.integer("MaxSessionDuration"));
        return Wire.empty();
    }
}
