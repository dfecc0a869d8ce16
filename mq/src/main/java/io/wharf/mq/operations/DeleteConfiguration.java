package io.wharf.mq.operations;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wharf.mq.engine.MqEngine;
import io.wharf.protocol.Input;
import io.wharf.protocol.Operation;
import io.wharf.protocol.RequestContext;

/** DeleteConfiguration: refused while a broker uses the configuration. */
public final class DeleteConfiguration implements Operation {
    private final MqEngine engine;

    public DeleteConfiguration(MqEngine engine) {
        this.engine = engine;
    }

    @Override
    public ObjectNode invoke(RequestContext context, Input input) {
        String id = input.string("ConfigurationId");
        engine.deleteConfiguration(context.accountId(), context.region(), id);
        return Outputs.object().put("ConfigurationId", id);
    }
}
