package io.wharf.mq.operations;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wharf.mq.engine.MqEngine;
import io.wharf.protocol.Input;
import io.wharf.protocol.Operation;
import io.wharf.protocol.RequestContext;

/** DescribeUser: the applied values and the pending change, never the password. */
public final class DescribeUser implements Operation {
    private final MqEngine engine;

    public DescribeUser(MqEngine engine) {
        this.engine = engine;
    }

    @Override
    public ObjectNode invoke(RequestContext context, Input input) {
        return Outputs.user(engine.describeUser(context.accountId(), context.region(), input.string("BrokerId"),
                input.string("Username")));
    }
}
