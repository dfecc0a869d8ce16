package io.wharf.sns.operations;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wharf.protocol.Input;
import io.wharf.protocol.Operation;
import io.wharf.protocol.RequestContext;
import io.wharf.sns.engine.SnsEngine;

/** SetSubscriptionAttributes: one attribute per call; a new FilterPolicy applies to the next publish. */
public final class SetSubscriptionAttributes implements Operation {
    private final SnsEngine engine;

    public SetSubscriptionAttributes(SnsEngine engine) {
        this.engine = engine;
    }

    @Override
    public ObjectNode invoke(RequestContext ctx, Input input) {
        engine.subscriptions().setAttribute(input.string("SubscriptionArn"), input.string("AttributeName"),
                input.string("AttributeValue"));
        return null;
    }
}
