package io.wharf.iam.operations;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wharf.iam.engine.IamEngine;
import io.wharf.protocol.Input;
import io.wharf.protocol.Operation;
import io.wharf.protocol.RequestContext;

/** AddUserToGroup: idempotent. */
public final class AddUserToGroup implements Operation {
    private final IamEngine engine;

    public AddUserToGroup(IamEngine engine) {
        this.engine = engine;
    }

    @Override
    public ObjectNode invoke(RequestContext ctx, Input input) {
        engine.groups().addUser(Wire.account(ctx), input.string("GroupName"), input.string("UserName"));
        return null;
    }
}
