package io.wharf.kinesis.operations;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wharf.kinesis.engine.KinesisEngine;
import io.wharf.kinesis.engine.StreamRef;
import io.wharf.protocol.Input;
import io.wharf.protocol.Operation;
import io.wharf.protocol.RequestContext;

/** CreateStream: provisioned with ShardCount, or on-demand (no ShardCount, or StreamModeDetails ON_DEMAND). */
public final class CreateStream implements Operation {
    private final KinesisEngine engine;

    public CreateStream(KinesisEngine engine) {
        this.engine = engine;
    }

    @Override
    public ObjectNode invoke(RequestContext ctx, Input input) {
        Input details = input.struct("StreamModeDetails");
        engine.createStream(StreamRef.of(input.string("StreamName"), null, ctx.accountId(), ctx.region()),
                input.integer("ShardCount"), details == null ? null : details.string("StreamMode"),
                input.stringMap("Tags"), input.integer("WarmThroughputMiBps"), input.integer("MaxRecordSizeInKiB"));
        return null;
    }
}
