package io.wharf.iam.operations;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wharf.iam.engine.IamEngine;
import io.wharf.protocol.Input;
import io.wharf.protocol.Operation;
import io.wharf.protocol.RequestContext;

/** RemoveUserFromGroup: removing a non-member succeeds, as in AWS. */
public final class RemoveUserFromGroup implements Operation {
    private final IamEngine engine;

    public RemoveUserFromGroup(IamEngine engine) {
        this.engine = engine;
    }

    @Override
    public ObjectNode invoke(RequestContext ctx, Input input) {
        engine.groups().removeUser(Wire.account(ctx), input.string("GroupName"), input.string("UserName"));
        return null;
    }
}
