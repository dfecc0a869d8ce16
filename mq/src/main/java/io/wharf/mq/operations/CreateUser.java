package io.wharf.mq.operations;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wharf.mq.engine.MqEngine;
import io.wharf.protocol.Input;
import io.wharf.protocol.Operation;
import io.wharf.protocol.RequestContext;

/** CreateUser: pending (CREATE) until the broker reboots. */
public final class CreateUser implements Operation {
    private final MqEngine engine;

    public CreateUser(MqEngine engine) {
        this.engine = engine;
    }

    @Override
    public ObjectNode invoke(RequestContext context, Input input) {
        engine.createUser(context.accountId(), context.region(), input.string("BrokerId"),
                Inputs.newUser(input, input.string("Username")));
        return Outputs.object();
    }
}
