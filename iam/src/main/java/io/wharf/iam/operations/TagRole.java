package io.wharf.iam.operations;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wharf.iam.engine.IamEngine;
import io.wharf.protocol.Input;
import io.wharf.protocol.Operation;
import io.wharf.protocol.RequestContext;

/** TagRole: adds tags or replaces them, keys compared without case. */
public final class TagRole implements Operation {
    private final IamEngine engine;

    public TagRole(IamEngine engine) {
        this.engine = engine;
    }

    @Override
    public ObjectNode invoke(RequestContext ctx, Input input) {
        engine.roles().tag(Wire.account(ctx), input.string("RoleName"), Wire.tags(input));
        return null;
    }
}
