package io.wharf.iam.operations;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wharf.iam.engine.IamEngine;
import io.wharf.protocol.Input;
import io.wharf.protocol.Operation;
import io.wharf.protocol.RequestContext;

/** DeleteUser: only a user that holds nothing any more (DeleteConflict otherwise). */
public final class DeleteUser implements Operation {
    private final IamEngine engine;

    public DeleteUser(IamEngine engine) {
        this.engine = engine;
    }

    @Override
    public ObjectNode invoke(RequestContext ctx, Input input) {
        engine.users().delete(Wire.account(ctx), input.string("UserName"));
        return null;
    }
}
