package io.wharf.it.kcl;

import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import io.wharf.it.kcl.KclWorker.Delivery;
import io.wharf.testkit.Clients;
import io.wharf.testkit.WharfServerExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.kinesis.KinesisClient;

import java.util.Queue;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * KCL 3.5.1 in its default configuration — enhanced fan-out (RegisterStreamConsumer, then SubscribeToShard over
 * HTTP/2), metrics published to CloudWatch — reads every record of a three-shard Wharf stream, and leaves its leases,
 * coordinator state and worker metrics on Wharf's DynamoDB. One run, several checks.
 */
@Execution(ExecutionMode.CONCURRENT)
class KclEnhancedFanOutIT {
    @RegisterExtension
    static final WharfServerExtension WHARF = WharfServerExtension.builder().build();

    static final String STREAM = "kcl-efo";
    static final String APP = "kcl-efo-app";
    static final int RECORDS = 60;
    static final Queue<Delivery> DELIVERED = KclWorker.deliveries();

    @BeforeAll
    static void consume() throws Exception {
        KclWorker.createStream(WHARF.endpoint(), STREAM, 3);
        try (KinesisClient kinesis = Clients.kinesis(WHARF.endpoint())) {
            for (int i = 0; i < RECORDS; i++) {
                KclWorker.put(kinesis, STREAM, "key-" + i, "record-" + i);
            }
        }
        KclWorker worker = KclWorker.start(WHARF.endpoint(), STREAM, APP, "efo-worker", DELIVERED);
        KclWorker.await(() -> DELIVERED.size() >= RECORDS);
        worker.shutdownGracefully();
    }

    @Test
    void readsEveryRecordThroughARegisteredConsumer() {
        assertThat(DELIVERED).extracting(Delivery::data).containsExactlyInAnyOrderElementsOf(
                IntStream.range(0, RECORDS).mapToObj(i -> "record-" + i).toList());
        try (KinesisClient kinesis = Clients.kinesis(WHARF.endpoint())) {
            String arn = kinesis.describeStreamSummary(r -> r.streamName(STREAM)).streamDescriptionSummary()
                    .streamARN();
            assertThat(kinesis.listStreamConsumers(r -> r.streamARN(arn)).consumers())
                    .as("KCL's fan-out consumer is named after the application")
                    .extracting(c -> c.consumerName()).containsExactly(APP);
        }
        assertThat(DELIVERED).extracting(Delivery::shardId).containsOnly(
                "shardId-000000000000", "shardId-000000000001", "shardId-000000000002");
    }

    @Test
    void leaseTableHoldsACheckpointPerShard() {
        try (var ddb = Clients.dynamoDb(WHARF.endpoint())) {
            var leases = ddb.scan(r -> r.tableName(APP)).items().stream()
                    .filter(i -> i.containsKey("checkpoint")).toList();
            assertThat(leases).extracting(l -> l.get("leaseKey").s()).containsExactlyInAnyOrder(
                    "shardId-000000000000", "shardId-000000000001", "shardId-000000000002");
            assertThat(leases).allSatisfy(l ->
                    assertThat(l.get("checkpoint").s()).as("checkpointed at a sequence number").matches("\\d+"));
        }
    }

    @Test
    void metricsArePublishedToCloudWatch() {
        try (var cloudWatch = Clients.cloudWatch(WHARF.endpoint())) {
            assertThat(cloudWatch.listMetrics(r -> r.namespace(APP)).metrics())
                    .as("KCL publishes under the application's name").isNotEmpty();
        }
    }

    /**
     * KCL 3.5 keeps its coordinator state and worker metrics as rows of the lease table, told apart by
     * {@code entityType} (the separate {@code <app>-CoordinatorState} and {@code <app>-WorkerMetricStats} tables of
     * KCL 3.0 are only read when they already exist, as "legacy" tables).
     */
    @Test
    void coordinatorStateAndWorkerMetricsRowsAreKeptInTheLeaseTable() {
        try (var ddb = Clients.dynamoDb(WHARF.endpoint())) {
            assertThat(ddb.listTables().tableNames()).containsExactly(APP);
            var rows = ddb.scan(r -> r.tableName(APP)).items().stream()
                    .filter(i -> i.containsKey("entityType")).toList();
            assertThat(rows).filteredOn(i -> i.get("entityType").s().equals("CLIENT_VERSION_MIGRATION"))
                    .singleElement().satisfies(i -> {
                        assertThat(i.get("leaseKey").s()).isEqualTo("Migration3.0");
                        assertThat(i.get("cv").s()).isEqualTo("CLIENT_VERSION_3X");
                    });
            assertThat(rows).filteredOn(i -> i.get("entityType").s().equals("WORKER_METRIC_STATS"))
                    .singleElement().satisfies(i -> {
                        assertThat(i.get("leaseKey").s()).isEqualTo("efo-worker");
                        assertThat(i.get("sts").m().get("C").l()).as("the fixed CPU readings reported").isNotEmpty()
                                .allSatisfy(v -> assertThat(v.n()).isEqualTo("10"));
                    });
        }
    }
}
