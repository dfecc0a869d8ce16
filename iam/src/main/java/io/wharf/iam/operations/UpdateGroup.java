package io.wharf.iam.operations;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wharf.iam.engine.IamEngine;
import io.wharf.protocol.Input;
import io.wharf.protocol.Operation;
import io.wharf.protocol.RequestContext;

/** UpdateGroup: a new name and/or path; members and policies stay. */
public final class UpdateGroup implements Operation {
    private final IamEngine engine;

    public UpdateGroup(IamEngine engine) {
        this.engine = engine;
    }

    @Override
    public ObjectNode invoke(RequestContext ctx, Input input) {
        engine.groups().update(Wire.account(ctx), input.string("GroupName"), input.string("NewPath"),
                input.string("NewGroupName"));
        return null;
    }
}
