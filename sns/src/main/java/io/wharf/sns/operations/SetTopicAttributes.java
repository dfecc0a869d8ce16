package io.wharf.sns.operations;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wharf.protocol.Input;
import io.wharf.protocol.Operation;
import io.wharf.protocol.RequestContext;
import io.wharf.sns.engine.SnsEngine;

/** SetTopicAttributes: one attribute per call. */
public final class SetTopicAttributes implements Operation {
    private final SnsEngine engine;

    public SetTopicAttributes(SnsEngine engine) {
        this.engine = engine;
    }

    @Override
    public ObjectNode invoke(RequestContext ctx, Input input) {
        engine.setTopicAttribute(input.string("TopicArn"), input.string("AttributeName"),
                input.string("AttributeValue"));
        return null;
    }
}
