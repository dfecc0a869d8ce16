package io.wharf.sqs.operations;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wharf.protocol.Input;
import io.wharf.protocol.Operation;
import io.wharf.protocol.RequestContext;
import io.wharf.sqs.engine.SqsEngine;
import java.util.Map;

/** GetQueueAttributes: an empty answer has no Attributes member. */
public final class GetQueueAttributes implements Operation {
    private final SqsEngine engine;

    public GetQueueAttributes(SqsEngine engine) {
        this.engine = engine;
    }

    @Override
    public ObjectNode invoke(RequestContext ctx, Input input) {
        Map<String, String> attributes = engine.getQueueAttributes(Wire.queue(ctx, input),
                input.strings("AttributeNames"));
        ObjectNode out = Wire.JSON.objectNode();
        if (!attributes.isEmpty()) {
            out.set("Attributes", Wire.stringMap(attributes));
        }
        return out;
    }
}
