package io.wharf.kms.operations;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wharf.kms.engine.KmsEngine;
import io.wharf.protocol.Input;
import io.wharf.protocol.Operation;
import io.wharf.protocol.RequestContext;

/** UpdateAlias: the alias points at another key of the same type. */
public final class UpdateAlias implements Operation {
    private final KmsEngine engine;

    public UpdateAlias(KmsEngine engine) {
        this.engine = engine;
    }

    @Override
    public ObjectNode invoke(RequestContext ctx, Input input) {
        engine.updateAlias(ctx.accountId(), ctx.region(), input.string("AliasName"), input.string("TargetKeyId"));
        return null;
    }
}
