package io.wharf.mq.operations;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wharf.mq.engine.MqEngine;
import io.wharf.protocol.Input;
import io.wharf.protocol.Operation;
import io.wharf.protocol.RequestContext;

/** CreateTags: adds or replaces tags on a broker or configuration. */
public final class CreateTags implements Operation {
    private final MqEngine engine;

    public CreateTags(MqEngine engine) {
        this.engine = engine;
    }

    @Override
    public ObjectNode invoke(RequestContext context, Input input) {
        engine.createTags(context.accountId(), context.region(), input.string("ResourceArn"), input.stringMap("Tags"));
        return null;
    }
}
