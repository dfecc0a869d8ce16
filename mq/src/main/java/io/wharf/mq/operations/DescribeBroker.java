package io.wharf.mq.operations;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wharf.mq.engine.MqEngine;
import io.wharf.protocol.Input;
import io.wharf.protocol.Operation;
import io.wharf.protocol.RequestContext;

/** DescribeBroker: everything about one broker but its users' passwords. */
public final class DescribeBroker implements Operation {
    private final MqEngine engine;

    public DescribeBroker(MqEngine engine) {
        this.engine = engine;
    }

    @Override
    public ObjectNode invoke(RequestContext context, Input input) {
        return Outputs.broker(engine.describeBroker(context.accountId(), context.region(), input.string("BrokerId")));
    }
}
