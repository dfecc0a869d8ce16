package io.wharf.sns.operations;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wharf.protocol.Input;
import io.wharf.protocol.Operation;
import io.wharf.protocol.RequestContext;
import io.wharf.sns.engine.SnsEngine;

/** CheckIfPhoneNumberIsOptedOut: nobody has opted out of an account that never sent SMS. */
public final class CheckIfPhoneNumberIsOptedOut implements Operation {
    private final SnsEngine engine;

    public CheckIfPhoneNumberIsOptedOut(SnsEngine engine) {
        this.engine = engine;
    }

    @Override
    public ObjectNode invoke(RequestContext ctx, Input input) {
        engine.platform().checkPhoneNumber(input.string("phoneNumber"));
        return Wire.empty().put("isOptedOut", false);
    }
}
