package io.wharf.iam.operations;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wharf.iam.engine.IamEngine;
import io.wharf.protocol.Input;
import io.wharf.protocol.Operation;
import io.wharf.protocol.RequestContext;

/** DeleteGroup: only an empty group without policies (DeleteConflict otherwise). */
public final class DeleteGroup implements Operation {
    private final IamEngine engine;

    public DeleteGroup(IamEngine engine) {
        this.engine = engine;
    }

    @Override
    public ObjectNode invoke(RequestContext ctx, Input input) {
        engine.groups().delete(Wire.account(ctx), input.string("GroupName"));
        return null;
    }
}
