package io.wharf.sns.operations;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wharf.protocol.Input;
import io.wharf.protocol.Operation;
import io.wharf.protocol.RequestContext;
import io.wharf.sns.engine.SnsEngine;

/** GetSubscriptionAttributes: identity, defaults, then what was set. */
public final class GetSubscriptionAttributes implements Operation {
    private final SnsEngine engine;

    public GetSubscriptionAttributes(SnsEngine engine) {
        this.engine = engine;
    }

    @Override
    public ObjectNode invoke(RequestContext ctx, Input input) {
        return Wire.attributes(engine.subscriptions().getAttributes(input.string("SubscriptionArn")));
    }
}
