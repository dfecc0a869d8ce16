package io.wharf.iam.operations;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wharf.iam.engine.IamEngine;
import io.wharf.protocol.Input;
import io.wharf.protocol.Operation;
import io.wharf.protocol.RequestContext;

/** ListGroupsForUser: the groups a user belongs to, in the order it joined them. */
public final class ListGroupsForUser implements Operation {
    private final IamEngine engine;

    public ListGroupsForUser(IamEngine engine) {
        this.engine = engine;
    }

    @Override
    public ObjectNode invoke(RequestContext ctx, Input input) {
        return Wire.page(Wire.empty(), "Groups", engine.groups().forUser(Wire.account(ctx), input.string("UserName"),
                input.string("Marker"), input.integer("MaxItems")), (list, g) -> Wire.group(list.addObject(), g));
    }
}
