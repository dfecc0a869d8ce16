package io.wharf.iam.operations;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wharf.iam.engine.IamEngine;
import io.wharf.protocol.Input;
import io.wharf.protocol.Operation;
import io.wharf.protocol.RequestContext;
import io.wharf.iam.engine.Groups;

/** GetGroup: the group and a page of its users. */
public final class GetGroup implements Operation {
    private final IamEngine engine;

    public GetGroup(IamEngine engine) {
        this.engine = engine;
    }

    @Override
    public ObjectNode invoke(RequestContext ctx, Input input) {
        Groups.GroupWithUsers found = engine.groups().get(Wire.account(ctx), input.string("GroupName"),
                input.string("Marker"), input.integer("MaxItems"));
        ObjectNode out = Wire.empty();
        out.set("Group", Wire.group(Wire.empty(), found.group()));
        return Wire.page(out, "Users", found.users(), (list, u) -> Wire.user(list.addObject(), u));
    }
}
