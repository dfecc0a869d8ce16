package io.wharf.iam.operations;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wharf.iam.engine.IamEngine;
import io.wharf.protocol.Input;
import io.wharf.protocol.Operation;
import io.wharf.protocol.RequestContext;

/** TagUser: adds tags or replaces them, keys compared without case. */
public final class TagUser implements Operation {
    private final IamEngine engine;

    public TagUser(IamEngine engine) {
        this.engine = engine;
    }

    @Override
    public ObjectNode invoke(RequestContext ctx, Input input) {
        engine.users().tag(Wire.account(ctx), input.string("UserName"), Wire.tags(input));
        return null;
    }
}
