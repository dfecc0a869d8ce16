package io.wharf.iam.operations;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wharf.iam.engine.IamEngine;
import io.wharf.protocol.Input;
import io.wharf.protocol.Operation;
import io.wharf.protocol.RequestContext;
import io.wharf.iam.IamErrors;

/** UpdateAccessKey: Active or Inactive (an inactive key no longer authenticates). */
public final class UpdateAccessKey implements Operation {
    private final IamEngine engine;

    public UpdateAccessKey(IamEngine engine) {
        this.engine = engine;
    }

    @Override
    public ObjectNode invoke(RequestContext ctx, Input input) {
        String status = input.string("Status");
        if (status.equals("Expired")) {
            throw IamErrors.validation("1 validation error detected: Value at 'status' failed to satisfy constraint: "
                    + "Member must satisfy enum value set");
        }
        engine.accessKeys().update(Wire.account(ctx), Wire.callerUserName(ctx, input.string("UserName")),
                input.string("AccessKeyId"), status.equals("Active"));
        return null;
    }
}
