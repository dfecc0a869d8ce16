package io.wharf.it.kcl;

import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import io.wharf.it.kcl.KclWorker.Delivery;
import io.wharf.testkit.Clients;
import io.wharf.testkit.WharfServerExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.kinesis.KinesisClient;

import java.util.Queue;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * KCL 3.5.1 (default configuration, enhanced fan-out) checkpoints on Wharf's DynamoDB: a worker reads the first records
 * of a two-shard stream and is shut down; a new worker of the same application starts from the checkpoints, so it is
 * given every later record and none of the earlier ones.
 */
@Execution(ExecutionMode.CONCURRENT)
class KclCheckpointRestartIT {
    @RegisterExtension
    static final WharfServerExtension WHARF = WharfServerExtension.builder().build();

    @Test
    void aNewWorkerResumesAfterTheCheckpoints() throws Exception {
        String stream = "kcl-restart";
        String app = "kcl-restart-app";
        KclWorker.createStream(WHARF.endpoint(), stream, 2);
        try (KinesisClient kinesis = Clients.kinesis(WHARF.endpoint())) {
            for (int i = 0; i < 30; i++) {
                KclWorker.put(kinesis, stream, "key-" + i, "first-" + i);
            }
        }
        Queue<Delivery> first = KclWorker.deliveries();
        KclWorker one = KclWorker.start(WHARF.endpoint(), stream, app, "worker-1", first);
        KclWorker.await(() -> first.size() >= 30);
        one.shutdownGracefully();
        assertThat(first).extracting(Delivery::data).containsExactlyInAnyOrderElementsOf(
                IntStream.range(0, 30).mapToObj(i -> "first-" + i).toList());

        try (KinesisClient kinesis = Clients.kinesis(WHARF.endpoint())) {
            for (int i = 0; i < 30; i++) {
                KclWorker.put(kinesis, stream, "key-" + i, "second-" + i);
            }
        }
        Queue<Delivery> second = KclWorker.deliveries();
        try (KclWorker two = KclWorker.start(WHARF.endpoint(), stream, app, "worker-2", second)) {
            KclWorker.await(() -> second.size() >= 30);
            two.shutdownGracefully();
        }
        assertThat(second).extracting(Delivery::data).as("only the records after the checkpoints, each once")
                .containsExactlyInAnyOrderElementsOf(IntStream.range(0, 30).mapToObj(i -> "second-" + i).toList());
        assertThat(second).extracting(Delivery::shardId).containsOnly("shardId-000000000000", "shardId-000000000001");
    }
}
