package io.wharf.sns.operations;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wharf.protocol.Input;
import io.wharf.protocol.Operation;
import io.wharf.protocol.RequestContext;
import io.wharf.sns.engine.SnsEngine;

/** PutDataProtectionPolicy: stored with the topic and returned; not enforced. */
public final class PutDataProtectionPolicy implements Operation {
    private final SnsEngine engine;

    public PutDataProtectionPolicy(SnsEngine engine) {
        this.engine = engine;
    }

    @Override
    public ObjectNode invoke(RequestContext ctx, Input input) {
        engine.putDataProtectionPolicy(input.string("ResourceArn"), input.string("DataProtectionPolicy"));
        return null;
    }
}
