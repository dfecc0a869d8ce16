package io.wharf.sns.operations;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wharf.protocol.Input;
import io.wharf.protocol.Operation;
import io.wharf.protocol.RequestContext;
import io.wharf.sns.engine.SnsEngine;

import io.wharf.sns.engine.PublishResult;

/** Publish: to a topic (delivered), or to a platform endpoint or phone number (accepted, not sent). */
public final class Publish implements Operation {
    private final SnsEngine engine;

    public Publish(SnsEngine engine) {
        this.engine = engine;
    }

    @Override
    public ObjectNode invoke(RequestContext ctx, Input input) {
        PublishResult result = engine.publish(Wire.publish(ctx, input, input.string("TopicArn")));
        ObjectNode out = Wire.empty().put("MessageId", result.messageId());
        if (result.sequenceNumber() != null) {
            out.put("SequenceNumber", result.sequenceNumber());
        }
        return out;
    }
}
