package io.wharf.server.metrics;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.wharf.kinesis.engine.StreamStats;
import io.wharf.sns.engine.DeliveryCounters;
import io.wharf.sqs.engine.QueueStats;
import io.wharf.storage.StoreStats;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.function.ToDoubleFunction;

/**
 * The per-resource series, polled from the engines at each scrape: SQS queues, SNS topics, Kinesis streams, each kind
 * capped by its own {@link CardinalityGuard} (beyond the cap one series tagged {@code _other} sums the rest; ages take
 * the largest), and the store's own counters. Every name and tag is listed in docs/operations.md "Metrics".
 */
final class ResourceMetrics {
    /** Where the numbers come from: the engines' read-only statistics. */
    record Sources(Supplier<List<QueueStats>> queues, Supplier<List<DeliveryCounters.TopicStats>> topics,
                   Supplier<List<StreamStats>> streams, Supplier<StoreStats> store, Path dataDir) {
    }

    /** One metric of a kind of resource: its series, how to read it from a resource, how {@code _other} combines. */
    private record Metric<T>(PolledSeries series, ToDoubleFunction<T> value, boolean largest) {
    }

    private static final Tags OTHER = Tags.of("account", CardinalityGuard.OTHER, "region", CardinalityGuard.OTHER);
    /** Walking the data directory is not free: its size is measured at most this often. */
    private static final long DATA_DIR_EVERY_NANOS = 30_000_000_000L;

    private final MeterRegistry registry;
    private final Sources sources;
    private final CardinalityGuard queueGuard;
    private final CardinalityGuard topicGuard;
    private final CardinalityGuard streamGuard;
    private final List<Metric<QueueStats>> queueMetrics;
    private final List<Metric<DeliveryCounters.TopicStats>> topicMetrics;
    private final PolledSeries notifications;
    private final List<Metric<StreamStats>> streamMetrics;
    private final PolledSeries resources;
    private volatile double dataDirBytes = -1;
    private long dataDirMeasuredAt;
    private boolean dataDirMeasured;

    ResourceMetrics(MeterRegistry registry, Sources sources, int cap) {
        this.registry = registry;
        this.sources = sources;
        this.queueGuard = new CardinalityGuard(cap);
        this.topicGuard = new CardinalityGuard(cap);
        this.streamGuard = new CardinalityGuard(cap);
        queueMetrics = List.of(
                gauge("wharf.sqs.messages.visible", "Messages available to receive", QueueStats::visible, false),
                gauge("wharf.sqs.messages.in.flight", "Messages received and not yet deleted or visible again",
                        QueueStats::inFlight, false),
                gauge("wharf.sqs.messages.delayed", "Messages not yet visible because of a delay",
                        QueueStats::delayed, false),
                gauge("wharf.sqs.oldest.message.age.seconds", "Age of the oldest message in the queue",
                        QueueStats::oldestAgeSeconds, true));
        topicMetrics = List.of(
                counter("wharf.sns.published.messages", "Messages published to the topic",
                        DeliveryCounters.TopicStats::published),
                counter("wharf.sns.delivery.retries", "Delivery attempts retried after a failure",
                        DeliveryCounters.TopicStats::retries),
                gauge("wharf.sns.outbox.entries", "Deliveries waiting in the outbox (not finished yet)",
                        DeliveryCounters.TopicStats::outbox, false));
        notifications = new PolledSeries(registry, "wharf.sns.notifications",
                "Notifications finished, by protocol and outcome (delivered, failed)", PolledSeries.Kind.COUNTER);
        streamMetrics = List.of(
                counter("wharf.kinesis.incoming.records", "Records put", StreamStats::incomingRecords),
                counter("wharf.kinesis.incoming.bytes", "Bytes put (data and partition keys)",
                        StreamStats::incomingBytes),
                counter("wharf.kinesis.outgoing.records", "Records read (GetRecords, SubscribeToShard)",
                        StreamStats::outgoingRecords),
                counter("wharf.kinesis.outgoing.bytes", "Bytes read (data)", StreamStats::outgoingBytes),
                gauge("wharf.kinesis.iterator.age.milliseconds",
                        "Largest MillisBehindLatest of the last read of each open shard", StreamStats::iteratorAgeMillis,
                        true),
                gauge("wharf.kinesis.subscriptions", "SubscribeToShard subscriptions running",
                        StreamStats::subscriptions, false),
                gauge("wharf.kinesis.open.shards", "Open shards", StreamStats::openShards, false));
        resources = new PolledSeries(registry, "wharf.resources",
                "Resources of each kind that exist (queue, topic, stream), whether or not they have series of their own",
                PolledSeries.Kind.GAUGE);
        bindStore();
    }

    private <T> Metric<T> gauge(String name, String description, ToDoubleFunction<T> value, boolean largest) {
        return new Metric<>(new PolledSeries(registry, name, description, PolledSeries.Kind.GAUGE), value, largest);
    }

    private <T> Metric<T> counter(String name, String description, ToDoubleFunction<T> value) {
        return new Metric<>(new PolledSeries(registry, name, description, PolledSeries.Kind.COUNTER), value, false);
    }

    private void bindStore() {
        Supplier<StoreStats> store = sources.store();
        FunctionCounter.builder("wharf.store.group.commits", store, s -> s.get().groups())
                .description("Group commits written (one write, and with fsync=always one fsync, each)")
                .register(registry);
        FunctionCounter.builder("wharf.store.batches", store, s -> s.get().batches())
                .description("Batches written; batches / group commits = the group size").register(registry);
        FunctionCounter.builder("wharf.store.written.bytes", store, s -> s.get().bytesWritten())
                .description("Bytes written to the store's log").register(registry);
        FunctionCounter.builder("wharf.store.write.seconds", store, s -> s.get().writeNanos() / 1e9)
                .description("Time the group commits' writes (and fsyncs) took; / group commits = the mean latency")
                .register(registry);
        FunctionCounter.builder("wharf.store.group.commits.slow", store, s -> s.get().slowGroups())
                .description("Group commits whose write (and fsync) took 10 ms or more").register(registry);
        Gauge.builder("wharf.store.write.max.seconds", store, s -> s.get().maxWriteNanos() / 1e9)
                .description("The slowest group commit's write (and fsync) since the store opened")
                .register(registry);
        if (sources.dataDir() != null) {
            Gauge.builder("wharf.store.data.dir.bytes", this, m -> m.dataDirBytes)
                    .description("Bytes in the data directory (measured at most every 30 s)").register(registry);
        }
    }

    /** Reads every source and updates the series; called at the start of each scrape. */
    void refresh() {
        Map<Tags, Double> counts = new HashMap<>();
        List<QueueStats> queues = sources.queues().get();
        counts.put(Tags.of("kind", "queue"), (double) queues.size());
        update(queues, queueGuard, q -> q.id().arn(),
                q -> Tags.of("account", q.id().accountId(), "region", q.id().region(), "queue", q.id().name()),
                OTHER.and("queue", CardinalityGuard.OTHER), queueMetrics);
        List<DeliveryCounters.TopicStats> topics = sources.topics().get();
        counts.put(Tags.of("kind", "topic"), (double) topics.size());
        Map<String, Tags> topicTags = update(topics, topicGuard, DeliveryCounters.TopicStats::topicArn,
                ResourceMetrics::topicTags, OTHER.and("topic", CardinalityGuard.OTHER), topicMetrics);
        Map<Tags, Double> finished = new HashMap<>();
        for (DeliveryCounters.TopicStats t : topics) {
            Tags tags = topicTags.get(t.topicArn());
            t.delivered().forEach((protocol, n) -> finished.merge(tags.and("protocol", protocol, "outcome",
                    "delivered"), (double) n, Double::sum));
            t.failed().forEach((protocol, n) -> finished.merge(tags.and("protocol", protocol, "outcome", "failed"),
                    (double) n, Double::sum));
        }
        notifications.update(finished);
        List<StreamStats> streams = sources.streams().get();
        counts.put(Tags.of("kind", "stream"), (double) streams.size());
        update(streams, streamGuard, s -> s.ref().arn(),
                s -> Tags.of("account", s.ref().account(), "region", s.ref().region(), "stream", s.ref().name()),
                OTHER.and("stream", CardinalityGuard.OTHER), streamMetrics);
        resources.update(counts);
        measureDataDir();
    }

    /** Updates one kind's series; returns each resource's tags (its own or {@code _other}'s) by key. */
    private <T> Map<String, Tags> update(List<T> items, CardinalityGuard guard, Function<T, String> key,
                                         Function<T, Tags> tagsOf, Tags other, List<Metric<T>> metrics) {
        Set<String> present = new HashSet<>();
        for (T item : items) {
            present.add(key.apply(item));
        }
        guard.retainOnly(present);
        Map<String, Tags> tagsByKey = new HashMap<>();
        List<Map<Tags, Double>> values = new java.util.ArrayList<>();
        metrics.forEach(m -> values.add(new HashMap<>()));
        for (T item : items) {
            String k = key.apply(item);
            Tags tags = guard.admit(k) ? tagsOf.apply(item) : other;
            tagsByKey.put(k, tags);
            for (int i = 0; i < metrics.size(); i++) {
                Metric<T> m = metrics.get(i);
                values.get(i).merge(tags, m.value().applyAsDouble(item), m.largest() ? Math::max : Double::sum);
            }
        }
        for (int i = 0; i < metrics.size(); i++) {
            metrics.get(i).series().update(values.get(i));
        }
        return tagsByKey;
    }

    /** {@code arn:aws:sns:<region>:<account>:<name>}. */
    private static Tags topicTags(DeliveryCounters.TopicStats t) {
        String[] parts = t.topicArn().split(":", 6);
        return parts.length == 6 ? Tags.of("account", parts[4], "region", parts[3], "topic", parts[5])
                : Tags.of("account", "unknown", "region", "unknown", "topic", t.topicArn());
    }

    private void measureDataDir() {
        Path dir = sources.dataDir();
        long now = System.nanoTime();
        if (dir == null || (dataDirMeasured && now - dataDirMeasuredAt < DATA_DIR_EVERY_NANOS)) {
            return;
        }
        dataDirMeasured = true;
        dataDirMeasuredAt = now;
        try (var files = java.nio.file.Files.walk(dir)) {
            dataDirBytes = files.mapToLong(p -> {
                try {
                    return java.nio.file.Files.isRegularFile(p) ? java.nio.file.Files.size(p) : 0;
                } catch (java.io.IOException e) {
                    return 0; // removed while walking
                }
            }).sum();
        } catch (java.io.IOException | java.io.UncheckedIOException e) {
            dataDirBytes = -1;
        }
    }
}
