package io.wharf.mq.operations;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wharf.mq.engine.MqEngine;
import io.wharf.protocol.Input;
import io.wharf.protocol.Operation;
import io.wharf.protocol.RequestContext;

/** DeleteBroker: DELETION_IN_PROGRESS at once; the broker stops and its data goes in the background. */
public final class DeleteBroker implements Operation {
    private final MqEngine engine;

    public DeleteBroker(MqEngine engine) {
        this.engine = engine;
    }

    @Override
    public ObjectNode invoke(RequestContext context, Input input) {
        String brokerId = input.string("BrokerId");
        engine.deleteBroker(context.accountId(), context.region(), brokerId);
        return Outputs.object().put("BrokerId", brokerId);
    }
}
