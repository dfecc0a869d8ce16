package io.wharf.sns.operations;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wharf.protocol.Input;
import io.wharf.protocol.Operation;
import io.wharf.protocol.RequestContext;
import io.wharf.sns.engine.SnsEngine;

/** VerifySMSSandboxPhoneNumber: any OTP verifies, since none was ever sent. */
public final class VerifySMSSandboxPhoneNumber implements Operation {
    private final SnsEngine engine;

    public VerifySMSSandboxPhoneNumber(SnsEngine engine) {
        this.engine = engine;
    }

    @Override
    public ObjectNode invoke(RequestContext ctx, Input input) {
        engine.platform().verifySandboxPhoneNumber(input.string("PhoneNumber"));
        return Wire.empty();
    }
}
