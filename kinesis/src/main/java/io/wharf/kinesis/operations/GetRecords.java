package io.wharf.kinesis.operations;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wharf.kinesis.engine.KinesisEngine;
import io.wharf.kinesis.engine.Views;
import io.wharf.protocol.Input;
import io.wharf.protocol.Operation;
import io.wharf.protocol.RequestContext;

/** GetRecords: up to Limit records (10,000) and 10 MiB; at the end of a closed shard no NextShardIterator, and ChildShards. */
public final class GetRecords implements Operation {
    private final KinesisEngine engine;

    public GetRecords(KinesisEngine engine) {
        this.engine = engine;
    }

    @Override
    public ObjectNode invoke(RequestContext ctx, Input input) {
        Views.RecordsPage page = engine.records().get(input.string("ShardIterator"), input.string("StreamARN"),
                Wire.limit(input.integer("Limit"), 10_000, 10_000));
        return Wire.records(page, out -> {
            if (page.nextShardIterator() != null) {
                out.put("NextShardIterator", page.nextShardIterator());
            }
        });
    }
}
