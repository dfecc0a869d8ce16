package io.wharf.it.kcl2;

import io.wharf.testkit.Clients;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.services.cloudwatch.CloudWatchAsyncClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;
import software.amazon.awssdk.services.kinesis.KinesisAsyncClient;
import software.amazon.kinesis.common.ConfigsBuilder;
import software.amazon.kinesis.common.InitialPositionInStream;
import software.amazon.kinesis.common.InitialPositionInStreamExtended;
import software.amazon.kinesis.coordinator.Scheduler;
import software.amazon.kinesis.lifecycle.events.InitializationInput;
import software.amazon.kinesis.lifecycle.events.LeaseLostInput;
import software.amazon.kinesis.lifecycle.events.ProcessRecordsInput;
import software.amazon.kinesis.lifecycle.events.ShardEndedInput;
import software.amazon.kinesis.lifecycle.events.ShutdownRequestedInput;
import software.amazon.kinesis.processor.RecordProcessorCheckpointer;
import software.amazon.kinesis.processor.ShardRecordProcessor;
import software.amazon.kinesis.retrieval.RetrievalConfig;
import software.amazon.kinesis.retrieval.polling.PollingConfig;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;

/**
 * A KCL 2.7.2 worker against Wharf: the configuration {@link ConfigsBuilder} gives (enhanced fan-out retrieval,
 * metrics to CloudWatch at their default level) with the three clients' endpoints pointed at Wharf, and KCL's lease
 * and poll intervals shortened so a test runs in seconds. Its processor appends every record it is given to a shared
 * queue, in delivery order, and checkpoints after each batch, at shard end and when asked to shut down.
 */
final class Kcl2Worker implements AutoCloseable {
    /** One record as a processor received it. */
    record Delivery(String worker, String shardId, String data) {
    }

    /** How the worker reads: KCL 2's default (SubscribeToShard over HTTP/2) or GetRecords polling. */
    enum Retrieval { FAN_OUT, POLLING }

    private final KinesisAsyncClient kinesis;
    private final DynamoDbAsyncClient dynamo;
    private final CloudWatchAsyncClient cloudWatch;
    private final Scheduler scheduler;
    private final Thread thread;

    private Kcl2Worker(URI endpoint, String stream, String application, String workerId, Retrieval retrieval,
                       Queue<Delivery> delivered) {
        kinesis = KinesisAsyncClient.builder().endpointOverride(endpoint).region(Clients.REGION)
                .credentialsProvider(Clients.CREDENTIALS).httpClientBuilder(NettyNioAsyncHttpClient.builder()).build();
        dynamo = DynamoDbAsyncClient.builder().endpointOverride(endpoint).region(Clients.REGION)
                .credentialsProvider(Clients.CREDENTIALS).httpClientBuilder(NettyNioAsyncHttpClient.builder()).build();
        cloudWatch = CloudWatchAsyncClient.builder().endpointOverride(endpoint).region(Clients.REGION)
                .credentialsProvider(Clients.CREDENTIALS).httpClientBuilder(NettyNioAsyncHttpClient.builder()).build();
        ConfigsBuilder configs = new ConfigsBuilder(stream, application, kinesis, dynamo, cloudWatch, workerId,
                () -> new RecordingProcessor(workerId, delivered));
        RetrievalConfig retrievalConfig = configs.retrievalConfig().initialPositionInStreamExtended(
                InitialPositionInStreamExtended.newInitialPosition(InitialPositionInStream.TRIM_HORIZON));
        if (retrieval == Retrieval.POLLING) {
            retrievalConfig.retrievalSpecificConfig(new PollingConfig(stream, kinesis).idleTimeBetweenReadsInMillis(200));
        }
        scheduler = new Scheduler(configs.checkpointConfig(),
                configs.coordinatorConfig().parentShardPollIntervalMillis(200)
                        .shardConsumerDispatchPollIntervalMillis(200).schedulerInitializationBackoffTimeMillis(200),
                configs.leaseManagementConfig().failoverTimeMillis(2_000).shardSyncIntervalMillis(1_000),
                configs.lifecycleConfig(), configs.metricsConfig(), configs.processorConfig(), retrievalConfig);
        thread = Thread.ofPlatform().name("kcl2-" + workerId).daemon().start(scheduler);
    }

    static Kcl2Worker start(URI endpoint, String stream, String application, String workerId, Retrieval retrieval,
                            Queue<Delivery> delivered) {
        return new Kcl2Worker(endpoint, stream, application, workerId, retrieval, delivered);
    }

    static Queue<Delivery> deliveries() {
        return new ConcurrentLinkedQueue<>();
    }

    /** KCL's graceful shutdown: each processor is asked to checkpoint, then the leases are released. */
    void shutdownGracefully() throws Exception {
        scheduler.startGracefulShutdown().get(60, TimeUnit.SECONDS);
        thread.join(30_000);
        closeClients();
    }

    /**
     * As near a kill as in-process allows: the clients are closed first, so nothing the worker does afterwards (no
     * lease release, no last checkpoint) reaches Wharf; then its threads are stopped.
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

    private static final class RecordingProcessor implements ShardRecordProcessor {
        private final String workerId;
        private final Queue<Delivery> delivered;
        private String shardId;

        RecordingProcessor(String workerId, Queue<Delivery> delivered) {
            this.workerId = workerId;
            this.delivered = delivered;
        }

        @Override
        public void initialize(InitializationInput input) {
            shardId = input.shardId();
        }

        @Override
        public void processRecords(ProcessRecordsInput input) {
            for (var record : input.records()) {
                delivered.add(new Delivery(workerId, shardId, StandardCharsets.UTF_8.decode(record.data()).toString()));
            }
            checkpoint(input.checkpointer());
        }

        @Override
        public void leaseLost(LeaseLostInput input) {
            // another worker holds the shard now: nothing may be checkpointed
        }

        @Override
        public void shardEnded(ShardEndedInput input) {
            checkpoint(input.checkpointer());
        }

        @Override
        public void shutdownRequested(ShutdownRequestedInput input) {
            checkpoint(input.checkpointer());
        }

        private static void checkpoint(RecordProcessorCheckpointer checkpointer) {
            try {
                checkpointer.checkpoint();
            } catch (Exception e) { // KCL's checked exceptions: the test fails on any
                throw new IllegalStateException(e);
            }
        }
    }
}
