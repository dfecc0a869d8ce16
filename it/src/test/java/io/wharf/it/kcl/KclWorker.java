package io.wharf.it.kcl;

import io.wharf.testkit.Clients;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.services.cloudwatch.CloudWatchAsyncClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;
import software.amazon.awssdk.services.kinesis.KinesisAsyncClient;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.StreamStatus;
import software.amazon.kinesis.common.ConfigsBuilder;
import software.amazon.kinesis.common.InitialPositionInStream;
import software.amazon.kinesis.common.InitialPositionInStreamExtended;
import software.amazon.kinesis.coordinator.Scheduler;
import software.amazon.kinesis.lifecycle.events.InitializationInput;
import software.amazon.kinesis.lifecycle.events.LeaseLostInput;
import software.amazon.kinesis.lifecycle.events.ProcessRecordsInput;
import software.amazon.kinesis.lifecycle.events.ShardEndedInput;
import software.amazon.kinesis.lifecycle.events.ShutdownRequestedInput;
import software.amazon.kinesis.processor.ShardRecordProcessor;
import software.amazon.kinesis.worker.metric.OperatingRange;
import software.amazon.kinesis.worker.metric.WorkerMetric;
import software.amazon.kinesis.worker.metric.WorkerMetricType;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * One KCL 3.5.1 worker against Wharf in its default configuration — enhanced fan-out retrieval, metrics published to
 * CloudWatch at their default level — with only the endpoints overridden, short lease intervals, and a fixed worker
 * metric (configuring any stops KCL probing the EC2 metadata address). Every record it is given lands in
 * {@link #delivered} as (shard, data), in delivery order; it checkpoints after each batch and at shard end.
 */
final class KclWorker implements AutoCloseable {
    /** A record as the processor received it. */
    record Delivery(String worker, String shardId, String data) {
    }

    private final String workerId;
    private final Queue<Delivery> delivered;
    private final KinesisAsyncClient kinesis;
    private final DynamoDbAsyncClient dynamo;
    private final CloudWatchAsyncClient cloudWatch;
    private final Scheduler scheduler;
    private final Thread thread;

    private final java.util.concurrent.atomic.AtomicInteger shardsHeld = new java.util.concurrent.atomic.AtomicInteger();

    private KclWorker(URI endpoint, String stream, String application, String workerId, Queue<Delivery> delivered,
                      Double cpu) {
        this.workerId = workerId;
        this.delivered = delivered;
        kinesis = KinesisAsyncClient.builder().endpointOverride(endpoint).region(Clients.REGION)
                .credentialsProvider(Clients.CREDENTIALS).httpClientBuilder(NettyNioAsyncHttpClient.builder()).build();
        dynamo = DynamoDbAsyncClient.builder().endpointOverride(endpoint).region(Clients.REGION)
                .credentialsProvider(Clients.CREDENTIALS).httpClientBuilder(NettyNioAsyncHttpClient.builder()).build();
        cloudWatch = CloudWatchAsyncClient.builder().endpointOverride(endpoint).region(Clients.REGION)
                .credentialsProvider(Clients.CREDENTIALS).httpClientBuilder(NettyNioAsyncHttpClient.builder()).build();
        ConfigsBuilder configs = new ConfigsBuilder(stream, application, kinesis, dynamo, cloudWatch, workerId,
                () -> new Processor(workerId, delivered, shardsHeld));
        var leases = configs.leaseManagementConfig().failoverTimeMillis(2_000).shardSyncIntervalMillis(1_000)
                .leaseAssignmentIntervalMillis(1_000L);
        leases.workerUtilizationAwareAssignmentConfig().workerMetricList(List.of(new FixedCpu(
                        cpu != null ? () -> cpu : () -> Math.min(100.0, 5.0 + 20.0 * shardsHeld.get()))))
                .inMemoryWorkerMetricsCaptureFrequencyMillis(500).workerMetricsReporterFreqInMillis(1_000);
        scheduler = new Scheduler(configs.checkpointConfig(),
                configs.coordinatorConfig().parentShardPollIntervalMillis(200)
                        .shardConsumerDispatchPollIntervalMillis(200).schedulerInitializationBackoffTimeMillis(200),
                leases, configs.lifecycleConfig(), configs.metricsConfig(), configs.processorConfig(),
                configs.retrievalConfig().initialPositionInStreamExtended(
                        InitialPositionInStreamExtended.newInitialPosition(InitialPositionInStream.TRIM_HORIZON)));
        thread = Thread.ofPlatform().name("kcl-" + workerId).daemon().start(scheduler);
    }

    static KclWorker start(URI endpoint, String stream, String application, String workerId,
                           Queue<Delivery> delivered) {
        return new KclWorker(endpoint, stream, application, workerId, delivered, 10.0);
    }

    /**
     * A worker whose reported CPU grows with the shards it processes (5% plus 20% a shard), as a loaded worker's would:
     * KCL 3 moves leases away from workers above the fleet's average utilisation, so such workers share the shards.
     */
    static KclWorker startLoadReporting(URI endpoint, String stream, String application, String workerId,
                                        Queue<Delivery> delivered) {
        return new KclWorker(endpoint, stream, application, workerId, delivered, null);
    }

    static Queue<Delivery> deliveries() {
        return new ConcurrentLinkedQueue<>();
    }

    /** KCL's graceful shutdown: processors are asked to checkpoint, leases are released. */
    void shutdownGracefully() throws Exception {
        scheduler.startGracefulShutdown().get(60, TimeUnit.SECONDS);
        thread.join(30_000);
        closeClients();
    }

    /**
     * As close to a kill as in-process allows: the worker's connections to Wharf are closed first, so nothing it does
     * afterwards (no lease release, no checkpoint) reaches the server; then its threads are stopped.
     */
    void kill() throws InterruptedException {
        closeClients();
        scheduler.shutdown();
        thread.join(30_000);
    }

    private void closeClients() {
        kinesis.close();
        dynamo.close();
        cloudWatch.close();
    }

    @Override
    public void close() throws Exception {
        if (thread.isAlive()) {
            kill();
        }
    }

    String workerId() {
        return workerId;
    }

    static void createStream(URI endpoint, String stream, int shards) throws InterruptedException {
        try (KinesisClient kinesis = Clients.kinesis(endpoint)) {
            kinesis.createStream(r -> r.streamName(stream).shardCount(shards));
            awaitActive(kinesis, stream);
        }
    }

    static void awaitActive(KinesisClient kinesis, String stream) throws InterruptedException {
        while (kinesis.describeStreamSummary(r -> r.streamName(stream)).streamDescriptionSummary().streamStatus()
                != StreamStatus.ACTIVE) {
            Thread.sleep(50);
        }
    }

    static void put(KinesisClient kinesis, String stream, String partitionKey, String data) {
        kinesis.putRecord(r -> r.streamName(stream).partitionKey(partitionKey).data(SdkBytes.fromUtf8String(data)));
    }

    /** Waits (up to two minutes) for a condition; the test's assertions say what was wrong if it never holds. */
    static void await(BooleanSupplier condition) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofMinutes(2));
        while (!condition.getAsBoolean() && Instant.now().isBefore(deadline)) {
            Thread.sleep(100);
        }
    }

    /** A CPU reading given by the test. */
    static final class FixedCpu implements WorkerMetric {
        private final java.util.function.DoubleSupplier value;

        FixedCpu(java.util.function.DoubleSupplier value) {
            this.value = value;
        }

        @Override
        public String getShortName() {
            return "C";
        }

        @Override
        public WorkerMetricValue capture() {
            return WorkerMetricValue.builder().value(value.getAsDouble()).build();
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

    private static final class Processor implements ShardRecordProcessor {
        private final String workerId;
        private final Queue<Delivery> delivered;
        private final java.util.concurrent.atomic.AtomicInteger shardsHeld;
        private String shardId;

        Processor(String workerId, Queue<Delivery> delivered, java.util.concurrent.atomic.AtomicInteger shardsHeld) {
            this.workerId = workerId;
            this.delivered = delivered;
            this.shardsHeld = shardsHeld;
        }

        @Override
        public void initialize(InitializationInput input) {
            shardId = input.shardId();
            shardsHeld.incrementAndGet();
        }

        @Override
        public void processRecords(ProcessRecordsInput input) {
            input.records().forEach(r -> delivered.add(
                    new Delivery(workerId, shardId, StandardCharsets.UTF_8.decode(r.data()).toString())));
            try {
                input.checkpointer().checkpoint();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        public void leaseLost(LeaseLostInput input) {
            shardsHeld.decrementAndGet();
        }

        @Override
        public void shardEnded(ShardEndedInput input) {
            shardsHeld.decrementAndGet();
            try {
                input.checkpointer().checkpoint();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        public void shutdownRequested(ShutdownRequestedInput input) {
            shardsHeld.decrementAndGet();
            try {
                input.checkpointer().checkpoint();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
