package io.wharf.sns.operations;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wharf.protocol.Input;
import io.wharf.protocol.Operation;
import io.wharf.protocol.RequestContext;
import io.wharf.sns.engine.SnsEngine;

/** ListSMSSandboxPhoneNumbers: the stored numbers with their status. */
public final class ListSMSSandboxPhoneNumbers implements Operation {
    private final SnsEngine engine;

    public ListSMSSandboxPhoneNumbers(SnsEngine engine) {
        this.engine = engine;
    }

    @Override
    public ObjectNode invoke(RequestContext ctx, Input input) {
        ObjectNode out = Wire.empty();
        var list = out.putArray("PhoneNumbers");
        engine.platform().sandboxPhoneNumbers()
                .forEach((phone, status) -> list.addObject().put("PhoneNumber", phone).put("Status", status));
        return out;
    }
}
