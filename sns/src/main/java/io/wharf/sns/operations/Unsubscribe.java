package io.wharf.sns.operations;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wharf.protocol.Input;
import io.wharf.protocol.Operation;
import io.wharf.protocol.RequestContext;
import io.wharf.sns.engine.SnsEngine;

/** Unsubscribe: idempotent. */
public final class Unsubscribe implements Operation {
    private final SnsEngine engine;

    public Unsubscribe(SnsEngine engine) {
        this.engine = engine;
    }

    @Override
    public ObjectNode invoke(RequestContext ctx, Input input) {
        engine.subscriptions().unsubscribe(input.string("SubscriptionArn"), Wire.urlBase(ctx));
        return null;
    }
}
