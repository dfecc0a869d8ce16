package io.wharf.kinesis.operations;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wharf.kinesis.KinesisErrors;
import io.wharf.kinesis.engine.KinesisEngine;
import io.wharf.kinesis.engine.Shards;
import io.wharf.kinesis.engine.Views;
import io.wharf.protocol.Input;
import io.wharf.protocol.Operation;
import io.wharf.protocol.RequestContext;

/** ListShards: by StreamName/StreamARN or NextToken (never both), with ShardFilter. */
public final class ListShards implements Operation {
    private final KinesisEngine engine;

    public ListShards(KinesisEngine engine) {
        this.engine = engine;
    }

    @Override
    public ObjectNode invoke(RequestContext ctx, Input input) {
        boolean named = input.has("StreamName") || input.has("StreamARN");
        String token = input.string("NextToken");
        if (token != null && input.has("StreamName")) {
            throw KinesisErrors.INVALID_ARGUMENT.error("NextToken and StreamName cannot be provided together.");
        }
        if (token == null && !named) {
            throw KinesisErrors.INVALID_ARGUMENT.error("Either NextToken or StreamName should be provided.");
        }
        Input filter = input.struct("ShardFilter");
        Views.ShardPage page = engine.listShards(token != null ? null : Wire.stream(ctx, input), token,
                input.string("ExclusiveStartShardId"), Wire.limit(input.integer("MaxResults"), 1000, 1000),
                input.longValue("StreamCreationTimestamp"), filter == null ? null : new Shards.Filter(
                        filter.string("Type"), filter.string("ShardId"), filter.longValue("Timestamp")));
        ObjectNode out = Wire.object();
        out.set("Shards", Wire.shards(page.shards()));
        if (page.nextToken() != null) {
            out.put("NextToken", page.nextToken());
        }
        return out;
    }
}
