package io.wharf.kinesis.operations;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wharf.kinesis.engine.KinesisEngine;
import io.wharf.protocol.Input;
import io.wharf.protocol.Operation;
import io.wharf.protocol.RequestContext;

/** DisableEnhancedMonitoring: removes stored shard-level metric names. */
public final class DisableEnhancedMonitoring implements Operation {
    private final KinesisEngine engine;

    public DisableEnhancedMonitoring(KinesisEngine engine) {
        this.engine = engine;
    }

    @Override
    public ObjectNode invoke(RequestContext ctx, Input input) {
        return EnableEnhancedMonitoring.monitoring(
                engine.monitoring(Wire.stream(ctx, input), input.strings("ShardLevelMetrics"), false));
    }
}
