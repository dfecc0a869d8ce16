package io.wharf.iam.operations;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wharf.iam.engine.IamEngine;
import io.wharf.protocol.Input;
import io.wharf.protocol.Operation;
import io.wharf.protocol.RequestContext;
import io.wharf.iam.engine.ManagedPolicy;

/** CreatePolicy: a customer managed policy, its document validated, as version v1. */
public final class CreatePolicy implements Operation {
    private final IamEngine engine;

    public CreatePolicy(IamEngine engine) {
        this.engine = engine;
    }

    @Override
    public ObjectNode invoke(RequestContext ctx, Input input) {
        ManagedPolicy policy = engine.managedPolicies().create(Wire.account(ctx), input.string("PolicyName"),
                input.string("Path"), input.string("PolicyDocument"), input.string("Description"), Wire.tags(input));
        return Wire.empty().set("Policy", Wire.policy(Wire.empty(), policy, true));
    }
}
