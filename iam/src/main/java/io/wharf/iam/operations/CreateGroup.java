package io.wharf.iam.operations;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wharf.iam.engine.IamEngine;
import io.wharf.protocol.Input;
import io.wharf.protocol.Operation;
import io.wharf.protocol.RequestContext;

/** CreateGroup: a group with an optional path. */
public final class CreateGroup implements Operation {
    private final IamEngine engine;

    public CreateGroup(IamEngine engine) {
        this.engine = engine;
    }

    @Override
    public ObjectNode invoke(RequestContext ctx, Input input) {
        return Wire.empty().set("Group", Wire.group(Wire.empty(), engine.groups().create(Wire.account(ctx),
                input.string("GroupName"), input.string("Path"))));
    }
}
