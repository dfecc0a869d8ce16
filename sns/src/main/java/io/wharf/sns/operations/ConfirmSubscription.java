package io.wharf.sns.operations;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wharf.protocol.Input;
import io.wharf.protocol.Operation;
import io.wharf.protocol.RequestContext;
import io.wharf.sns.engine.SnsEngine;

/** ConfirmSubscription: confirms by token; confirming again answers the same ARN. */
public final class ConfirmSubscription implements Operation {
    private final SnsEngine engine;

    public ConfirmSubscription(SnsEngine engine) {
        this.engine = engine;
    }

    @Override
    public ObjectNode invoke(RequestContext ctx, Input input) {
        boolean signed = ctx.principal().type() != io.wharf.protocol.auth.Principal.Type.ANONYMOUS;
        return Wire.empty().put("SubscriptionArn", engine.subscriptions().confirmSubscription(
                input.string("TopicArn"), input.string("Token"),
                signed && "true".equalsIgnoreCase(input.string("AuthenticateOnUnsubscribe"))));
    }
}
