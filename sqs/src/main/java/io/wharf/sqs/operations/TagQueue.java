package io.wharf.sqs.operations;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wharf.protocol.Input;
import io.wharf.protocol.Operation;
import io.wharf.protocol.RequestContext;
import io.wharf.sqs.engine.SqsEngine;

/** TagQueue: merges, same key overwrites. */
public final class TagQueue implements Operation {
    private final SqsEngine engine;

    public TagQueue(SqsEngine engine) {
        this.engine = engine;
    }

    @Override
    public ObjectNode invoke(RequestContext ctx, Input input) {
        engine.tagQueue(Wire.queue(ctx, input), input.stringMap("Tags"));
        return null;
    }
}
