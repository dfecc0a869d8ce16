package io.wharf.mq.operations;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wharf.mq.engine.MqEngine;
import io.wharf.protocol.Input;
import io.wharf.protocol.Operation;
import io.wharf.protocol.RequestContext;

/** DeleteUser: pending (DELETE) until the broker reboots. */
public final class DeleteUser implements Operation {
    private final MqEngine engine;

    public DeleteUser(MqEngine engine) {
        this.engine = engine;
    }

    @Override
    public ObjectNode invoke(RequestContext context, Input input) {
        engine.deleteUser(context.accountId(), context.region(), input.string("BrokerId"), input.string("Username"));
        return Outputs.object();
    }
}
