package io.wharf.kinesis.operations;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wharf.kinesis.engine.KinesisEngine;
import io.wharf.kinesis.engine.Shards;
import io.wharf.kinesis.engine.Views;
import io.wharf.protocol.Input;
import io.wharf.protocol.Operation;
import io.wharf.protocol.RequestContext;

/** DescribeStream: the stream with up to Limit shards (default and most 100) after ExclusiveStartShardId. */
public final class DescribeStream implements Operation {
    private final KinesisEngine engine;

    public DescribeStream(KinesisEngine engine) {
        this.engine = engine;
    }

    @Override
    public ObjectNode invoke(RequestContext ctx, Input input) {
        Views.StreamView v = engine.describe(Wire.stream(ctx, input), Wire.limit(input.integer("Limit"), 100, 100),
                input.string("ExclusiveStartShardId"));
        ObjectNode description = Wire.streamCommon(v);
        description.set("Shards", Wire.shards(v.shards()));
        description.put("HasMoreShards", v.hasMoreShards());
        ObjectNode out = Wire.object();
        out.set("StreamDescription", description);
        return out;
    }
}
