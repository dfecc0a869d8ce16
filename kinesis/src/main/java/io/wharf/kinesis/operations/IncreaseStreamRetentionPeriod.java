package io.wharf.kinesis.operations;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wharf.kinesis.engine.KinesisEngine;
import io.wharf.protocol.Input;
import io.wharf.protocol.Operation;
import io.wharf.protocol.RequestContext;

/** IncreaseStreamRetentionPeriod: up to 8760 hours; never shorter than now. */
public final class IncreaseStreamRetentionPeriod implements Operation {
    private final KinesisEngine engine;

    public IncreaseStreamRetentionPeriod(KinesisEngine engine) {
        this.engine = engine;
    }

    @Override
    public ObjectNode invoke(RequestContext ctx, Input input) {
        engine.increaseRetention(Wire.stream(ctx, input), input.integer("RetentionPeriodHours"));
        return null;
    }
}
