package io.wharf.kms.operations;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wharf.kms.engine.KmsEngine;
import io.wharf.protocol.Input;
import io.wharf.protocol.Operation;
import io.wharf.protocol.RequestContext;

/** CreateAlias: a new alias name for one of the caller's keys. */
public final class CreateAlias implements Operation {
    private final KmsEngine engine;

    public CreateAlias(KmsEngine engine) {
        this.engine = engine;
    }

    @Override
    public ObjectNode invoke(RequestContext ctx, Input input) {
        engine.createAlias(ctx.accountId(), ctx.region(), input.string("AliasName"), input.string("TargetKeyId"));
        return null;
    }
}
