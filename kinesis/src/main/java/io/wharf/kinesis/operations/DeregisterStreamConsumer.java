package io.wharf.kinesis.operations;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wharf.kinesis.engine.KinesisEngine;
import io.wharf.protocol.Input;
import io.wharf.protocol.Operation;
import io.wharf.protocol.RequestContext;

/** DeregisterStreamConsumer: DELETING, then gone. */
public final class DeregisterStreamConsumer implements Operation {
    private final KinesisEngine engine;

    public DeregisterStreamConsumer(KinesisEngine engine) {
        this.engine = engine;
    }

    @Override
    public ObjectNode invoke(RequestContext ctx, Input input) {
        engine.deregisterConsumer(input.string("StreamARN"), input.string("ConsumerName"), input.string("ConsumerARN"));
        return null;
    }
}
