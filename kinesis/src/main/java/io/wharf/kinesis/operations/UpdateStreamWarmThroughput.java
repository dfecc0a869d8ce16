package io.wharf.kinesis.operations;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wharf.kinesis.engine.KinesisEngine;
import io.wharf.kinesis.engine.Views;
import io.wharf.protocol.Input;
import io.wharf.protocol.Operation;
import io.wharf.protocol.RequestContext;

/** UpdateStreamWarmThroughput: stored for on-demand streams. */
public final class UpdateStreamWarmThroughput implements Operation {
    private final KinesisEngine engine;

    public UpdateStreamWarmThroughput(KinesisEngine engine) {
        this.engine = engine;
    }

    @Override
    public ObjectNode invoke(RequestContext ctx, Input input) {
        Views.StreamView v = engine.updateWarmThroughput(Wire.stream(ctx, input), input.integer("WarmThroughputMiBps"));
        ObjectNode out = Wire.object().put("StreamARN", v.arn()).put("StreamName", v.name());
        out.set("WarmThroughput", Wire.warmThroughput(v.warmThroughputMiBps()));
        return out;
    }
}
