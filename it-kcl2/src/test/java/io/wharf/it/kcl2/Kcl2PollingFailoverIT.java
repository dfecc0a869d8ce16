package io.wharf.it.kcl2;

import io.wharf.it.kcl2.Kcl2Worker.Delivery;
import io.wharf.it.kcl2.Kcl2Worker.Retrieval;
import io.wharf.testkit.Clients;
import io.wharf.testkit.WharfServerExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.kinesis.KinesisClient;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Queue;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two KCL 2.7.2 workers reading by polling (GetRecords) share a four-shard Wharf stream through their lease table on
 * Wharf's DynamoDB — the second steals leases from the first until each holds half. When the first is killed (its
 * connections closed: no lease released, no last checkpoint) the survivor takes over its leases once they expire and
 * reads every record put after the kill, once; every record put before was read too.
 */
class Kcl2PollingFailoverIT {
    @RegisterExtension
    static final WharfServerExtension WHARF = WharfServerExtension.builder().build();

    static final String STREAM = "kcl2-failover";
    static final String APP = "kcl2-failover-app";
    static final List<String> SHARDS = List.of("shardId-000000000000", "shardId-000000000001",
            "shardId-000000000002", "shardId-000000000003");
    static final int AFTER = 80;

    @Test
    void pollingWorkersShareTheShardsAndTheSurvivorTakesOverAfterAKill() throws Exception {
        Streams.create(WHARF.endpoint(), STREAM, SHARDS.size());
        Queue<Delivery> delivered = Kcl2Worker.deliveries();
        int before = 0;
        try (KinesisClient kinesis = Clients.kinesis(WHARF.endpoint());
             Kcl2Worker a = Kcl2Worker.start(WHARF.endpoint(), STREAM, APP, "worker-a", Retrieval.POLLING,
                     delivered)) {
            Instant deadline = Instant.now().plus(Duration.ofMinutes(2));
            for (; delivered.isEmpty() && Instant.now().isBefore(deadline); before++) {
                Streams.put(kinesis, STREAM, "key-" + before, "before-" + before);
                Thread.sleep(100);
            }
            assertThat(workersSeen(delivered)).as("worker-a reads").containsExactly("worker-a");
            try (Kcl2Worker b = Kcl2Worker.start(WHARF.endpoint(), STREAM, APP, "worker-b", Retrieval.POLLING,
                    delivered)) {
                // worker-b takes leases from worker-a until both hold two; it reads once it holds one
                for (; workersSeen(delivered).size() < 2 && Instant.now().isBefore(deadline); before++) {
                    Streams.put(kinesis, STREAM, "key-" + before, "before-" + before);
                    Thread.sleep(100);
                }
                assertThat(workersSeen(delivered)).as("both workers hold leases")
                        .containsExactlyInAnyOrder("worker-a", "worker-b");
                Set<String> shardsOfA = delivered.stream().filter(d -> d.worker().equals("worker-a"))
                        .map(Delivery::shardId).collect(Collectors.toSet());

                a.kill();
                for (int i = 0; i < AFTER; i++) {
                    Streams.put(kinesis, STREAM, "key-" + i, "after-" + i);
                }
                Streams.await(() -> afterKill(delivered).size() >= AFTER);
                List<Delivery> afterKill = afterKill(delivered);
                assertThat(afterKill).extracting(Delivery::data).as("every record put after the kill, each once")
                        .containsExactlyInAnyOrderElementsOf(numbered("after-", AFTER));
                assertThat(afterKill).extracting(Delivery::worker).containsOnly("worker-b");
                assertThat(afterKill.stream().map(Delivery::shardId).collect(Collectors.toSet()))
                        .as("from every shard, worker-a's included").containsAll(shardsOfA)
                        .containsExactlyInAnyOrderElementsOf(SHARDS);
                b.shutdownGracefully();
            }
        }
        assertThat(delivered.stream().map(Delivery::data).filter(d -> d.startsWith("before-")).distinct())
                .as("every record put before the kill was read (a killed worker's last batch may be read again)")
                .containsExactlyInAnyOrderElementsOf(numbered("before-", before));
        try (var ddb = Clients.dynamoDb(WHARF.endpoint())) {
            var leases = ddb.scan(r -> r.tableName(APP)).items();
            assertThat(leases).extracting(l -> l.get("leaseKey").s()).containsExactlyInAnyOrderElementsOf(SHARDS);
            assertThat(leases).extracting(l -> l.get("leaseOwner").s()).as("all with the survivor")
                    .containsOnly("worker-b");
        }
    }

    private static Set<String> workersSeen(Queue<Delivery> delivered) {
        return delivered.stream().map(Delivery::worker).collect(Collectors.toSet());
    }

    private static List<Delivery> afterKill(Queue<Delivery> delivered) {
        return delivered.stream().filter(d -> d.data().startsWith("after-")).toList();
    }

    private static List<String> numbered(String prefix, int count) {
        return IntStream.range(0, count).mapToObj(i -> prefix + i).toList();
    }
}
