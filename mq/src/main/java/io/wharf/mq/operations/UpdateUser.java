package io.wharf.mq.operations;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wharf.mq.engine.MqCommands.UserChange;
import io.wharf.mq.engine.MqEngine;
import io.wharf.protocol.Input;
import io.wharf.protocol.Operation;
import io.wharf.protocol.RequestContext;

/** UpdateUser: pending (UPDATE) until the broker reboots. */
public final class UpdateUser implements Operation {
    private final MqEngine engine;

    public UpdateUser(MqEngine engine) {
        this.engine = engine;
    }

    @Override
    public ObjectNode invoke(RequestContext context, Input input) {
        engine.updateUser(context.accountId(), context.region(), input.string("BrokerId"), input.string("Username"),
                new UserChange(input.string("Password"), input.bool("ConsoleAccess"),
                        input.has("Groups") ? input.strings("Groups") : null, input.bool("ReplicationUser")));
        return Outputs.object();
    }
}
