package io.wharf.kinesis.operations;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wharf.kinesis.engine.KinesisEngine;
import io.wharf.protocol.Input;
import io.wharf.protocol.Operation;
import io.wharf.protocol.RequestContext;

/** GetResourcePolicy: the stored policy, or an empty document. */
public final class GetResourcePolicy implements Operation {
    private final KinesisEngine engine;

    public GetResourcePolicy(KinesisEngine engine) {
        this.engine = engine;
    }

    @Override
    public ObjectNode invoke(RequestContext ctx, Input input) {
        String policy = engine.policy(input.string("ResourceARN"));
        return Wire.object().put("Policy", policy == null ? "{}" : policy);
    }
}
