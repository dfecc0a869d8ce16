package io.wharf.iam.operations;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wharf.iam.engine.IamEngine;
import io.wharf.protocol.Input;
import io.wharf.protocol.Operation;
import io.wharf.protocol.RequestContext;

/** ListRoles: the account's roles in name order, filtered by path prefix (without tags, as AWS). */
public final class ListRoles implements Operation {
    private final IamEngine engine;

    public ListRoles(IamEngine engine) {
        this.engine = engine;
    }

    @Override
    public ObjectNode invoke(RequestContext ctx, Input input) {
        return Wire.page(Wire.empty(), "Roles", engine.roles().list(Wire.account(ctx), input.string("PathPrefix"),
                input.string("Marker"), input.integer("MaxItems")),
                (list, r) -> Wire.role(list.addObject(), r, Wire.RoleDetail.LISTED));
    }
}
