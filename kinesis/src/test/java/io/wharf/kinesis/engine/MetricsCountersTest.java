package io.wharf.kinesis.engine;

import io.wharf.kinesis.KinesisSettings;
import io.wharf.protocol.AwsException;
import io.wharf.protocol.metrics.Distribution;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What the engine counts for metrics: per-call values for AWS/Kinesis (drained by reading), per-shard running totals
 * for both AWS/Kinesis and Prometheus, and the enhanced-monitoring set the publisher filters by.
 */
class MetricsCountersTest extends EngineFixture {
    private static final String SHARD0 = "shardId-000000000000";
    private static final String SHARD1 = "shardId-000000000001";

    @Override
    KinesisSettings settings() {
        return SETTINGS.withEnforceLimits(true);
    }

    private StreamCounters counters(StreamRef ref) {
        return engine.drainStreamCounters().stream().filter(c -> c.ref().equals(ref)).findFirst().orElseThrow();
    }

    @Test
    void putsAndReadsAreCountedPerCallAndPerShard() {
        StreamRef ref = activeStream("clicks", 2);
        engine.monitoring(ref, List.of("IncomingRecords", "IteratorAgeMilliseconds"), true);
        // explicit hash keys: "0" goes to shard 0, 2^127 to shard 1
        String high = "170141183460469231731687303715884105728";
        engine.records().put(ref, List.of(new Views.PutEntry(new byte[9], "k", "0")), "data");
        engine.records().put(ref, List.of(new Views.PutEntry(new byte[19], "k", "0"),
                new Views.PutEntry(new byte[29], "k", high)), "records.%d.member.data");
        String iterator = engine.records().shardIterator(ref, SHARD0, "TRIM_HORIZON", null, null);
        assertThat(engine.records().get(iterator, 10).records()).hasSize(2);

        StreamCounters c = counters(ref);
        assertThat(c.enhancedMetrics()).containsExactlyInAnyOrder("IncomingRecords", "IteratorAgeMilliseconds");
        Map<String, Distribution.Summary> perCall = c.perCall();
        assertThat(perCall.get("PutRecord.Bytes")).isEqualTo(new Distribution.Summary(1, 10, 10, 10));
        assertThat(perCall.get("PutRecord.Success")).isEqualTo(new Distribution.Summary(1, 1, 1, 1));
        assertThat(perCall.get("PutRecords.Bytes")).isEqualTo(new Distribution.Summary(1, 50, 50, 50));
        assertThat(perCall.get("PutRecords.SuccessfulRecords").sum()).isEqualTo(2);
        assertThat(perCall.get("PutRecords.TotalRecords").sum()).isEqualTo(2);
        assertThat(perCall.get("GetRecords.Records")).isEqualTo(new Distribution.Summary(1, 2, 2, 2));
        assertThat(perCall.get("GetRecords.Bytes").sum()).isEqualTo(9 + 19);
        assertThat(perCall.get("GetRecords.Success").sum()).isEqualTo(1);
        assertThat(perCall).containsKey("GetRecords.Latency").containsKey("GetRecords.IteratorAgeMilliseconds");

        StreamCounters.ShardTotals shard0 = c.shards().get(0);
        assertThat(shard0.shardId()).isEqualTo(SHARD0);
        assertThat(shard0.incomingRecords()).isEqualTo(2);
        assertThat(shard0.incomingBytes()).isEqualTo(10 + 20);
        assertThat(shard0.outgoingRecords()).isEqualTo(2);
        assertThat(shard0.outgoingBytes()).isEqualTo(9 + 19);
        assertThat(shard0.iteratorAgeMillis().count()).isEqualTo(1);
        assertThat(c.shards().get(1).incomingRecords()).isEqualTo(1);
        assertThat(c.shards().get(1).iteratorAgeMillis()).as("never read").isNull();

        StreamCounters again = counters(ref);
        assertThat(again.perCall()).as("drained by the first read").isEmpty();
        assertThat(again.shards().get(0).incomingRecords()).as("running totals stay").isEqualTo(2);
        assertThat(again.shards().get(0).iteratorAgeMillis()).isNull();

        List<ShardStats> shards = engine.shardStats();
        assertThat(shards).extracting(ShardStats::shardId).containsExactly(SHARD0, SHARD1);
        assertThat(shards.get(0).incomingRecords()).isEqualTo(2);
        assertThat(shards.get(0).outgoingBytes()).isEqualTo(9 + 19);
    }

    @Test
    void refusedCallsCountAsFailuresAndThrottles() {
        StreamRef ref = activeStream("busy", 1);
        String iterator = engine.records().shardIterator(ref, SHARD0, "LATEST", null, null);
        for (int i = 0; i < 5; i++) {
            engine.records().get(iterator, 10);
        }
        assertThatThrownBy(() -> engine.records().get(iterator, 10)).isInstanceOf(AwsException.class);
        List<Views.PutEntry> many = new ArrayList<>();
        for (int i = 0; i < 1001; i++) {
            many.add(new Views.PutEntry(new byte[1], "k", "0"));
        }
        assertThat(engine.records().put(ref, many, "records.%d.member.data").failed()).isEqualTo(1);

        StreamCounters c = counters(ref);
        assertThat(c.perCall().get("GetRecords.Success")).isEqualTo(new Distribution.Summary(6, 5, 0, 1));
        assertThat(c.perCall().get("PutRecords.ThrottledRecords").sum()).isEqualTo(1);
        assertThat(c.perCall().get("PutRecords.Success").sum()).as("the call itself answered").isEqualTo(1);
        assertThat(c.shards().get(0).readThrottled()).isEqualTo(1);
        assertThat(c.shards().get(0).writeThrottled()).isEqualTo(1);
    }
}
