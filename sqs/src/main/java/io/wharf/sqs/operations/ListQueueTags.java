package io.wharf.sqs.operations;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wharf.protocol.Input;
import io.wharf.protocol.Operation;
import io.wharf.protocol.RequestContext;
import io.wharf.sqs.engine.SqsEngine;
import java.util.Map;

/** ListQueueTags: no Tags member when there are none. */
public final class ListQueueTags implements Operation {
    private final SqsEngine engine;

    public ListQueueTags(SqsEngine engine) {
        this.engine = engine;
    }

    @Override
    public ObjectNode invoke(RequestContext ctx, Input input) {
        Map<String, String> tags = engine.listQueueTags(Wire.queue(ctx, input));
        ObjectNode out = Wire.JSON.objectNode();
        if (!tags.isEmpty()) {
            out.set("Tags", Wire.stringMap(tags));
        }
        return out;
    }
}
