package io.wharf.iam.operations;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wharf.iam.engine.IamEngine;
import io.wharf.protocol.Input;
import io.wharf.protocol.Operation;
import io.wharf.protocol.RequestContext;

/** DeleteAccessKey: the key stops authenticating at once. */
public final class DeleteAccessKey implements Operation {
    private final IamEngine engine;

    public DeleteAccessKey(IamEngine engine) {
        this.engine = engine;
    }

    @Override
    public ObjectNode invoke(RequestContext ctx, Input input) {
        engine.accessKeys().delete(Wire.account(ctx), Wire.callerUserName(ctx, input.string("UserName")),
                input.string("AccessKeyId"));
        return null;
    }
}
