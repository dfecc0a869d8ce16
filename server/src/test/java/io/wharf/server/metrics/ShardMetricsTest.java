package io.wharf.server.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.wharf.kinesis.engine.ShardStats;
import io.wharf.kinesis.engine.StreamRef;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Per-shard series: shards are their own kind under the cap, the rest summed into {@code _other}, closed ones gone. */
class ShardMetricsTest {
    @Test
    void shardsBeyondTheCapAreSummedAndAClosedShardLosesItsSeries() {
        MeterRegistry registry = new SimpleMeterRegistry();
        StreamRef clicks = new StreamRef("000000000000", "us-east-1", "clicks");
        List<ShardStats> shards = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            shards.add(new ShardStats(clicks, "shardId-00000000000" + i, 10 + i, 100 + i, i, 10 * i, 1000L * i));
        }
        ShardMetrics metrics = new ShardMetrics(registry, () -> shards, 2);
        metrics.refresh();

        assertThat(registry.find("wharf.kinesis.shard.incoming.records").functionCounters()).hasSize(3);
        assertThat(registry.get("wharf.kinesis.shard.incoming.records").tag("stream", "clicks")
                .tag("shard", "shardId-000000000001").functionCounter().count()).isEqualTo(11);
        assertThat(registry.get("wharf.kinesis.shard.incoming.bytes").tag("shard", "_other").functionCounter()
                .count()).isEqualTo(102 + 103);
        assertThat(registry.get("wharf.kinesis.shard.iterator.age.milliseconds").tag("shard", "_other").gauge()
                .value()).as("the largest, not the sum").isEqualTo(3000);
        assertThat(registry.get("wharf.kinesis.shard.outgoing.records").tag("shard", "shardId-000000000000")
                .functionCounter().count()).isZero();

        shards.remove(0); // closed by a merge: gone from the open shards
        metrics.refresh();
        assertThat(registry.find("wharf.kinesis.shard.incoming.records").tag("shard", "shardId-000000000000")
                .functionCounters()).isEmpty();
        assertThat(registry.get("wharf.kinesis.shard.incoming.records").tag("shard", "shardId-000000000002")
                .functionCounter().count()).as("took the freed place").isEqualTo(12);
        assertThat(registry.get("wharf.kinesis.shard.incoming.records").tag("shard", "_other").functionCounter()
                .count()).isEqualTo(13);
    }
}
