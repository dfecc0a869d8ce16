package io.wharf.sns.operations;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wharf.protocol.Input;
import io.wharf.protocol.Operation;
import io.wharf.protocol.RequestContext;
import io.wharf.sns.engine.SnsEngine;

/** DeleteTopic: idempotent; the topic's subscriptions go with it. */
public final class DeleteTopic implements Operation {
    private final SnsEngine engine;

    public DeleteTopic(SnsEngine engine) {
        this.engine = engine;
    }

    @Override
    public ObjectNode invoke(RequestContext ctx, Input input) {
        engine.deleteTopic(input.string("TopicArn"));
        return null;
    }
}
