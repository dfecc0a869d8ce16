package io.wharf.kinesis.operations;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wharf.kinesis.engine.KinesisEngine;
import io.wharf.protocol.Input;
import io.wharf.protocol.Operation;
import io.wharf.protocol.RequestContext;

/** MergeShards: two adjacent open shards close, one child takes their union. */
public final class MergeShards implements Operation {
    private final KinesisEngine engine;

    public MergeShards(KinesisEngine engine) {
        this.engine = engine;
    }

    @Override
    public ObjectNode invoke(RequestContext ctx, Input input) {
        engine.resharding().merge(Wire.stream(ctx, input), input.string("ShardToMerge"),
                input.string("AdjacentShardToMerge"));
        return null;
    }
}
