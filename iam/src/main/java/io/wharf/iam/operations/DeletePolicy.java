package io.wharf.iam.operations;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wharf.iam.engine.IamEngine;
import io.wharf.protocol.Input;
import io.wharf.protocol.Operation;
import io.wharf.protocol.RequestContext;

/** DeletePolicy: only a detached policy with no version but its default (DeleteConflict otherwise). */
public final class DeletePolicy implements Operation {
    private final IamEngine engine;

    public DeletePolicy(IamEngine engine) {
        this.engine = engine;
    }

    @Override
    public ObjectNode invoke(RequestContext ctx, Input input) {
        engine.managedPolicies().delete(Wire.account(ctx), input.string("PolicyArn"));
        return null;
    }
}
