package io.wharf.mq.operations;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wharf.mq.engine.MqEngine;
import io.wharf.protocol.Input;
import io.wharf.protocol.Operation;
import io.wharf.protocol.RequestContext;

/** DeleteTags: removes tags by key from a broker or configuration. */
public final class DeleteTags implements Operation {
    private final MqEngine engine;

    public DeleteTags(MqEngine engine) {
        this.engine = engine;
    }

    @Override
    public ObjectNode invoke(RequestContext context, Input input) {
        engine.deleteTags(context.accountId(), context.region(), input.string("ResourceArn"),
                input.strings("TagKeys"));
        return null;
    }
}
