package io.wharf.iam.operations;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wharf.iam.engine.IamEngine;
import io.wharf.protocol.Input;
import io.wharf.protocol.Operation;
import io.wharf.protocol.RequestContext;

/** TagPolicy: adds tags to a customer managed policy or replaces them, keys compared without case. */
public final class TagPolicy implements Operation {
    private final IamEngine engine;

    public TagPolicy(IamEngine engine) {
        this.engine = engine;
    }

    @Override
    public ObjectNode invoke(RequestContext ctx, Input input) {
        engine.managedPolicies().tag(Wire.account(ctx), input.string("PolicyArn"), Wire.tags(input));
        return null;
    }
}
