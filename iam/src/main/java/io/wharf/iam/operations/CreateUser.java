package io.wharf.iam.operations;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wharf.iam.engine.IamEngine;
import io.wharf.protocol.Input;
import io.wharf.protocol.Operation;
import io.wharf.protocol.RequestContext;

/** CreateUser: a user with an optional path and tags. */
public final class CreateUser implements Operation {
    private final IamEngine engine;

    public CreateUser(IamEngine engine) {
        this.engine = engine;
    }

    @Override
    public ObjectNode invoke(RequestContext ctx, Input input) {
        return Wire.empty().set("User", Wire.userWithTags(Wire.empty(), engine.users().create(Wire.account(ctx),
                input.string("UserName"), input.string("Path"), Wire.tags(input))));
    }
}
