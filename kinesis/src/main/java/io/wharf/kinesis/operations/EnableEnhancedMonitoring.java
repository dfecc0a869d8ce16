package io.wharf.kinesis.operations;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wharf.kinesis.engine.KinesisEngine;
import io.wharf.kinesis.engine.Views;
import io.wharf.protocol.Input;
import io.wharf.protocol.Operation;
import io.wharf.protocol.RequestContext;

/** EnableEnhancedMonitoring: stored shard-level metric names (ALL = the seven). */
public final class EnableEnhancedMonitoring implements Operation {
    private final KinesisEngine engine;

    public EnableEnhancedMonitoring(KinesisEngine engine) {
        this.engine = engine;
    }

    @Override
    public ObjectNode invoke(RequestContext ctx, Input input) {
        return monitoring(engine.monitoring(Wire.stream(ctx, input), input.strings("ShardLevelMetrics"), true));
    }

    static ObjectNode monitoring(Views.MonitoringChange change) {
        ObjectNode out = Wire.object().put("StreamName", change.streamName()).put("StreamARN", change.streamArn());
        out.set("CurrentShardLevelMetrics", Wire.strings(change.current()));
        out.set("DesiredShardLevelMetrics", Wire.strings(change.desired()));
        return out;
    }
}
