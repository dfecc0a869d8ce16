package io.wharf.kinesis.operations;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wharf.kinesis.engine.KinesisEngine;
import io.wharf.kinesis.engine.StreamRef;
import io.wharf.protocol.Input;
import io.wharf.protocol.Operation;
import io.wharf.protocol.RequestContext;

/** UpdateShardCount: UNIFORM_SCALING through splits and merges, half to double the open shards. */
public final class UpdateShardCount implements Operation {
    private final KinesisEngine engine;

    public UpdateShardCount(KinesisEngine engine) {
        this.engine = engine;
    }

    @Override
    public ObjectNode invoke(RequestContext ctx, Input input) {
        StreamRef ref = Wire.stream(ctx, input);
        int target = input.integer("TargetShardCount");
        int current = engine.resharding().updateShardCount(ref, target);
        return Wire.object().put("StreamName", ref.name()).put("CurrentShardCount", current)
                .put("TargetShardCount", target).put("StreamARN", ref.arn());
    }
}
