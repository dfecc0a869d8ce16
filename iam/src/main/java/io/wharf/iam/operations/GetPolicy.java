package io.wharf.iam.operations;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wharf.iam.engine.IamEngine;
import io.wharf.protocol.Input;
import io.wharf.protocol.Operation;
import io.wharf.protocol.RequestContext;

/** GetPolicy: a customer or AWS managed policy, with the caller's account's attachment count. */
public final class GetPolicy implements Operation {
    private final IamEngine engine;

    public GetPolicy(IamEngine engine) {
        this.engine = engine;
    }

    @Override
    public ObjectNode invoke(RequestContext ctx, Input input) {
        return Wire.empty().set("Policy", Wire.policy(Wire.empty(),
                engine.managedPolicies().get(Wire.account(ctx), input.string("PolicyArn")), true));
    }
}
