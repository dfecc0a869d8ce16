package io.wharf.sns.operations;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wharf.protocol.Input;
import io.wharf.protocol.Operation;
import io.wharf.protocol.RequestContext;
import io.wharf.sns.engine.SnsEngine;

/** CreateSMSSandboxPhoneNumber: stored as Pending; no OTP is sent. */
public final class CreateSMSSandboxPhoneNumber implements Operation {
    private final SnsEngine engine;

    public CreateSMSSandboxPhoneNumber(SnsEngine engine) {
        this.engine = engine;
    }

    @Override
    public ObjectNode invoke(RequestContext ctx, Input input) {
        engine.platform().createSandboxPhoneNumber(input.string("PhoneNumber"), input.string("LanguageCode"));
        return Wire.empty();
    }
}
