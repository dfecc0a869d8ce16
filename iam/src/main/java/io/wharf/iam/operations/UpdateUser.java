package io.wharf.iam.operations;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wharf.iam.engine.IamEngine;
import io.wharf.protocol.Input;
import io.wharf.protocol.Operation;
import io.wharf.protocol.RequestContext;

/** UpdateUser: a new name and/or path; the unique id, keys, policies and groups stay. */
public final class UpdateUser implements Operation {
    private final IamEngine engine;

    public UpdateUser(IamEngine engine) {
        this.engine = engine;
    }

    @Override
    public ObjectNode invoke(RequestContext ctx, Input input) {
        engine.users().update(Wire.account(ctx), input.string("UserName"), input.string("NewPath"),
                input.string("NewUserName"));
        return null;
    }
}
