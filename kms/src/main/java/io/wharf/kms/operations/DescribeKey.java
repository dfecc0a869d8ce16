package io.wharf.kms.operations;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wharf.kms.engine.KmsEngine;
import io.wharf.protocol.Input;
import io.wharf.protocol.Operation;
import io.wharf.protocol.RequestContext;

/** DescribeKey: any form of KeyId; an AWS managed alias makes its key on first use, as AWS does. */
public final class DescribeKey implements Operation {
    private final KmsEngine engine;

    public DescribeKey(KmsEngine engine) {
        this.engine = engine;
    }

    @Override
    public ObjectNode invoke(RequestContext ctx, Input input) {
        ObjectNode out = Wire.object();
        out.set("KeyMetadata", Wire.keyMetadata(engine.describe(ctx.accountId(), ctx.region(), input.string("KeyId"))));
        return out;
    }
}
