package io.wharf.sns.operations;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wharf.protocol.Input;
import io.wharf.protocol.Operation;
import io.wharf.protocol.RequestContext;
import io.wharf.sns.engine.SnsEngine;

/** RemovePermission: removes the labelled statement from the topic's Policy. */
public final class RemovePermission implements Operation {
    private final SnsEngine engine;

    public RemovePermission(SnsEngine engine) {
        this.engine = engine;
    }

    @Override
    public ObjectNode invoke(RequestContext ctx, Input input) {
        engine.removePermission(input.string("TopicArn"), input.string("Label"));
        return null;
    }
}
