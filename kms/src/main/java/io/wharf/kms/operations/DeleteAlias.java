package io.wharf.kms.operations;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wharf.kms.engine.KmsEngine;
import io.wharf.protocol.Input;
import io.wharf.protocol.Operation;
import io.wharf.protocol.RequestContext;

/** DeleteAlias. */
public final class DeleteAlias implements Operation {
    private final KmsEngine engine;

    public DeleteAlias(KmsEngine engine) {
        this.engine = engine;
    }

    @Override
    public ObjectNode invoke(RequestContext ctx, Input input) {
        engine.deleteAlias(ctx.accountId(), ctx.region(), input.string("AliasName"));
        return null;
    }
}
