package io.wharf.sns.operations;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wharf.protocol.Input;
import io.wharf.protocol.Operation;
import io.wharf.protocol.RequestContext;
import io.wharf.sns.engine.SnsEngine;

/** DeleteSMSSandboxPhoneNumber: ResourceNotFound for an unknown number. */
public final class DeleteSMSSandboxPhoneNumber implements Operation {
    private final SnsEngine engine;

    public DeleteSMSSandboxPhoneNumber(SnsEngine engine) {
        this.engine = engine;
    }

    @Override
    public ObjectNode invoke(RequestContext ctx, Input input) {
        engine.platform().deleteSandboxPhoneNumber(input.string("PhoneNumber"));
        return Wire.empty();
    }
}
