package io.wharf.iam.operations;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wharf.iam.engine.IamEngine;
import io.wharf.protocol.Input;
import io.wharf.protocol.Operation;
import io.wharf.protocol.RequestContext;

/** UntagUser: removes tags by key; unknown keys are ignored. */
public final class UntagUser implements Operation {
    private final IamEngine engine;

    public UntagUser(IamEngine engine) {
        this.engine = engine;
    }

    @Override
    public ObjectNode invoke(RequestContext ctx, Input input) {
        engine.users().untag(Wire.account(ctx), input.string("UserName"), input.strings("TagKeys"));
        return null;
    }
}
