package io.wharf.kinesis.operations;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wharf.kinesis.engine.KinesisEngine;
import io.wharf.protocol.Input;
import io.wharf.protocol.Operation;
import io.wharf.protocol.RequestContext;

/** SplitShard: the parent closes, two children take its halves at NewStartingHashKey. */
public final class SplitShard implements Operation {
    private final KinesisEngine engine;

    public SplitShard(KinesisEngine engine) {
        this.engine = engine;
    }

    @Override
    public ObjectNode invoke(RequestContext ctx, Input input) {
        engine.resharding().split(Wire.stream(ctx, input), input.string("ShardToSplit"),
                input.string("NewStartingHashKey"));
        return null;
    }
}
