package io.wharf.server.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.wharf.kinesis.engine.ShardStats;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.function.ToDoubleFunction;

/**
 * The per-shard Kinesis series, polled at each scrape: records and bytes in and out, and the iterator age of each open
 * shard, tagged {@code account, region, stream, shard}. Shards are a kind of their own under the cardinality guard: the
 * first {@code cap} open shards (all streams together) get series of their own, the rest are summed into one series
 * tagged {@code _other} (the iterator age takes the largest). A shard that closes (split, merge) or whose stream goes
 * loses its series. How many shards each stream has is {@code wharf_kinesis_open_shards}, per stream.
 */
final class ShardMetrics {
    private record Metric(PolledSeries series, ToDoubleFunction<ShardStats> value, boolean largest) {
    }

    private static final Tags OTHER = Tags.of("account", CardinalityGuard.OTHER, "region", CardinalityGuard.OTHER,
            "stream", CardinalityGuard.OTHER, "shard", CardinalityGuard.OTHER);

    private final Supplier<List<ShardStats>> shards;
    private final CardinalityGuard guard;
    private final List<Metric> metrics;

    ShardMetrics(MeterRegistry registry, Supplier<List<ShardStats>> shards, int cap) {
        this.shards = shards;
        this.guard = new CardinalityGuard(cap);
        metrics = List.of(
                metric(registry, "wharf.kinesis.shard.incoming.records", "Records put into the shard",
                        PolledSeries.Kind.COUNTER, ShardStats::incomingRecords, false),
                metric(registry, "wharf.kinesis.shard.incoming.bytes", "Bytes put into the shard (data and "
                        + "partition keys)", PolledSeries.Kind.COUNTER, ShardStats::incomingBytes, false),
                metric(registry, "wharf.kinesis.shard.outgoing.records", "Records read from the shard (GetRecords, "
                        + "SubscribeToShard)", PolledSeries.Kind.COUNTER, ShardStats::outgoingRecords, false),
                metric(registry, "wharf.kinesis.shard.outgoing.bytes", "Bytes read from the shard (data)",
                        PolledSeries.Kind.COUNTER, ShardStats::outgoingBytes, false),
                metric(registry, "wharf.kinesis.shard.iterator.age.milliseconds", "MillisBehindLatest of the "
                        + "shard's last read", PolledSeries.Kind.GAUGE, ShardStats::iteratorAgeMillis, true));
    }

    private static Metric metric(MeterRegistry registry, String name, String description, PolledSeries.Kind kind,
                                 ToDoubleFunction<ShardStats> value, boolean largest) {
        return new Metric(new PolledSeries(registry, name, description, kind), value, largest);
    }

    /** Reads the shards and updates the series; called at the start of each scrape. */
    void refresh() {
        List<ShardStats> all = shards.get();
        Set<String> present = new HashSet<>();
        all.forEach(s -> present.add(key(s)));
        guard.retainOnly(present);
        List<Map<Tags, Double>> values = new ArrayList<>();
        metrics.forEach(m -> values.add(new HashMap<>()));
        for (ShardStats s : all) {
            Tags tags = guard.admit(key(s)) ? Tags.of("account", s.ref().account(), "region", s.ref().region(),
                    "stream", s.ref().name(), "shard", s.shardId()) : OTHER;
            for (int i = 0; i < metrics.size(); i++) {
                Metric m = metrics.get(i);
                values.get(i).merge(tags, m.value().applyAsDouble(s), m.largest() ? Math::max : Double::sum);
            }
        }
        for (int i = 0; i < metrics.size(); i++) {
            metrics.get(i).series().update(values.get(i));
        }
    }

    private static String key(ShardStats s) {
        return s.ref().arn() + "/" + s.shardId();
    }
}
