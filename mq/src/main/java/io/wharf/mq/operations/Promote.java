package io.wharf.mq.operations;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wharf.mq.engine.MqEngine;
import io.wharf.protocol.Input;
import io.wharf.protocol.Operation;
import io.wharf.protocol.RequestContext;

/** Promote: for the replica of a cross-region data replication pair, which no Wharf broker is. */
public final class Promote implements Operation {
    private final MqEngine engine;

    public Promote(MqEngine engine) {
        this.engine = engine;
    }

    @Override
    public ObjectNode invoke(RequestContext context, Input input) {
        engine.promote(context.accountId(), context.region(), input.string("BrokerId"));
        return Outputs.object().put("BrokerId", input.string("BrokerId"));
    }
}
