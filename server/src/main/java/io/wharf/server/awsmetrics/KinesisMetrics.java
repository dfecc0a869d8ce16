package io.wharf.server.awsmetrics;

import io.wharf.cloudwatch.engine.Aggregate;
import io.wharf.cloudwatch.engine.Dimension;
import io.wharf.kinesis.engine.StreamCounters;
import io.wharf.protocol.metrics.Distribution;
import io.wharf.server.metrics.CardinalityGuard;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * {@code AWS/Kinesis}. Stream level (dimension {@code StreamName}), in intervals with calls: IncomingBytes and
 * IncomingRecords (per put call, PutRecord and PutRecords together), the PutRecord.*, PutRecords.* and GetRecords.*
 * per-call metrics of the APIs called, and Write/ReadProvisionedThroughputExceeded. Shard level (dimensions
 * {@code StreamName}, {@code ShardId}) only for the metrics EnableEnhancedMonitoring turned on: in an interval with
 * activity on the stream every open shard reports its counts (zeros too; a closed shard only what it did), and a shard
 * read in the interval its IteratorAgeMilliseconds. Values are per call where AWS's are (Minimum/Maximum/Average of
 * one call); the shard-level counts are the interval's totals.
 */
final class KinesisMetrics implements MetricSource {
    static final String NAMESPACE = "AWS/Kinesis";

    /** The per-call metrics the engine keeps, with AWS's unit: published under the same name. */
    private static final Map<String, String> PER_CALL = Map.ofEntries(
            Map.entry("PutRecord.Bytes", "Bytes"), Map.entry("PutRecord.Latency", "Milliseconds"),
            Map.entry("PutRecord.Success", "Count"),
            Map.entry("PutRecords.Bytes", "Bytes"), Map.entry("PutRecords.Latency", "Milliseconds"),
            Map.entry("PutRecords.Success", "Count"), Map.entry("PutRecords.TotalRecords", "Count"),
            Map.entry("PutRecords.SuccessfulRecords", "Count"), Map.entry("PutRecords.FailedRecords", "Count"),
            Map.entry("PutRecords.ThrottledRecords", "Count"),
            Map.entry("GetRecords.Bytes", "Bytes"), Map.entry("GetRecords.Records", "Count"),
            Map.entry("GetRecords.Latency", "Milliseconds"),
            Map.entry("GetRecords.IteratorAgeMilliseconds", "Milliseconds"), Map.entry("GetRecords.Success", "Count"));

    private final Supplier<List<StreamCounters>> streams;
    private final CardinalityGuard streamGuard;
    private final CardinalityGuard shardGuard;
    private final Deltas deltas = new Deltas();

    KinesisMetrics(Supplier<List<StreamCounters>> streams, int cap) {
        this.streams = streams;
        this.streamGuard = new CardinalityGuard(cap);
        this.shardGuard = new CardinalityGuard(cap);
    }

    @Override
    public void collect(Datapoints out, long nowMillis) {
        List<StreamCounters> all = streams.get();
        Set<String> streamKeys = new HashSet<>();
        Set<String> shardKeys = new HashSet<>();
        for (StreamCounters s : all) {
            streamKeys.add(s.ref().arn());
            if (!s.enhancedMetrics().isEmpty()) {
                s.shards().forEach(shard -> shardKeys.add(s.ref().arn() + "/" + shard.shardId()));
            }
        }
        streamGuard.retainOnly(streamKeys);
        shardGuard.retainOnly(shardKeys);
        for (StreamCounters s : all) {
            collect(out, s);
        }
        deltas.endInterval();
    }

    private void collect(Datapoints out, StreamCounters s) {
        String arn = s.ref().arn();
        long writeThrottled = 0;
        long readThrottled = 0;
        long[][] shardDeltas = new long[s.shards().size()][];
        boolean shardActivity = false;
        for (int i = 0; i < s.shards().size(); i++) {
            StreamCounters.ShardTotals shard = s.shards().get(i);
            Object key = arn + "/" + shard.shardId();
            long[] d = {deltas.delta(List.of(key, "inRecords"), shard.incomingRecords()),
                    deltas.delta(List.of(key, "inBytes"), shard.incomingBytes()),
                    deltas.delta(List.of(key, "outRecords"), shard.outgoingRecords()),
                    deltas.delta(List.of(key, "outBytes"), shard.outgoingBytes()),
                    deltas.delta(List.of(key, "writeThrottled"), shard.writeThrottled()),
                    deltas.delta(List.of(key, "readThrottled"), shard.readThrottled())};
            shardDeltas[i] = d;
            writeThrottled += d[4];
            readThrottled += d[5];
            shardActivity |= d[0] + d[1] + d[2] + d[3] + d[4] + d[5] > 0 || shard.iteratorAgeMillis() != null;
        }
        boolean calls = !s.perCall().isEmpty();
        if (!calls && !shardActivity || !streamGuard.admit(arn)) {
            return;
        }
        Datapoints.Scope scope = new Datapoints.Scope(s.ref().account(), s.ref().region(), NAMESPACE);
        List<Dimension> stream = List.of(new Dimension("StreamName", s.ref().name()));
        Map<String, Distribution.Summary> perCall = s.perCall();
        perCall.forEach((name, values) -> {
            String unit = PER_CALL.get(name);
            if (unit != null) {
                out.add(scope, name, stream, unit, values);
            }
        });
        Distribution.Summary incomingBytes = Datapoints.merge(perCall.get("PutRecord.Bytes"),
                perCall.get("PutRecords.Bytes"));
        if (incomingBytes != null) {
            out.add(scope, "IncomingBytes", stream, "Bytes", incomingBytes);
            // PutRecord puts one record per successful call; PutRecords' successful entries per call
            Distribution.Summary putRecord = perCall.get("PutRecord.Success");
            out.add(scope, "IncomingRecords", stream, "Count",
                    Datapoints.merge(putRecord, perCall.get("PutRecords.SuccessfulRecords")));
        }
        Distribution.Summary successful = perCall.get("PutRecords.SuccessfulRecords");
        if (successful != null) {
            out.add(scope, "PutRecords.Records", stream, "Count", successful); // AWS's older name for it
        }
        if (incomingBytes != null || writeThrottled > 0) {
            out.add(scope, "WriteProvisionedThroughputExceeded", stream, "Count", writeThrottled);
        }
        if (perCall.containsKey("GetRecords.Success") || readThrottled > 0) {
            out.add(scope, "ReadProvisionedThroughputExceeded", stream, "Count", readThrottled);
        }
        Set<String> enhanced = s.enhancedMetrics();
        if (enhanced.isEmpty()) {
            return;
        }
        for (int i = 0; i < s.shards().size(); i++) {
            StreamCounters.ShardTotals shard = s.shards().get(i);
            long[] d = shardDeltas[i];
            boolean did = d[0] + d[1] + d[2] + d[3] + d[4] + d[5] > 0 || shard.iteratorAgeMillis() != null;
            if (!(shard.open() || did) || !shardGuard.admit(arn + "/" + shard.shardId())) {
                continue;
            }
            List<Dimension> dims = List.of(new Dimension("ShardId", shard.shardId()),
                    new Dimension("StreamName", s.ref().name()));
            shardCount(out, scope, dims, enhanced, "IncomingRecords", "Count", d[0]);
            shardCount(out, scope, dims, enhanced, "IncomingBytes", "Bytes", d[1]);
            shardCount(out, scope, dims, enhanced, "OutgoingRecords", "Count", d[2]);
            shardCount(out, scope, dims, enhanced, "OutgoingBytes", "Bytes", d[3]);
            shardCount(out, scope, dims, enhanced, "WriteProvisionedThroughputExceeded", "Count", d[4]);
            shardCount(out, scope, dims, enhanced, "ReadProvisionedThroughputExceeded", "Count", d[5]);
            if (enhanced.contains("IteratorAgeMilliseconds") && shard.iteratorAgeMillis() != null) {
                out.add(scope, "IteratorAgeMilliseconds", dims, "Milliseconds", shard.iteratorAgeMillis());
            }
        }
    }

    private static void shardCount(Datapoints out, Datapoints.Scope scope, List<Dimension> dims, Set<String> enhanced,
                                   String name, String unit, long value) {
        if (enhanced.contains(name)) {
            out.add(scope, name, dims, unit, Aggregate.of(value, 1));
        }
    }
}
