package io.wharf.it.kcl2;

import io.wharf.it.kcl2.Kcl2Worker.Delivery;
import io.wharf.it.kcl2.Kcl2Worker.Retrieval;
import io.wharf.testkit.Clients;
import io.wharf.testkit.WharfServerExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.kinesis.KinesisClient;

import java.util.List;
import java.util.Queue;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * KCL 2.7.2 in its default configuration — enhanced fan-out (RegisterStreamConsumer, SubscribeToShard over HTTP/2),
 * metrics to CloudWatch — reads every record of a three-shard Wharf stream and checkpoints on Wharf's DynamoDB; after
 * a graceful shutdown a new worker of the same application is given exactly the records put since, none before.
 */
class Kcl2FanOutRestartIT {
    @RegisterExtension
    static final WharfServerExtension WHARF = WharfServerExtension.builder().build();

    static final String STREAM = "kcl2-efo";
    static final String APP = "kcl2-efo-app";
    static final List<String> SHARDS = List.of("shardId-000000000000", "shardId-000000000001",
            "shardId-000000000002");
    static final int RECORDS = 45;

    @Test
    void readsEveryRecordThroughFanOutAndARestartResumesAfterTheCheckpoints() throws Exception {
        Streams.create(WHARF.endpoint(), STREAM, SHARDS.size());
        putAll("first-");
        Queue<Delivery> first = Kcl2Worker.deliveries();
        try (Kcl2Worker one = Kcl2Worker.start(WHARF.endpoint(), STREAM, APP, "worker-1", Retrieval.FAN_OUT, first)) {
            Streams.await(() -> first.size() >= RECORDS);
            one.shutdownGracefully();
        }
        assertThat(first).extracting(Delivery::data).as("every record, each once")
                .containsExactlyInAnyOrderElementsOf(numbered("first-"));
        assertThat(first).extracting(Delivery::shardId).as("from every shard").containsOnly(SHARDS.toArray(String[]::new));

        try (KinesisClient kinesis = Clients.kinesis(WHARF.endpoint())) {
            String arn = kinesis.describeStreamSummary(r -> r.streamName(STREAM)).streamDescriptionSummary()
                    .streamARN();
            assertThat(kinesis.listStreamConsumers(r -> r.streamARN(arn)).consumers())
                    .as("KCL 2 registers a fan-out consumer named after the application")
                    .extracting(c -> c.consumerName()).containsExactly(APP);
        }
        try (var ddb = Clients.dynamoDb(WHARF.endpoint())) {
            assertThat(ddb.listTables().tableNames()).as("KCL 2 keeps nothing but its lease table").containsExactly(APP);
            assertThat(ddb.describeTable(r -> r.tableName(APP)).table().globalSecondaryIndexes()).isEmpty();
            var leases = ddb.scan(r -> r.tableName(APP)).items();
            assertThat(leases).extracting(l -> l.get("leaseKey").s()).containsExactlyInAnyOrderElementsOf(SHARDS);
            assertThat(leases).allSatisfy(l -> assertThat(l.get("checkpoint").s())
                    .as("checkpointed at a sequence number").matches("\\d+"));
        }
        try (var cloudWatch = Clients.cloudWatch(WHARF.endpoint())) {
            assertThat(cloudWatch.listMetrics(r -> r.namespace(APP)).metrics())
                    .as("KCL 2 publishes its metrics under the application's name").isNotEmpty();
        }

        putAll("second-");
        Queue<Delivery> second = Kcl2Worker.deliveries();
        try (Kcl2Worker two = Kcl2Worker.start(WHARF.endpoint(), STREAM, APP, "worker-2", Retrieval.FAN_OUT, second)) {
            Streams.await(() -> second.size() >= RECORDS);
            two.shutdownGracefully();
        }
        assertThat(second).extracting(Delivery::data).as("only the records after the checkpoints, each once")
                .containsExactlyInAnyOrderElementsOf(numbered("second-"));
    }

    private static void putAll(String prefix) {
        try (KinesisClient kinesis = Clients.kinesis(WHARF.endpoint())) {
            for (int i = 0; i < RECORDS; i++) {
                Streams.put(kinesis, STREAM, "key-" + i, prefix + i);
            }
        }
    }

    private static List<String> numbered(String prefix) {
        return IntStream.range(0, RECORDS).mapToObj(i -> prefix + i).toList();
    }
}
