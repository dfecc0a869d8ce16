package io.wharf.mq.operations;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wharf.mq.engine.MqEngine;
import io.wharf.protocol.Input;
import io.wharf.protocol.Operation;
import io.wharf.protocol.RequestContext;

/** DescribeConfiguration. */
public final class DescribeConfiguration implements Operation {
    private final MqEngine engine;

    public DescribeConfiguration(MqEngine engine) {
        this.engine = engine;
    }

    @Override
    public ObjectNode invoke(RequestContext context, Input input) {
        return Outputs.configuration(Outputs.object(), engine.describeConfiguration(context.accountId(),
                context.region(), input.string("ConfigurationId")));
    }
}
