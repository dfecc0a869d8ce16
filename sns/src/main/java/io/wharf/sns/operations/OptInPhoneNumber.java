package io.wharf.sns.operations;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wharf.protocol.Input;
import io.wharf.protocol.Operation;
import io.wharf.protocol.RequestContext;
import io.wharf.sns.engine.SnsEngine;

/** OptInPhoneNumber: accepted (no number is opted out here). */
public final class OptInPhoneNumber implements Operation {
    private final SnsEngine engine;

    public OptInPhoneNumber(SnsEngine engine) {
        this.engine = engine;
    }

    @Override
    public ObjectNode invoke(RequestContext ctx, Input input) {
        engine.platform().checkPhoneNumber(input.string("phoneNumber"));
        return Wire.empty();
    }
}
