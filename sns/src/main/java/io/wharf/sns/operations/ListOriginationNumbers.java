package io.wharf.sns.operations;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wharf.protocol.Input;
import io.wharf.protocol.Operation;
import io.wharf.protocol.RequestContext;
import io.wharf.sns.engine.SnsEngine;

/** ListOriginationNumbers: none, as for an account without SMS numbers. */
public final class ListOriginationNumbers implements Operation {
    private final SnsEngine engine;

    public ListOriginationNumbers(SnsEngine engine) {
        this.engine = engine;
    }

    @Override
    public ObjectNode invoke(RequestContext ctx, Input input) {
        ObjectNode out = Wire.empty();
        out.putArray("PhoneNumbers");
        return out;
    }
}
