package io.wharf.it.crash;

import io.wharf.testkit.Clients;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.GetRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResultEntry;
import software.amazon.awssdk.services.kinesis.model.Record;
import software.amazon.awssdk.services.kinesis.model.ResourceInUseException;
import software.amazon.awssdk.services.kinesis.model.Shard;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;

import java.math.BigInteger;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Durability of Kinesis records through real crashes: Wharf runs as a child process with producers
 * sending PutRecord and PutRecords to a 3-shard stream; it is killed with SIGKILL at a random moment,
 * restarted on the same data directory, and the load resumes. Finally every shard is read from
 * TRIM_HORIZON. Invariants:
 * <ol>
 *   <li>every acknowledged record is there, on the shard and with the sequence number it was acknowledged with;</li>
 *   <li>each shard's sequence numbers strictly increase, and each producer's records of one partition key come
 *       back in the order they were acknowledged;</li>
 *   <li>no record appears that was never sent.</li>
 * </ol>
 * The seed is printed; replay a failure with {@code -Dcrash.seed=<seed>}.
 */
class KinesisCrashIT {
    private static final int ROUNDS = Integer.getInteger("crash.rounds", 4);

    @TempDir
    Path dataDir;

    /** data → where it was acknowledged */
    private final Map<String, Ack> acknowledged = new ConcurrentHashMap<>();
    private final Map<String, Boolean> attempted = new ConcurrentHashMap<>();
    private final AtomicLong sequence = new AtomicLong();

    private record Ack(String shardId, String sequenceNumber) {
    }

    @Test
    void acknowledgedRecordsSurviveKillNine() throws Exception {
        long seed = Long.getLong("crash.seed", System.nanoTime());
        System.out.println("KinesisCrashIT seed=" + seed + " (replay with -Dcrash.seed=" + seed + ")");
        Random random = new Random(seed);

        for (int round = 0; round < ROUNDS; round++) {
            try (WharfProcess wharf = WharfProcess.start(dataDir, "--kinesis-transition-ms", "0")) {
                KinesisClient kinesis = Clients.kinesis(wharf.endpoint());
                try {
                    kinesis.createStream(r -> r.streamName("crash").shardCount(3));
                } catch (ResourceInUseException e) {
                    // created in an earlier round
                }
                AtomicBoolean running = new AtomicBoolean(true);
                ExecutorService load = Executors.newVirtualThreadPerTaskExecutor();
                for (int p = 0; p < 4; p++) {
                    String producer = "r" + round + "p" + p;
                    load.submit(() -> produce(kinesis, producer, running));
                }
                long killAfterMillis = 300 + random.nextInt(1200);
                Thread.sleep(killAfterMillis);
                wharf.kill9();
                running.set(false);
                load.shutdown();
                assertThat(load.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
                kinesis.close();
                System.out.printf("round %d: killed pid %d after %d ms; acknowledged %d records%n",
                        round, wharf.pid(), killAfterMillis, acknowledged.size());
            }
        }

        Map<String, Ack> found = new HashMap<>();
        try (WharfProcess wharf = WharfProcess.start(dataDir)) {
            KinesisClient kinesis = Clients.kinesis(wharf.endpoint());
            for (Shard shard : kinesis.listShards(r -> r.streamName("crash")).shards()) {
                List<Record> records = readShard(kinesis, shard.shardId());
                BigInteger previous = BigInteger.valueOf(-1);
                for (Record record : records) {
                    BigInteger number = new BigInteger(record.sequenceNumber());
                    assertThat(number).as("sequence numbers increase on %s", shard.shardId()).isGreaterThan(previous);
                    previous = number;
                    String data = record.data().asUtf8String();
                    assertThat(attempted).as("record %s was sent", data).containsKey(data);
                    found.put(data, new Ack(shard.shardId(), record.sequenceNumber()));
                }
                checkProducerOrder(records);
            }
            kinesis.close();
            assertThat(wharf.terminate()).isIn(0, 143);
        }
        Map<String, Ack> lost = new HashMap<>();
        acknowledged.forEach((data, ack) -> {
            if (!ack.equals(found.get(data))) {
                lost.put(data, ack);
            }
        });
        assertThat(lost).as("acknowledged records missing or moved (seed " + seed + ")").isEmpty();
        assertThat(acknowledged).as("the load produced something to check").hasSizeGreaterThan(100);
    }

    /** Data is {@code <producer>/<key>/<n>}: per producer and key, n must increase along the shard. */
    private static void checkProducerOrder(List<Record> records) {
        Map<String, Long> last = new HashMap<>();
        for (Record record : records) {
            String[] parts = record.data().asUtf8String().split("/");
            String stream = parts[0] + "/" + parts[1];
            long n = Long.parseLong(parts[2]);
            Long before = last.put(stream, n);
            assertThat(before == null || before < n).as("order of %s", stream).isTrue();
        }
    }

    private void produce(KinesisClient kinesis, String producer, AtomicBoolean running) {
        Random random = new Random(producer.hashCode());
        while (running.get()) {
            try {
                if (random.nextInt(3) == 0) {
                    String key = "k" + random.nextInt(8);
                    String data = producer + "/" + key + "/" + sequence.incrementAndGet();
                    attempted.put(data, true);
                    var response = kinesis.putRecord(r -> r.streamName("crash").partitionKey(key)
                            .data(SdkBytes.fromUtf8String(data)));
                    acknowledged.put(data, new Ack(response.shardId(), response.sequenceNumber()));
                } else {
                    List<PutRecordsRequestEntry> entries = new ArrayList<>();
                    for (int i = 0; i < 20; i++) {
                        String key = "k" + random.nextInt(8);
                        String data = producer + "/" + key + "/" + sequence.incrementAndGet();
                        attempted.put(data, true);
                        entries.add(PutRecordsRequestEntry.builder().partitionKey(key)
                                .data(SdkBytes.fromUtf8String(data)).build());
                    }
                    List<PutRecordsResultEntry> results = kinesis.putRecords(r -> r.streamName("crash")
                            .records(entries)).records();
                    for (int i = 0; i < results.size(); i++) {
                        if (results.get(i).errorCode() == null) {
                            acknowledged.put(entries.get(i).data().asUtf8String(),
                                    new Ack(results.get(i).shardId(), results.get(i).sequenceNumber()));
                        }
                    }
                }
            } catch (SdkException e) {
                return; // the server died under us; unacknowledged records may or may not exist
            }
        }
    }

    private static List<Record> readShard(KinesisClient kinesis, String shardId) {
        List<Record> records = new ArrayList<>();
        String iterator = kinesis.getShardIterator(r -> r.streamName("crash").shardId(shardId)
                .shardIteratorType(ShardIteratorType.TRIM_HORIZON)).shardIterator();
        while (iterator != null) {
            String current = iterator;
            GetRecordsResponse page = kinesis.getRecords(r -> r.shardIterator(current));
            records.addAll(page.records());
            if (page.records().isEmpty() && page.millisBehindLatest() == 0) {
                break;
            }
            iterator = page.nextShardIterator();
        }
        return records;
    }
}
