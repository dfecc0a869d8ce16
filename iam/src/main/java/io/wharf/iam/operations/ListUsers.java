package io.wharf.iam.operations;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wharf.iam.engine.IamEngine;
import io.wharf.protocol.Input;
import io.wharf.protocol.Operation;
import io.wharf.protocol.RequestContext;

/** ListUsers: the account's users in name order, filtered by path prefix, a page at a time. */
public final class ListUsers implements Operation {
    private final IamEngine engine;

    public ListUsers(IamEngine engine) {
        this.engine = engine;
    }

    @Override
    public ObjectNode invoke(RequestContext ctx, Input input) {
        return Wire.page(Wire.empty(), "Users", engine.users().list(Wire.account(ctx), input.string("PathPrefix"),
                input.string("Marker"), input.integer("MaxItems")), (list, u) -> Wire.user(list.addObject(), u));
    }
}
