package io.wharf.sns.operations;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wharf.protocol.Input;
import io.wharf.protocol.Operation;
import io.wharf.protocol.RequestContext;
import io.wharf.sns.engine.SnsEngine;

/** ListPhoneNumbersOptedOut: empty, as for an account that never sent SMS. */
public final class ListPhoneNumbersOptedOut implements Operation {
    private final SnsEngine engine;

    public ListPhoneNumbersOptedOut(SnsEngine engine) {
        this.engine = engine;
    }

    @Override
    public ObjectNode invoke(RequestContext ctx, Input input) {
        ObjectNode out = Wire.empty();
        out.putArray("phoneNumbers");
        return out;
    }
}
