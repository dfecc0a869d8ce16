package io.wharf.mq.operations;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wharf.mq.engine.MqEngine;
import io.wharf.protocol.Input;
import io.wharf.protocol.Operation;
import io.wharf.protocol.RequestContext;

/** RebootBroker: REBOOT_IN_PROGRESS at once; pending changes apply as the broker starts again. */
public final class RebootBroker implements Operation {
    private final MqEngine engine;

    public RebootBroker(MqEngine engine) {
        this.engine = engine;
    }

    @Override
    public ObjectNode invoke(RequestContext context, Input input) {
        engine.rebootBroker(context.accountId(), context.region(), input.string("BrokerId"));
        return Outputs.object();
    }
}
