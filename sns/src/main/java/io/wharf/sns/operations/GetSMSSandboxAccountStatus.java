package io.wharf.sns.operations;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wharf.protocol.Input;
import io.wharf.protocol.Operation;
import io.wharf.protocol.RequestContext;
import io.wharf.sns.engine.SnsEngine;

/** GetSMSSandboxAccountStatus: a new account is in the SMS sandbox. */
public final class GetSMSSandboxAccountStatus implements Operation {
    private final SnsEngine engine;

    public GetSMSSandboxAccountStatus(SnsEngine engine) {
        this.engine = engine;
    }

    @Override
    public ObjectNode invoke(RequestContext ctx, Input input) {
        return Wire.empty().put("IsInSandbox", true);
    }
}
