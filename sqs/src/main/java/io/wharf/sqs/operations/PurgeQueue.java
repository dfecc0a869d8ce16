package io.wharf.sqs.operations;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wharf.protocol.Input;
import io.wharf.protocol.Operation;
import io.wharf.protocol.RequestContext;
import io.wharf.sqs.engine.SqsEngine;

/** PurgeQueue: at most once per 60 seconds per queue (unless relaxed). */
public final class PurgeQueue implements Operation {
    private final SqsEngine engine;

    public PurgeQueue(SqsEngine engine) {
        this.engine = engine;
    }

    @Override
    public ObjectNode invoke(RequestContext ctx, Input input) {
        engine.purgeQueue(Wire.queue(ctx, input));
        return null;
    }
}
