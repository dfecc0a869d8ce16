package io.wharf.kinesis.operations;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wharf.kinesis.engine.KinesisEngine;
import io.wharf.kinesis.engine.Views;
import io.wharf.protocol.Input;
import io.wharf.protocol.Operation;
import io.wharf.protocol.RequestContext;

/** DescribeStreamSummary: the stream without its shards, with counts. */
public final class DescribeStreamSummary implements Operation {
    private final KinesisEngine engine;

    public DescribeStreamSummary(KinesisEngine engine) {
        this.engine = engine;
    }

    @Override
    public ObjectNode invoke(RequestContext ctx, Input input) {
        Views.StreamView v = engine.summary(Wire.stream(ctx, input));
        ObjectNode summary = Wire.streamCommon(v);
        summary.put("OpenShardCount", v.openShardCount());
        summary.put("ConsumerCount", v.consumerCount());
        summary.put("MaxRecordSizeInKiB", v.maxRecordKiB());
        if (v.warmThroughputMiBps() != null) {
            summary.set("WarmThroughput", Wire.warmThroughput(v.warmThroughputMiBps()));
        }
        ObjectNode out = Wire.object();
        out.set("StreamDescriptionSummary", summary);
        return out;
    }
}
