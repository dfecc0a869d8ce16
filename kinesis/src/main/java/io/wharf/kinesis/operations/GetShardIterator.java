package io.wharf.kinesis.operations;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wharf.kinesis.engine.KinesisEngine;
import io.wharf.protocol.Input;
import io.wharf.protocol.Operation;
import io.wharf.protocol.RequestContext;

/** GetShardIterator: every iterator type; iterators are opaque and live five minutes. */
public final class GetShardIterator implements Operation {
    private final KinesisEngine engine;

    public GetShardIterator(KinesisEngine engine) {
        this.engine = engine;
    }

    @Override
    public ObjectNode invoke(RequestContext ctx, Input input) {
        String iterator = engine.records().shardIterator(Wire.stream(ctx, input), input.string("ShardId"),
                input.string("ShardIteratorType"), input.string("StartingSequenceNumber"),
                input.longValue("Timestamp"));
        return Wire.object().put("ShardIterator", iterator);
    }
}
