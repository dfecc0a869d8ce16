package io.wharf.kinesis.operations;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wharf.kinesis.engine.ConsumerView;
import io.wharf.kinesis.engine.StreamRef;
import io.wharf.kinesis.engine.Views;
import io.wharf.protocol.Input;
import io.wharf.protocol.RequestContext;

import java.util.List;
import java.util.Map;

/** What the operations share: stream addressing and the output shapes several actions return. */
final class Wire {
    static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private Wire() {
    }

    /** The stream named by StreamName and/or StreamARN; a bare name is in the caller's account and region. */
    static StreamRef stream(RequestContext ctx, Input input) {
        return StreamRef.of(input.string("StreamName"), input.string("StreamARN"), ctx.accountId(), ctx.region());
    }

    static ObjectNode object() {
        return JSON.objectNode();
    }

    static ObjectNode shard(Views.ShardView s) {
        ObjectNode out = object().put("ShardId", s.shardId());
        if (s.parentShardId() != null) {
            out.put("ParentShardId", s.parentShardId());
        }
        if (s.adjacentParentShardId() != null) {
            out.put("AdjacentParentShardId", s.adjacentParentShardId());
        }
        out.putObject("HashKeyRange").put("StartingHashKey", s.startingHashKey()).put("EndingHashKey", s.endingHashKey());
        ObjectNode range = out.putObject("SequenceNumberRange").put("StartingSequenceNumber", s.startingSequenceNumber());
        if (s.endingSequenceNumber() != null) {
            range.put("EndingSequenceNumber", s.endingSequenceNumber());
        }
        return out;
    }

    static ArrayNode shards(List<Views.ShardView> shards) {
        ArrayNode out = JSON.arrayNode();
        shards.forEach(s -> out.add(shard(s)));
        return out;
    }

    /**
     * A page of records as GetRecords and SubscribeToShardEvent both show it: {@code Records}, then
     * {@code ContinuationSequenceNumber} or {@code NextShardIterator} (whichever the caller puts between),
     * {@code MillisBehindLatest} and, at the end of a closed shard, {@code ChildShards}.
     */
    static ObjectNode records(Views.RecordsPage page, java.util.function.Consumer<ObjectNode> position) {
        ObjectNode out = object();
        ArrayNode records = out.putArray("Records");
        for (Views.RecordView r : page.records()) {
            ObjectNode record = records.addObject().put("SequenceNumber", r.sequenceNumber())
                    .put("ApproximateArrivalTimestamp", r.arrivalMillis()).put("Data", r.data())
                    .put("PartitionKey", r.partitionKey());
            if (r.encrypted()) {
                record.put("EncryptionType", "KMS");
            }
        }
        position.accept(out);
        out.put("MillisBehindLatest", page.millisBehindLatest());
        if (!page.childShards().isEmpty()) {
            ArrayNode children = out.putArray("ChildShards");
            for (Views.ChildShardView c : page.childShards()) {
                ObjectNode child = children.addObject().put("ShardId", c.shardId());
                child.set("ParentShards", strings(c.parentShards()));
                child.putObject("HashKeyRange").put("StartingHashKey", c.startingHashKey())
                        .put("EndingHashKey", c.endingHashKey());
            }
        }
        return out;
    }

    static ArrayNode strings(List<String> values) {
        ArrayNode out = JSON.arrayNode();
        values.forEach(out::add);
        return out;
    }

    static ArrayNode enhancedMonitoring(List<String> metrics) {
        ArrayNode out = JSON.arrayNode();
        out.addObject().set("ShardLevelMetrics", strings(metrics));
        return out;
    }

    static ObjectNode modeDetails(String mode) {
        return object().put("StreamMode", mode);
    }

    /** The members DescribeStream and DescribeStreamSummary share. */
    static ObjectNode streamCommon(Views.StreamView v) {
        ObjectNode out = object().put("StreamName", v.name()).put("StreamARN", v.arn()).put("StreamStatus", v.status());
        out.set("StreamModeDetails", modeDetails(v.mode()));
        out.put("RetentionPeriodHours", v.retentionHours());
        out.put("StreamCreationTimestamp", v.createdMillis());
        out.set("EnhancedMonitoring", enhancedMonitoring(v.metrics()));
        out.put("EncryptionType", v.encryptionType());
        if (v.keyId() != null) {
            out.put("KeyId", v.keyId());
        }
        return out;
    }

    static ObjectNode warmThroughput(Integer mibps) {
        return object().put("TargetMiBps", mibps).put("CurrentMiBps", mibps);
    }

    static ObjectNode consumer(ConsumerView c, boolean withStreamArn) {
        ObjectNode out = object().put("ConsumerName", c.name()).put("ConsumerARN", c.arn())
                .put("ConsumerStatus", c.status()).put("ConsumerCreationTimestamp", c.createdMillis());
        if (withStreamArn) {
            out.put("StreamARN", c.streamArn());
        }
        return out;
    }

    static ArrayNode tagList(Map<String, String> tags) {
        ArrayNode out = JSON.arrayNode();
        tags.forEach((k, v) -> out.addObject().put("Key", k).put("Value", v));
        return out;
    }

    static int limit(Integer given, int fallback, int cap) {
        return given == null ? fallback : Math.min(given, cap);
    }
}
