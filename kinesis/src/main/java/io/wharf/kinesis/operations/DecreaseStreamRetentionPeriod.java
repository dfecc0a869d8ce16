package io.wharf.kinesis.operations;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wharf.kinesis.engine.KinesisEngine;
import io.wharf.protocol.Input;
import io.wharf.protocol.Operation;
import io.wharf.protocol.RequestContext;

/** DecreaseStreamRetentionPeriod: down to 24 hours; older records become unreadable at once. */
public final class DecreaseStreamRetentionPeriod implements Operation {
    private final KinesisEngine engine;

    public DecreaseStreamRetentionPeriod(KinesisEngine engine) {
        this.engine = engine;
    }

    @Override
    public ObjectNode invoke(RequestContext ctx, Input input) {
        engine.decreaseRetention(Wire.stream(ctx, input), input.integer("RetentionPeriodHours"));
        return null;
    }
}
