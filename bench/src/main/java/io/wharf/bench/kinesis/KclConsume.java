package io.wharf.bench.kinesis;

import io.wharf.bench.measure.Latency;
import io.wharf.bench.measure.Percentiles;
import io.wharf.bench.measure.Result;
import io.wharf.bench.measure.Window;
import io.wharf.bench.scenario.Failures;
import io.wharf.bench.scenario.Scenario;
import io.wharf.bench.scenario.ScenarioSettings;
import io.wharf.bench.scenario.Workers;
import io.wharf.bench.sqs.SqsClients;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudwatch.CloudWatchAsyncClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.TableStatus;
import software.amazon.awssdk.services.kinesis.KinesisAsyncClient;
import software.amazon.awssdk.services.kinesis.model.Shard;
import software.amazon.kinesis.common.ConfigsBuilder;
import software.amazon.kinesis.common.HashKeyRangeForLease;
import software.amazon.kinesis.common.InitialPositionInStream;
import software.amazon.kinesis.common.InitialPositionInStreamExtended;
import software.amazon.kinesis.common.KinesisClientUtil;
import software.amazon.kinesis.coordinator.Scheduler;
import software.amazon.kinesis.leases.Lease;
import software.amazon.kinesis.leases.dynamodb.DynamoDBLeaseSerializer;
import software.amazon.kinesis.lifecycle.events.InitializationInput;
import software.amazon.kinesis.lifecycle.events.LeaseLostInput;
import software.amazon.kinesis.lifecycle.events.ProcessRecordsInput;
import software.amazon.kinesis.lifecycle.events.ShardEndedInput;
import software.amazon.kinesis.lifecycle.events.ShutdownRequestedInput;
import software.amazon.kinesis.processor.RecordProcessorCheckpointer;
import software.amazon.kinesis.processor.ShardRecordProcessor;
import software.amazon.kinesis.retrieval.KinesisClientRecord;
import software.amazon.kinesis.retrieval.RetrievalConfig;
import software.amazon.kinesis.retrieval.kpl.ExtendedSequenceNumber;
import software.amazon.kinesis.retrieval.polling.PollingConfig;
import software.amazon.kinesis.worker.metric.OperatingRange;
import software.amazon.kinesis.worker.metric.WorkerMetric;
import software.amazon.kinesis.worker.metric.WorkerMetricType;

import java.math.BigInteger;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;

/**
 * {@code kcl-efo} and {@code kcl-polling}: the producers of {@code kinesis-roundtrip}, read by a real KCL 3.5.1
 * {@link Scheduler} — one worker, leases and checkpoints in the target's DynamoDB, metrics to its CloudWatch — through
 * enhanced fan-out (KCL's default: SubscribeToShard over HTTP/2) or polling (GetRecords of up to 10,000 records, with
 * {@code --kcl-poll-idle-ms} between reads of a shard: KCL's default {@value KinesisSettings#DEFAULT_KCL_POLL_IDLE_MILLIS}
 * ms unless asked otherwise). The KCL runs in its default
 * configuration except: all three clients point at the target, a fixed worker metric (so KCL 3 never asks the EC2
 * metadata address for CPU), and short lease intervals so it takes the shards in seconds. Producers start only once
 * the worker holds every shard's lease, and the warm-up begins once every shard has handed over a record, so neither
 * lease acquisition nor the first subscription or read is measured. The record
 * processor reads each record's stamp when {@code processRecords} is called and checkpoints at most once per
 * {@value #CHECKPOINT_INTERVAL_MILLIS} ms per shard (as applications that checkpoint by time do).
 * At a fixed rate producers never pause (the rate bounds the load; KCL's polling holds up to a read interval of
 * records in flight); at full speed they pause while put − processed exceeds {@code --kinesis-backlog}.
 */
public final class KclConsume implements Scenario {
    static final long CHECKPOINT_INTERVAL_MILLIS = 1000;
    /** Lease taking with the short intervals below takes seconds; this bounds a target that never hands them out. */
    private static final Duration LEASES_TIMEOUT = Duration.ofSeconds(120);
    private static final Duration SHUTDOWN_TIMEOUT = Duration.ofSeconds(30);
    private static final long FAILOVER_MILLIS = 2_000;
    private static final long SHORT_INTERVAL_MILLIS = 1_000;

    private final boolean fanOut;

    public KclConsume(boolean fanOut) {
        this.fanOut = fanOut;
    }

    @Override
    public String name() {
        return fanOut ? "kcl-efo" : "kcl-polling";
    }

    @Override
    public Result run(ScenarioSettings settings) throws InterruptedException {
        KinesisSettings kinesis = settings.kinesis();
        kinesis.checkPutSize(settings.bodyBytes());
        Window window = new Window(settings.warmup(), settings.duration(), settings.serverPid());
        Latency endToEnd = new Latency("put-to-process", window);
        Latency put = new Latency("put-records", window);
        LongAdder processed = new LongAdder();
        LongAdder duplicates = new LongAdder();
        Failures failures = new Failures();
        AtomicInteger shardsHeld = new AtomicInteger();
        LongAdder leasesLost = new LongAdder();
        AtomicReference<Producers> producersRef = new AtomicReference<>();
        StampedRecords records = new StampedRecords(settings.bodyBytes(), kinesis.recordsPerPut());
        int backlog = settings.ratePerSecond() > 0 ? Integer.MAX_VALUE : kinesis.backlogRecords();
        String application = "wharf-bench-kcl-" + Long.toHexString(ThreadLocalRandom.current().nextLong() >>> 16);
        double leaseSeconds;
        double firstRecordsSeconds;
        long lostWhileLoaded;
        try (KinesisAsyncClient client = KinesisClients.create(settings.endpoint(), settings.producers(), kinesis.wire());
             BenchStream stream = BenchStream.create(client, name(), kinesis.shards(), kinesis.streamKeyId());
             KclClients kcl = KclClients.create(settings.endpoint(), kinesis.wire())) {
            Processors processors = new Processors(window, endToEnd, processed, duplicates, failures, shardsHeld,
                    leasesLost, producersRef);
            kcl.writeLeases(application, stream.name());
            Scheduler scheduler = scheduler(kcl, stream.name(), application, processors, kinesis.kclPollIdleMillis());
            Thread schedulerThread = Thread.ofPlatform().name("kcl-scheduler").daemon().start(scheduler);
            try {
                long leasesStart = System.nanoTime();
                awaitLeases(shardsHeld, kinesis.shards(), schedulerThread);
                leaseSeconds = (System.nanoTime() - leasesStart) / 1e9;
                long lostBefore = leasesLost.sum();
                Workers workers = new Workers();
                Producers producers = new Producers(client, stream, records, backlog, settings.ratePerSecond(),
                        kinesis.recordsPerPut(), window, put, failures);
                producersRef.set(producers);
                producers.start(workers, settings.producers());
                long producersStart = System.nanoTime();
                try {
                    awaitFirstRecords(processors, kinesis.shards(), schedulerThread);
                } catch (RuntimeException | InterruptedException e) {
                    window.abort();
                    workers.awaitAll(Duration.ofSeconds(10));
                    throw e;
                }
                firstRecordsSeconds = (System.nanoTime() - producersStart) / 1e9;
                window.runToEnd();
                workers.awaitAll(Duration.ofSeconds(10));
                lostWhileLoaded = leasesLost.sum() - lostBefore;
            } finally {
                stop(scheduler, schedulerThread);
                kcl.deleteTables(application);
            }
        }
        Map<String, String> parameters = KinesisResults.parameters(settings, "producers", settings.producers());
        parameters.put("kcl", "3.5.1, one worker");
        parameters.put("retrieval", fanOut ? "enhanced fan-out (SubscribeToShard, HTTP/2)"
                : "polling (GetRecords every " + kinesis.kclPollIdleMillis() + " ms per shard, up to 10000 records)");
        parameters.put("checkpoint", "every " + CHECKPOINT_INTERVAL_MILLIS + " ms per shard");
        parameters.put("rate", settings.ratePerSecond() > 0 ? Integer.toString(settings.ratePerSecond()) : "full");
        if (producersRef.get() != null) {
            parameters.putAll(producersRef.get().scheduleFigures());
        }
        parameters.put("backlogRecords", backlog == Integer.MAX_VALUE ? "none (fixed rate)" : Integer.toString(backlog));
        parameters.put("leaseAcquisitionSeconds", String.format(Locale.ROOT, "%.1f", leaseSeconds));
        parameters.put("firstRecordsSeconds", String.format(Locale.ROOT, "%.1f", firstRecordsSeconds));
        parameters.put("leasesLostWhileLoaded", Long.toString(lostWhileLoaded));
        parameters.put("duplicates", Long.toString(duplicates.sum()));
        KinesisResults.putDataRate(parameters, processed.sum(), settings.bodyBytes(), window.measuredSeconds());
        Map<String, Percentiles> latencies = new LinkedHashMap<>();
        latencies.put(endToEnd.name(), endToEnd.percentiles());
        latencies.put(put.name(), put.percentiles());
        return new Result(name(), settings.target(), parameters, window.measuredSeconds(), processed.sum(),
                failures.count(), failures.first(), endToEnd.name(), latencies,
                window.serverCpuMillis(), window.clientCpuMillis(), window.loadAverage());
    }

    /** @param pollIdleMillis set explicitly even at KCL's default, so the figure can't drift with KCL's default */
    private Scheduler scheduler(KclClients kcl, String stream, String application, Processors processors,
                                long pollIdleMillis) {
        ConfigsBuilder configs = new ConfigsBuilder(stream, application, kcl.kinesis(), kcl.dynamo(), kcl.cloudWatch(),
                "wharf-bench-worker", processors::create);
        var leases = configs.leaseManagementConfig().failoverTimeMillis(FAILOVER_MILLIS)
                .shardSyncIntervalMillis(SHORT_INTERVAL_MILLIS).leaseAssignmentIntervalMillis(SHORT_INTERVAL_MILLIS);
        leases.workerUtilizationAwareAssignmentConfig().workerMetricList(List.of(new FixedCpu()))
                .workerMetricsReporterFreqInMillis(SHORT_INTERVAL_MILLIS);
        RetrievalConfig retrieval = configs.retrievalConfig().initialPositionInStreamExtended(
                InitialPositionInStreamExtended.newInitialPosition(InitialPositionInStream.TRIM_HORIZON));
        if (!fanOut) {
            retrieval.retrievalSpecificConfig(new PollingConfig(stream, kcl.kinesis())
                    .idleTimeBetweenReadsInMillis(pollIdleMillis));
        }
        return new Scheduler(configs.checkpointConfig(),
                configs.coordinatorConfig().schedulerInitializationBackoffTimeMillis(200)
                        .shardConsumerDispatchPollIntervalMillis(200),
                leases, configs.lifecycleConfig(), configs.metricsConfig(), configs.processorConfig(), retrieval);
    }

    private static void awaitLeases(AtomicInteger shardsHeld, int shards, Thread scheduler) throws InterruptedException {
        long deadline = System.nanoTime() + LEASES_TIMEOUT.toNanos();
        while (shardsHeld.get() < shards) {
            if (!scheduler.isAlive()) {
                throw new IllegalStateException("the KCL scheduler stopped before it held the " + shards
                        + " shards' leases (it held " + shardsHeld.get() + ")");
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the KCL worker held " + shardsHeld.get() + " of " + shards
                        + " shards' leases after " + LEASES_TIMEOUT.toSeconds() + " s");
            }
            Thread.sleep(50);
        }
    }

    /**
     * Waits until every shard has handed the processor a record (the fan-out subscriptions or the polling readers are
     * running), so the warm-up and the measured window start on a consumer that is consuming.
     */
    private static void awaitFirstRecords(Processors processors, int shards, Thread scheduler)
            throws InterruptedException {
        long deadline = System.nanoTime() + LEASES_TIMEOUT.toNanos();
        while (processors.lastSequenceNumbers().size() < shards) {
            if (!scheduler.isAlive() || System.nanoTime() > deadline) {
                throw new IllegalStateException("the KCL worker handed over records of "
                        + processors.lastSequenceNumbers().size() + " of " + shards + " shards"
                        + (scheduler.isAlive() ? " after " + LEASES_TIMEOUT.toSeconds() + " s" : " before it stopped"));
            }
            Thread.sleep(20);
        }
    }

    /** KCL's graceful shutdown (processors checkpoint, leases released), bounded; then its threads are stopped. */
    private static void stop(Scheduler scheduler, Thread thread) throws InterruptedException {
        try {
            scheduler.startGracefulShutdown().get(SHUTDOWN_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        } catch (Exception e) {
            scheduler.shutdown();
        }
        thread.join(SHUTDOWN_TIMEOUT);
    }

    /** The state the run's record processors (one per shard, made by KCL) share. */
    private record Processors(Window window, Latency endToEnd, LongAdder processed, LongAdder duplicates,
                              Failures failures, AtomicInteger shardsHeld, LongAdder leasesLost,
                              AtomicReference<Producers> producers, Map<String, BigInteger> lastSequenceNumbers) {
        Processors(Window window, Latency endToEnd, LongAdder processed, LongAdder duplicates, Failures failures,
                   AtomicInteger shardsHeld, LongAdder leasesLost, AtomicReference<Producers> producers) {
            this(window, endToEnd, processed, duplicates, failures, shardsHeld, leasesLost, producers,
                    new ConcurrentHashMap<>());
        }

        ShardRecordProcessor create() {
            return new StampReader(this);
        }
    }

    /**
     * Reads each record's stamp when KCL hands it over; checkpoints by time. A record at or before the last sequence
     * number seen on its shard in this run, by this processor or an earlier one (KCL delivers at least once), counts as
     * a duplicate, not again as processed.
     */
    private static final class StampReader implements ShardRecordProcessor {
        private final Processors shared;
        private long lastCheckpointNanos = System.nanoTime();
        private String shardId;
        private BigInteger lastSequenceNumber = BigInteger.ONE.negate();

        StampReader(Processors shared) {
            this.shared = shared;
        }

        @Override
        public void initialize(InitializationInput input) {
            shardId = input.shardId();
            lastSequenceNumber = shared.lastSequenceNumbers().getOrDefault(shardId, lastSequenceNumber);
            shared.shardsHeld().incrementAndGet();
        }

        @Override
        public void processRecords(ProcessRecordsInput input) {
            long now = System.nanoTime();
            int fresh = 0;
            for (KinesisClientRecord record : input.records()) {
                BigInteger sequenceNumber = new BigInteger(record.sequenceNumber());
                if (sequenceNumber.compareTo(lastSequenceNumber) <= 0) {
                    if (shared.window().measuring()) {
                        shared.duplicates().increment();
                    }
                    continue;
                }
                lastSequenceNumber = sequenceNumber;
                fresh++;
                long stamp = StampedRecords.stampOf(record.data());
                if (stamp != StampedRecords.NO_STAMP) {
                    shared.endToEnd().recordNanos(now - stamp);
                }
            }
            Producers producers = shared.producers().get();
            if (producers != null) {
                producers.read(fresh);
            }
            if (shared.window().measuring()) {
                shared.processed().add(fresh);
            }
            shared.lastSequenceNumbers().put(shardId, lastSequenceNumber);
            if (now - lastCheckpointNanos >= TimeUnit.MILLISECONDS.toNanos(CHECKPOINT_INTERVAL_MILLIS)) {
                checkpoint(input.checkpointer());
                lastCheckpointNanos = now;
            }
        }

        @Override
        public void leaseLost(LeaseLostInput input) {
            shared.shardsHeld().decrementAndGet();
            shared.leasesLost().increment();
        }

        @Override
        public void shardEnded(ShardEndedInput input) {
            shared.shardsHeld().decrementAndGet();
            checkpoint(input.checkpointer());
        }

        @Override
        public void shutdownRequested(ShutdownRequestedInput input) {
            checkpoint(input.checkpointer());
        }

        private void checkpoint(RecordProcessorCheckpointer checkpointer) {
            try {
                checkpointer.checkpoint();
            } catch (Exception e) {
                if (!shared.window().stopped()) {
                    shared.failures().record(e);
                }
            }
        }
    }

    /**
     * A constant CPU reading: configuring any worker metric stops KCL 3 from asking the EC2/ECS/EKS metadata
     * endpoints for one, so the run's traffic stays on the target's endpoint.
     */
    private static final class FixedCpu implements WorkerMetric {
        @Override
        public String getShortName() {
            return "C";
        }

        @Override
        public WorkerMetricValue capture() {
            return WorkerMetricValue.builder().value(10.0).build();
        }

        @Override
        public OperatingRange getOperatingRange() {
            return OperatingRange.builder().maxUtilization(100).build();
        }

        @Override
        public WorkerMetricType getWorkerMetricType() {
            return WorkerMetricType.CPU;
        }
    }

    /**
     * The three clients a KCL worker takes, as its documentation builds them, pointed at the target: Kinesis through
     * {@link KinesisClientUtil} (Netty, HTTP/2, on the run's wire), DynamoDB and CloudWatch with the SDK's defaults.
     */
    private record KclClients(KinesisAsyncClient kinesis, DynamoDbAsyncClient dynamo, CloudWatchAsyncClient cloudWatch)
            implements AutoCloseable {

        static KclClients create(URI endpoint, KinesisWire wire) {
            KinesisAsyncClient kinesis = KinesisClients.buildOn(wire, () -> KinesisClientUtil.createKinesisAsyncClient(
                    KinesisAsyncClient.builder().endpointOverride(endpoint).region(Region.US_EAST_1)
                            .credentialsProvider(SqsClients.CREDENTIALS)));
            DynamoDbAsyncClient dynamo = DynamoDbAsyncClient.builder().endpointOverride(endpoint).region(Region.US_EAST_1)
                    .credentialsProvider(SqsClients.CREDENTIALS).httpClientBuilder(NettyNioAsyncHttpClient.builder())
                    .build();
            CloudWatchAsyncClient cloudWatch = CloudWatchAsyncClient.builder().endpointOverride(endpoint)
                    .region(Region.US_EAST_1).credentialsProvider(SqsClients.CREDENTIALS)
                    .httpClientBuilder(NettyNioAsyncHttpClient.builder()).build();
            return new KclClients(kinesis, dynamo, cloudWatch);
        }

        /**
         * Creates the lease table as KCL does ({@code leaseKey} hash key, on-demand) and writes one lease per shard, at
         * TRIM_HORIZON and owned by nobody, with KCL's own serializer: what KCL's first shard sync would write. KCL 3.5.1
         * makes a worker of a new application (an empty lease table) wait a random 1 to 30 s before that first sync; with
         * the leases there it starts at once, and its lease assignment hands them to the worker as usual.
         */
        void writeLeases(String application, String stream) throws InterruptedException {
            dynamo.createTable(b -> b.tableName(application).billingMode(BillingMode.PAY_PER_REQUEST)
                    .keySchema(k -> k.attributeName("leaseKey").keyType(KeyType.HASH))
                    .attributeDefinitions(d -> d.attributeName("leaseKey").attributeType(ScalarAttributeType.S))).join();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (dynamo.describeTable(b -> b.tableName(application)).join().table().tableStatus() != TableStatus.ACTIVE) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("lease table " + application + " not ACTIVE after 60 s");
                }
                Thread.sleep(50);
            }
            DynamoDBLeaseSerializer serializer = new DynamoDBLeaseSerializer();
            for (Shard shard : kinesis.listShards(b -> b.streamName(stream)).join().shards()) {
                Lease lease = new Lease();
                lease.leaseKey(shard.shardId());
                lease.leaseCounter(0L);
                lease.checkpoint(ExtendedSequenceNumber.TRIM_HORIZON);
                lease.ownerSwitchesSinceCheckpoint(0L);
                lease.parentShardIds(List.of());
                lease.hashKeyRange(HashKeyRangeForLease.fromHashKeyRange(shard.hashKeyRange()));
                dynamo.putItem(b -> b.tableName(application).item(serializer.toDynamoRecord(lease))
                        .conditionExpression("attribute_not_exists(leaseKey)")).join();
            }
        }

        /** Best effort: the lease table and any other table KCL made for the application. */
        void deleteTables(String application) {
            try {
                for (String table : dynamo.listTables().get(10, TimeUnit.SECONDS).tableNames()) {
                    if (table.equals(application) || table.startsWith(application + "-")) {
                        dynamo.deleteTable(b -> b.tableName(table)).get(10, TimeUnit.SECONDS);
                    }
                }
            } catch (Exception e) {
                System.err.println("wharf-bench: could not delete the KCL tables of " + application + ": " + e);
            }
        }

        @Override
        public void close() {
            kinesis.close();
            dynamo.close();
            cloudWatch.close();
        }
    }
}

