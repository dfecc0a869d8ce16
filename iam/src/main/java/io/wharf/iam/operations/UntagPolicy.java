package io.wharf.iam.operations;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wharf.iam.engine.IamEngine;
import io.wharf.protocol.Input;
import io.wharf.protocol.Operation;
import io.wharf.protocol.RequestContext;

/** UntagPolicy: removes tags by key; unknown keys are ignored. */
public final class UntagPolicy implements Operation {
    private final IamEngine engine;

    public UntagPolicy(IamEngine engine) {
        this.engine = engine;
    }

    @Override
    public ObjectNode invoke(RequestContext ctx, Input input) {
        engine.managedPolicies().untag(Wire.account(ctx), input.string("PolicyArn"), input.strings("TagKeys"));
        return null;
    }
}
