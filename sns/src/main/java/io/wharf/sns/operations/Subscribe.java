package io.wharf.sns.operations;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wharf.protocol.Input;
import io.wharf.protocol.Operation;
import io.wharf.protocol.RequestContext;
import io.wharf.sns.engine.SnsEngine;

/** Subscribe: the ARN, or "pending confirmation" for protocols that confirm. */
public final class Subscribe implements Operation {
    private final SnsEngine engine;

    public Subscribe(SnsEngine engine) {
        this.engine = engine;
    }

    @Override
    public ObjectNode invoke(RequestContext ctx, Input input) {
        return Wire.empty().put("SubscriptionArn", engine.subscriptions().subscribe(input.string("TopicArn"),
                input.string("Protocol"), input.string("Endpoint"), input.stringMap("Attributes"),
                Boolean.TRUE.equals(input.bool("ReturnSubscriptionArn")), Wire.urlBase(ctx)));
    }
}
