package io.wharf.sns.operations;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wharf.protocol.Input;
import io.wharf.protocol.Operation;
import io.wharf.protocol.RequestContext;
import io.wharf.sns.engine.SnsEngine;

/** ListSubscriptionsByTopic: 100 a page, in ARN order. */
public final class ListSubscriptionsByTopic implements Operation {
    private final SnsEngine engine;

    public ListSubscriptionsByTopic(SnsEngine engine) {
        this.engine = engine;
    }

    @Override
    public ObjectNode invoke(RequestContext ctx, Input input) {
        return Wire.subscriptions(engine.subscriptions().listByTopic(input.string("TopicArn"),
                input.string("NextToken")));
    }
}
