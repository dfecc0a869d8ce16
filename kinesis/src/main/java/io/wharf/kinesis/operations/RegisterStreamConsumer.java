package io.wharf.kinesis.operations;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wharf.kinesis.engine.ConsumerView;
import io.wharf.kinesis.engine.KinesisEngine;
import io.wharf.protocol.Input;
import io.wharf.protocol.Operation;
import io.wharf.protocol.RequestContext;

/** RegisterStreamConsumer: CREATING, ACTIVE after the transition time. */
public final class RegisterStreamConsumer implements Operation {
    private final KinesisEngine engine;

    public RegisterStreamConsumer(KinesisEngine engine) {
        this.engine = engine;
    }

    @Override
    public ObjectNode invoke(RequestContext ctx, Input input) {
        ConsumerView c = engine.registerConsumer(input.string("StreamARN"), input.string("ConsumerName"),
                input.stringMap("Tags"));
        ObjectNode out = Wire.object();
        out.set("Consumer", Wire.consumer(c, false));
        return out;
    }
}
