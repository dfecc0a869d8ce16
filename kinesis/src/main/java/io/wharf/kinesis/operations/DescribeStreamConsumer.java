package io.wharf.kinesis.operations;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wharf.kinesis.engine.ConsumerView;
import io.wharf.kinesis.engine.KinesisEngine;
import io.wharf.protocol.Input;
import io.wharf.protocol.Operation;
import io.wharf.protocol.RequestContext;

/** DescribeStreamConsumer: by ConsumerARN, or StreamARN and ConsumerName. */
public final class DescribeStreamConsumer implements Operation {
    private final KinesisEngine engine;

    public DescribeStreamConsumer(KinesisEngine engine) {
        this.engine = engine;
    }

    @Override
    public ObjectNode invoke(RequestContext ctx, Input input) {
        ConsumerView c = engine.describeConsumer(input.string("StreamARN"), input.string("ConsumerName"),
                input.string("ConsumerARN"));
        ObjectNode out = Wire.object();
        out.set("ConsumerDescription", Wire.consumer(c, true));
        return out;
    }
}
