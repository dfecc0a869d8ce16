package io.wharf.kinesis.operations;

import com.fasterxml.jackson.databind.node.ArrayNode;
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
        Views.RecordsPage page = engine.records().get(input.string("ShardIterator"),
                Wire.limit(input.integer("Limit"), 10_000, 10_000));
        ObjectNode out = Wire.object();
        ArrayNode records = out.putArray("Records");
        for (Views.RecordView r : page.records()) {
            ObjectNode record = records.addObject().put("SequenceNumber", r.sequenceNumber())
                    .put("ApproximateArrivalTimestamp", r.arrivalMillis()).put("Data", r.data())
                    .put("PartitionKey", r.partitionKey());
            if (r.encrypted()) {
                record.put("EncryptionType", "KMS");
            }
        }
        if (page.nextShardIterator() != null) {
            out.put("NextShardIterator", page.nextShardIterator());
        }
        out.put("MillisBehindLatest", page.millisBehindLatest());
        if (!page.childShards().isEmpty()) {
            ArrayNode children = out.putArray("ChildShards");
            for (Views.ChildShardView c : page.childShards()) {
                ObjectNode child = children.addObject().put("ShardId", c.shardId());
                child.set("ParentShards", Wire.strings(c.parentShards()));
                child.putObject("HashKeyRange").put("StartingHashKey", c.startingHashKey())
                        .put("EndingHashKey", c.endingHashKey());
            }
        }
        return out;
    }
}
