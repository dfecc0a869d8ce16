package io.wharf.sns.operations;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wharf.protocol.Input;
import io.wharf.protocol.Operation;
import io.wharf.protocol.RequestContext;
import io.wharf.sns.engine.SnsEngine;

/** ListSubscriptions: 100 a page, in ARN order. */
public final class ListSubscriptions implements Operation {
    private final SnsEngine engine;

    public ListSubscriptions(SnsEngine engine) {
        this.engine = engine;
    }

    @Override
    public ObjectNode invoke(RequestContext ctx, Input input) {
        return Wire.subscriptions(engine.subscriptions().list(ctx.region(), ctx.accountId(),
                input.string("NextToken")));
    }
}
