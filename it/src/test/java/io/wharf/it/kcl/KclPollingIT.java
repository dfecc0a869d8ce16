package io.wharf.it.kcl;

import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import io.wharf.testkit.Clients;
import io.wharf.testkit.WharfServerExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
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
import software.amazon.kinesis.metrics.MetricsLevel;
import software.amazon.kinesis.processor.ShardRecordProcessor;
import software.amazon.kinesis.retrieval.polling.PollingConfig;
import software.amazon.kinesis.worker.metric.OperatingRange;
import software.amazon.kinesis.worker.metric.WorkerMetric;
import software.amazon.kinesis.worker.metric.WorkerMetricType;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Kinesis Client Library 3.5.1, unmodified, reads every record of a two-shard Wharf stream through polling, with its
 * lease table, coordinator state and worker metrics on Wharf's DynamoDB. All traffic stays on loopback: a fixed worker
 * metric keeps KCL from probing the EC2 metadata address; metrics publishing is off (MetricsLevel NONE).
 */
@Execution(ExecutionMode.CONCURRENT)
class KclPollingIT {
    @RegisterExtension
    static final WharfServerExtension WHARF = WharfServerExtension.builder().build();

    /** A constant CPU reading: configuring any worker metric stops KCL looking for the compute platform. */
    static final class FixedCpu implements WorkerMetric {
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

    static final class Collector implements ShardRecordProcessor {
        private final Set<String> seen;

        Collector(Set<String> seen) {
            this.seen = seen;
        }

        @Override
        public void initialize(InitializationInput input) {
        }

        @Override
        public void processRecords(ProcessRecordsInput input) {
            input.records().forEach(r -> seen.add(StandardCharsets.UTF_8.decode(r.data()).toString()));
            try {
                input.checkpointer().checkpoint();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        public void leaseLost(LeaseLostInput input) {
        }

        @Override
        public void shardEnded(ShardEndedInput input) {
            try {
                input.checkpointer().checkpoint();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        public void shutdownRequested(ShutdownRequestedInput input) {
        }
    }

    @Test
    void readsEveryRecordOfATwoShardStreamByPolling() throws Exception {
        String stream = "kcl-stream";
        try (KinesisClient kinesis = Clients.kinesis(WHARF.endpoint())) {
            kinesis.createStream(r -> r.streamName(stream).shardCount(2));
            while (kinesis.describeStreamSummary(r -> r.streamName(stream)).streamDescriptionSummary().streamStatus()
                    != StreamStatus.ACTIVE) {
                Thread.sleep(50);
            }
            for (int i = 0; i < 40; i++) {
                String data = "record-" + i;
                kinesis.putRecord(r -> r.streamName(stream).partitionKey("key-" + data)
                        .data(SdkBytes.fromUtf8String(data)));
            }
        }
        Set<String> seen = ConcurrentHashMap.newKeySet();
        try (KinesisAsyncClient kinesis = Clients.kinesisAsync(WHARF.endpoint());
             DynamoDbAsyncClient dynamo = DynamoDbAsyncClient.builder().endpointOverride(WHARF.endpoint())
                     .region(Clients.REGION).credentialsProvider(Clients.CREDENTIALS)
                     .httpClientBuilder(NettyNioAsyncHttpClient.builder()).build();
             CloudWatchAsyncClient cloudWatch = CloudWatchAsyncClient.builder().endpointOverride(WHARF.endpoint())
                     .region(Clients.REGION).credentialsProvider(Clients.CREDENTIALS)
                     .httpClientBuilder(NettyNioAsyncHttpClient.builder()).build()) {
            ConfigsBuilder configs = new ConfigsBuilder(stream, "kcl-app", kinesis, dynamo, cloudWatch, "worker-1",
                    () -> new Collector(seen));
            var leases = configs.leaseManagementConfig().failoverTimeMillis(2_000).shardSyncIntervalMillis(1_000);
            leases.workerUtilizationAwareAssignmentConfig().workerMetricList(List.of(new FixedCpu()));
            Scheduler scheduler = new Scheduler(configs.checkpointConfig(), configs.coordinatorConfig(), leases,
                    configs.lifecycleConfig(), configs.metricsConfig().metricsLevel(MetricsLevel.NONE),
                    configs.processorConfig(), configs.retrievalConfig()
                    .initialPositionInStreamExtended(InitialPositionInStreamExtended.newInitialPosition(
                            InitialPositionInStream.TRIM_HORIZON))
                    .retrievalSpecificConfig(new PollingConfig(stream, kinesis).idleTimeBetweenReadsInMillis(200)));
            Thread worker = Thread.ofPlatform().name("kcl-worker").start(scheduler);
            Instant deadline = Instant.now().plus(Duration.ofSeconds(120));
            while (seen.size() < 40 && Instant.now().isBefore(deadline)) {
                Thread.sleep(200);
            }
            scheduler.startGracefulShutdown().get();
            worker.join(30_000);
        }
        assertThat(seen).hasSize(40);
        try (var ddb = Clients.dynamoDb(WHARF.endpoint())) {
            var leases = ddb.scan(r -> r.tableName("kcl-app")).items().stream()
                    .filter(i -> i.containsKey("checkpoint")).toList();
            assertThat(leases).extracting(l -> l.get("leaseKey").s())
                    .containsExactlyInAnyOrder("shardId-000000000000", "shardId-000000000001");
            assertThat(leases).allSatisfy(l -> {
                assertThat(l.get("checkpoint").s()).as("checkpointed at a sequence number").matches("\\d+");
                assertThat(l.get("leaseOwner").s()).isEqualTo("worker-1");
            });
        }
    }
}
