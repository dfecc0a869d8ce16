package io.wharf.it.kcl;

import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import io.wharf.it.kcl.KclWorker.Delivery;
import io.wharf.testkit.Clients;
import io.wharf.testkit.WharfServerExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.Shard;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * KCL 3.5.1 (default configuration, enhanced fan-out) follows a split and then a merge of a two-shard Wharf stream
 * while it consumes: every record is delivered, and for each partition key in the order it was put — a child shard is
 * read only after its parents are drained.
 */
@Execution(ExecutionMode.CONCURRENT)
class KclReshardIT {
    @RegisterExtension
    static final WharfServerExtension WHARF = WharfServerExtension.builder().build();

    static final int KEYS = 16;

    @Test
    void splitAndMergeAreFollowedInOrderWithNothingLost() throws Exception {
        String stream = "kcl-reshard";
        String app = "kcl-reshard-app";
        KclWorker.createStream(WHARF.endpoint(), stream, 2);
        Queue<Delivery> delivered = KclWorker.deliveries();
        Map<String, Integer> next = new LinkedHashMap<>();
        try (KinesisClient kinesis = Clients.kinesis(WHARF.endpoint());
             KclWorker worker = KclWorker.start(WHARF.endpoint(), stream, app, "worker-1", delivered)) {
            putRound(kinesis, stream, next);
            KclWorker.await(() -> delivered.size() >= 3 * KEYS);

            Shard first = kinesis.listShards(r -> r.streamName(stream)).shards().getFirst();
            BigInteger start = new BigInteger(first.hashKeyRange().startingHashKey());
            BigInteger end = new BigInteger(first.hashKeyRange().endingHashKey());
            kinesis.splitShard(r -> r.streamName(stream).shardToSplit(first.shardId())
                    .newStartingHashKey(start.add(end).shiftRight(1).toString()));
            KclWorker.awaitActive(kinesis, stream);
            putRound(kinesis, stream, next);

            List<Shard> open = kinesis.listShards(r -> r.streamName(stream)).shards().stream()
                    .filter(s -> s.sequenceNumberRange().endingSequenceNumber() == null)
                    .sorted((x, y) -> new BigInteger(x.hashKeyRange().startingHashKey())
                            .compareTo(new BigInteger(y.hashKeyRange().startingHashKey())))
                    .toList();
            assertThat(open).hasSize(3);
            kinesis.mergeShards(r -> r.streamName(stream).shardToMerge(open.get(1).shardId())
                    .adjacentShardToMerge(open.get(2).shardId()));
            KclWorker.awaitActive(kinesis, stream);
            putRound(kinesis, stream, next);

            int total = next.values().stream().mapToInt(Integer::intValue).sum();
            KclWorker.await(() -> delivered.size() >= total);
            worker.shutdownGracefully();
        }
        assertThat(delivered.stream().map(Delivery::shardId).distinct().count())
                .as("records came from parents and children (2 + 2 from the split + 1 from the merge)").isEqualTo(5);
        for (var entry : next.entrySet()) {
            String key = entry.getKey();
            List<String> seen = new ArrayList<>(delivered.stream().map(Delivery::data)
                    .filter(d -> d.startsWith(key + "/")).toList());
            assertThat(seen).as("key %s: every record, in the order put, once", key).containsExactlyElementsOf(
                    IntStream.range(0, entry.getValue()).mapToObj(i -> key + "/" + i).toList());
        }
    }

    /** Three records for each key, numbered per key. */
    private static void putRound(KinesisClient kinesis, String stream, Map<String, Integer> next) {
        for (int round = 0; round < 3; round++) {
            for (int k = 0; k < KEYS; k++) {
                String key = "key-" + k;
                int n = next.merge(key, 1, Integer::sum) - 1;
                KclWorker.put(kinesis, stream, key, key + "/" + n);
            }
        }
    }
}
