package io.wharf.sns.operations;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wharf.protocol.Input;
import io.wharf.protocol.Operation;
import io.wharf.protocol.RequestContext;
import io.wharf.sns.engine.SnsEngine;

/** GetDataProtectionPolicy: the stored policy, absent when none was put. */
public final class GetDataProtectionPolicy implements Operation {
    private final SnsEngine engine;

    public GetDataProtectionPolicy(SnsEngine engine) {
        this.engine = engine;
    }

    @Override
    public ObjectNode invoke(RequestContext ctx, Input input) {
        ObjectNode out = Wire.empty();
        String policy = engine.getDataProtectionPolicy(input.string("ResourceArn"));
        if (policy != null) {
            out.put("DataProtectionPolicy", policy);
        }
        return out;
    }
}
