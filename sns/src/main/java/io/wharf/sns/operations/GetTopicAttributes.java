package io.wharf.sns.operations;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wharf.protocol.Input;
import io.wharf.protocol.Operation;
import io.wharf.protocol.RequestContext;
import io.wharf.sns.engine.SnsEngine;

/** GetTopicAttributes: identity, defaults (Policy, EffectiveDeliveryPolicy), counters, settings. */
public final class GetTopicAttributes implements Operation {
    private final SnsEngine engine;

    public GetTopicAttributes(SnsEngine engine) {
        this.engine = engine;
    }

    @Override
    public ObjectNode invoke(RequestContext ctx, Input input) {
        return Wire.attributes(engine.getTopicAttributes(input.string("TopicArn")));
    }
}
