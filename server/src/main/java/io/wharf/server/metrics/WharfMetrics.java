package io.wharf.server.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.FileDescriptorMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.wharf.protocol.RequestLog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * One server's metrics: a Prometheus registry with the JVM and process binders, the request metrics and the sources
 * polled at scrape time. {@link #scrape()} answers {@code GET /_wharf/metrics}; scrapes are serialised (they refresh
 * the polled series first). Process-local: nothing here is stored.
 */
public final class WharfMetrics implements AutoCloseable {
    /** The Prometheus text format's content type. */
    public static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";
    /** Series of their own per kind of resource (queues, topics, streams); the rest are summed into {@code _other}. */
    public static final int DEFAULT_CAP = CardinalityGuard.DEFAULT_CAP;
    private static final Logger log = LoggerFactory.getLogger(WharfMetrics.class);

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final RequestMetrics requests = new RequestMetrics(registry);
    private final JvmGcMetrics gc = new JvmGcMetrics();
    private final List<Runnable> beforeScrape = new CopyOnWriteArrayList<>();

    public WharfMetrics() {
        new JvmMemoryMetrics().bindTo(registry);
        gc.bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ClassLoaderMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        new FileDescriptorMetrics().bindTo(registry);
    }

    /** Where the gateway reports each answered call. */
    public RequestLog requestLog() {
        return requests;
    }

    MeterRegistry registry() {
        return registry;
    }

    /**
     * The per-resource and store series ({@link ResourceMetrics}), polled from these sources at each scrape, each kind
     * of resource capped at {@code cap} series of its own.
     *
     * @param dataDir the data directory whose size is reported, or null (in memory)
     */
    public void resources(java.util.function.Supplier<List<io.wharf.sqs.engine.QueueStats>> queues,
                          java.util.function.Supplier<List<io.wharf.sns.engine.DeliveryCounters.TopicStats>> topics,
                          java.util.function.Supplier<List<io.wharf.kinesis.engine.StreamStats>> streams,
                          java.util.function.Supplier<io.wharf.storage.StoreStats> store, java.nio.file.Path dataDir,
                          int cap) {
        ResourceMetrics polled = new ResourceMetrics(registry,
                new ResourceMetrics.Sources(queues, topics, streams, store, dataDir), cap);
        beforeScrape(polled::refresh);
    }

    /** What the SQS engine holds in memory ({@code wharf_sqs_memory_*}), read at each scrape. */
    public void sqsMemory(java.util.function.Supplier<io.wharf.sqs.engine.SqsMemory> memory) {
        io.micrometer.core.instrument.Gauge.builder("wharf.sqs.memory.window.messages", memory,
                        m -> m.get().windowMessages())
                .description("Visible and delayed messages that standard queues hold in memory (the rest waits in the store)")
                .strongReference(true).register(registry);
        io.micrometer.core.instrument.Gauge.builder("wharf.sqs.memory.content.bytes", memory,
                        m -> m.get().contentBytes())
                .description("Bytes of message contents held in memory (the rest is read from the store)")
                .strongReference(true).register(registry);
        io.micrometer.core.instrument.Gauge.builder("wharf.sqs.memory.inflight.messages", memory,
                        m -> m.get().inflightMessages())
                .description("In-flight messages of all queues together (capped by --sqs-max-inflight-messages)")
                .strongReference(true).register(registry);
    }

    /**
     * The per-shard Kinesis series ({@link ShardMetrics}), polled from {@code shards} at each scrape, at most {@code cap}
     * shards with series of their own.
     */
    public void shards(java.util.function.Supplier<List<io.wharf.kinesis.engine.ShardStats>> shards, int cap) {
        beforeScrape(new ShardMetrics(registry, shards, cap)::refresh);
    }

    /** Polled series: {@code refresh} runs at the start of every scrape (under the scrape's lock). */
    public void beforeScrape(Runnable refresh) {
        beforeScrape.add(refresh);
    }

    /** The Prometheus text exposition of every series; a source that fails is logged and keeps its last values. */
    public synchronized String scrape() {
        for (Runnable refresh : beforeScrape) {
            try {
                refresh.run();
            } catch (RuntimeException e) {
                log.warn("metrics: a polled source failed; its series keep their last values", e);
            }
        }
        return registry.scrape();
    }

    @Override
    public void close() {
        gc.close();
        registry.close();
    }
}
