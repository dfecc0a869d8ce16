package io.wharf.mq.operations;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wharf.mq.engine.MqEngine;
import io.wharf.protocol.Input;
import io.wharf.protocol.Operation;
import io.wharf.protocol.RequestContext;

/** ListTags: a broker's or configuration's tags. */
public final class ListTags implements Operation {
    private final MqEngine engine;

    public ListTags(MqEngine engine) {
        this.engine = engine;
    }

    @Override
    public ObjectNode invoke(RequestContext context, Input input) {
        ObjectNode out = Outputs.object();
        Outputs.tags(out, engine.listTags(context.accountId(), context.region(), input.string("ResourceArn")));
        return out;
    }
}
