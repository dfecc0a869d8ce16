package io.wharf.it.kcl;

import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import io.wharf.it.kcl.KclWorker.Delivery;
import io.wharf.testkit.Clients;
import io.wharf.testkit.WharfServerExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.kinesis.KinesisClient;

import java.util.List;
import java.util.Queue;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two KCL 3.5.1 workers of one application share a four-shard Wharf stream through the lease table on Wharf's
 * DynamoDB; when one is killed (its connections closed, no lease released, no final checkpoint) the other takes over
 * its leases once they expire and reads every record put after the kill.
 */
@Execution(ExecutionMode.CONCURRENT)
class KclFailoverIT {
    @RegisterExtension
    static final WharfServerExtension WHARF = WharfServerExtension.builder().build();

    static final List<String> SHARDS = List.of("shardId-000000000000", "shardId-000000000001",
            "shardId-000000000002", "shardId-000000000003");

    @Test
    void theSurvivorTakesOverTheKilledWorkersShards() throws Exception {
        String stream = "kcl-failover";
        String app = "kcl-failover-app";
        KclWorker.createStream(WHARF.endpoint(), stream, 4);
        Queue<Delivery> delivered = KclWorker.deliveries();
        try (KinesisClient kinesis = Clients.kinesis(WHARF.endpoint());
             KclWorker a = KclWorker.startLoadReporting(WHARF.endpoint(), stream, app, "worker-a", delivered)) {
            // KCL 3.5.1's first start races when two workers create the application's migration state at once (the
            // loser fails its initialisation and gives up): worker-b starts once worker-a reads.
            int n = 0;
            for (; n < 500 && delivered.isEmpty(); n++) {
                KclWorker.put(kinesis, stream, "key-" + n, "before-" + n);
                Thread.sleep(50);
            }
            try (KclWorker b = KclWorker.startLoadReporting(WHARF.endpoint(), stream, app, "worker-b",
                    delivered)) {
                // KCL 3 moves leases away from workers above the fleet's average utilisation: worker-a, holding all
                // four shards, reports more CPU than worker-b, so some of its leases go to worker-b.
                for (; n < 2_000 && workersSeen(delivered).size() < 2; n++) {
                    KclWorker.put(kinesis, stream, "key-" + n, "before-" + n);
                    Thread.sleep(50);
                }
                assertThat(workersSeen(delivered)).as("both workers hold leases").containsExactlyInAnyOrder(
                        "worker-a", "worker-b");
                Set<String> shardsOfA = delivered.stream().filter(d -> d.worker().equals("worker-a"))
                        .map(Delivery::shardId).collect(Collectors.toSet());

                a.kill();
                int after = 80;
                for (int i = 0; i < after; i++) {
                    KclWorker.put(kinesis, stream, "key-" + i, "after-" + i);
                }
                KclWorker.await(() -> delivered.stream().filter(d -> d.data().startsWith("after-")).count() >= after);

                List<Delivery> afterKill = delivered.stream().filter(d -> d.data().startsWith("after-")).toList();
                assertThat(afterKill).extracting(Delivery::data).as("every record put after the kill, each once")
                        .containsExactlyInAnyOrderElementsOf(IntStream.range(0, after).mapToObj(i -> "after-" + i)
                                .toList());
                assertThat(afterKill).extracting(Delivery::worker).containsOnly("worker-b");
                assertThat(afterKill.stream().map(Delivery::shardId).collect(Collectors.toSet()))
                        .as("including the shards worker-a held").containsAll(shardsOfA)
                        .containsExactlyInAnyOrderElementsOf(SHARDS);
                b.shutdownGracefully();
            }
        }
        try (var ddb = Clients.dynamoDb(WHARF.endpoint())) {
            var leases = ddb.scan(r -> r.tableName(app)).items().stream()
                    .filter(i -> i.containsKey("checkpoint")).toList();
            assertThat(leases).extracting(l -> l.get("leaseKey").s()).containsExactlyInAnyOrderElementsOf(SHARDS);
        }
    }

    private static Set<String> workersSeen(Queue<Delivery> delivered) {
        return delivered.stream().map(Delivery::worker).collect(Collectors.toSet());
    }
}
