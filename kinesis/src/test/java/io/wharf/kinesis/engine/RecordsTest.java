package io.wharf.kinesis.engine;

import io.wharf.protocol.AwsException;
import org.junit.jupiter.api.Test;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RecordsTest extends EngineFixture {
    private static final String SHARD0 = "shardId-000000000000";

    @Test
    void recordsComeBackInOrderWithIncreasingSequenceNumbers() {
        StreamRef ref = activeStream("s", 1);
        List<String> sequenceNumbers = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            sequenceNumbers.add(put(ref, "k" + i, "r" + i).sequenceNumber());
            clock.advance(Duration.ofMillis(700));
        }
        assertThat(sequenceNumbers).allMatch(n -> n.length() == 56)
                .isSortedAccordingTo((a, b) -> new BigInteger(a).compareTo(new BigInteger(b)));
        Views.RecordsPage page = engine.records().get(iterator(ref, SHARD0, "TRIM_HORIZON"), 5);
        assertThat(page.records()).extracting(Views.RecordView::sequenceNumber).isEqualTo(sequenceNumbers.subList(0, 5));
        assertThat(page.millisBehindLatest()).isEqualTo(15 * 700);
        assertThat(readAll(page.nextShardIterator())).hasSize(15).startsWith("r5").endsWith("r19");
    }

    @Test
    void routesByMd5AndExplicitHashKey() {
        StreamRef ref = activeStream("route", 3);
        assertThat(put(ref, "a", "x").shardId()).isEqualTo("shardId-000000000000"); // md5("a") < 2^128/3
        assertThat(putAt(ref, HashKeys.MAX.toString(), "y").shardId()).isEqualTo("shardId-000000000002");
        assertThat(putAt(ref, "113427455640312821154458202477256070485", "z").shardId())
                .isEqualTo("shardId-000000000001");
        assertThat(putAt(ref, "113427455640312821154458202477256070484", "z").shardId())
                .isEqualTo("shardId-000000000000"); // the last key of the first range
        assertThat(putAt(ref, "0", "z").shardId()).isEqualTo("shardId-000000000000");
        assertThatThrownBy(() -> putAt(ref, HashKeys.MAX.add(BigInteger.ONE).toString(), "w"))
                .hasMessageStartingWith("Invalid ExplicitHashKey. ExplicitHashKey must be in the range: [0, 2^128-1].");
    }

    @Test
    void iteratorTypes() {
        StreamRef ref = activeStream("it", 1);
        String first = put(ref, "k", "a").sequenceNumber();
        clock.advance(Duration.ofSeconds(10));
        long betweenMillis = clock.millis();
        String second = put(ref, "k", "b").sequenceNumber();
        String latest = iterator(ref, SHARD0, "LATEST");
        put(ref, "k", "c");
        assertThat(readAll(latest)).containsExactly("c");
        assertThat(readAll(engine.records().shardIterator(ref, SHARD0, "AT_SEQUENCE_NUMBER", second, null)))
                .containsExactly("b", "c");
        assertThat(readAll(engine.records().shardIterator(ref, SHARD0, "AFTER_SEQUENCE_NUMBER", first, null)))
                .containsExactly("b", "c");
        assertThat(readAll(engine.records().shardIterator(ref, SHARD0, "AT_TIMESTAMP", null, betweenMillis)))
                .containsExactly("b", "c");
        String start = engine.describe(ref, 10, null).shards().get(0).startingSequenceNumber();
        assertThat(readAll(engine.records().shardIterator(ref, SHARD0, "AT_SEQUENCE_NUMBER", start, null)))
                .containsExactly("a", "b", "c");
        assertThatThrownBy(() -> engine.records().shardIterator(ref, SHARD0, "AT_TIMESTAMP", null, clock.millis() + 5000))
                .hasMessageStartingWith("The timestampInMillis parameter cannot be greater than the currentTimestampInMillis.");
        assertThatThrownBy(() -> engine.records().shardIterator(ref, SHARD0, "LATEST", first, null)).hasMessage(
                "Must either specify (1) AT_SEQUENCE_NUMBER or AFTER_SEQUENCE_NUMBER and StartingSequenceNumber or (2) "
                        + "TRIM_HORIZON or LATEST and no StartingSequenceNumber. Request specified LATEST and also a "
                        + "StartingSequenceNumber.");
        assertThatThrownBy(() -> iterator(ref, "shardId-000000000009", "LATEST"))
                .hasMessage("Shard shardId-000000000009 in stream it under account 123456789012 does not exist");
    }

    @Test
    void sequenceNumbersOfAnotherShardAreRefused() {
        StreamRef ref = activeStream("two", 2);
        String onShard1 = putAt(ref, HashKeys.MAX.toString(), "x").sequenceNumber();
        assertThatThrownBy(() -> engine.records().shardIterator(ref, SHARD0, "AT_SEQUENCE_NUMBER", onShard1, null))
                .hasMessage("Invalid StartingSequenceNumber. It encodes shardId-000000000001, while it was used in a call "
                        + "to a shard with shardId-000000000000");
        assertThatThrownBy(() -> engine.records().shardIterator(ref, SHARD0, "AT_SEQUENCE_NUMBER", "12345", null))
                .hasMessage("StartingSequenceNumber 12345 used in GetShardIterator on shard shardId-000000000000 in "
                        + "stream two under account 123456789012 is invalid.");
    }

    @Test
    void iteratorsExpireAfterFiveMinutesAndRejectTampering() {
        StreamRef ref = activeStream("exp", 1);
        String it = iterator(ref, SHARD0, "TRIM_HORIZON");
        assertThat(Base64.getDecoder().decode(it)).startsWith(0, 0, 0, 0, 0, 0, 0, 1);
        assertThatThrownBy(() -> engine.records().get(it.substring(0, it.length() - 4) + "AAAA", 10))
                .hasMessage("Invalid ShardIterator.");
        clock.advance(Duration.ofMillis(300_001));
        assertThatThrownBy(() -> engine.records().get(it, 10))
                .matches(e -> ((AwsException) e).type().equals("ExpiredIteratorException"))
                .hasMessageMatching("Iterator expired\\. The iterator was created at time \\w{3} \\w{3} \\d{2} "
                        + "\\d{2}:\\d{2}:\\d{2} UTC \\d{4} while right now it is .* which is further in the future than "
                        + "the tolerated delay of 300000 milliseconds\\.");
    }

    @Test
    void retentionReallyExpiresRecords() {
        StreamRef ref = activeStream("ret", 1);
        put(ref, "k", "old");
        clock.advance(Duration.ofHours(23));
        put(ref, "k", "young");
        clock.advance(Duration.ofHours(2));
        assertThat(readAll(iterator(ref, SHARD0, "TRIM_HORIZON"))).containsExactly("young");
        engine.maintain();
        assertThat(store.get(engine.layout.records, KinesisStoreLayout.recordKey(1, 0, 1))).isNull();
        assertThat(store.get(engine.layout.records, KinesisStoreLayout.recordKey(1, 0, 2))).isNotNull();
        clock.advance(Duration.ofHours(23));
        engine.maintain();
        restart();
        assertThat(readAll(iterator(ref, SHARD0, "TRIM_HORIZON"))).isEmpty();
        String next = put(ref, "k", "after").sequenceNumber();
        assertThat(SequenceNumbers.parse(next).counter()).isEqualTo(3); // never reused after a full trim
    }

    /**
     * A restart rebuilds a shard's index from its first and last stored arrivals, its newest blocks and one arrival per
     * superblock, not from every record: records missing from the store (batches that failed to be written) in the
     * older part, in the newest part and at the end change nothing of what a search by time finds, and the next
     * record follows the last one stored.
     */
    @Test
    void aRestartRebuildsTheIndexAcrossRecordsMissingFromTheStore() {
        StreamRef ref = activeStream("gaps", 1);
        int records = ArrivalIndex.SUPERBLOCK * ArrivalIndex.BLOCK + 9 * ArrivalIndex.BLOCK;
        long[] at = new long[records + 1]; // by counter
        long firstCounter = -1;
        for (int i = 1; i <= records; i++) {
            at[i] = clock.millis();
            long counter = SequenceNumbers.parse(put(ref, "k", "r" + i).sequenceNumber()).counter();
            if (firstCounter < 0) {
                firstCounter = counter;
            }
            assertThat(counter).isEqualTo(firstCounter + i - 1);
            clock.advance(Duration.ofMillis(i % 2));
        }
        java.util.TreeSet<Integer> missing = new java.util.TreeSet<>();
        for (int i = 200; i <= 700; i++) {
            missing.add(i); // across block boundaries, in the older part
        }
        missing.addAll(List.of(records - 600, records - 2, records - 1, records)); // the newest part, and the end
        io.wharf.storage.WriteBatch batch = new io.wharf.storage.WriteBatch();
        for (int i : missing) {
            byte[] key = KinesisStoreLayout.recordKey(1, 0, firstCounter + i - 1);
            batch.delete(engine.layout.records, key).delete(engine.layout.arrivals, key);
        }
        store.commit(batch);
        restart();
        for (int i : new int[] {1, 199, 200, 450, 700, 701, 5_000, records - 601, records - 600, records - 599,
                records - 3, records - 2}) {
            int first = 1; // the first stored record that arrived at or after record i
            while (first <= records && (missing.contains(first) || at[first] < at[i])) {
                first++;
            }
            List<String> read = readAll(engine.records().shardIterator(ref, SHARD0, "AT_TIMESTAMP", null, at[i]));
            if (first > records) {
                assertThat(read).as("at record %d", i).isEmpty();
            } else {
                int stored = records - first + 1 - missing.tailSet(first).size();
                assertThat(read).as("at record %d", i).hasSize(stored).first().isEqualTo("r" + first);
            }
        }
        long next = SequenceNumbers.parse(put(ref, "k", "after").sequenceNumber()).counter();
        assertThat(next).as("after the last stored record").isEqualTo(firstCounter + records - 3);
    }

    /**
     * Beyond a few blocks, a shard's index keeps only one arrival per superblock of blocks in memory: searches by time
     * in older blocks (AT_TIMESTAMP, retention) read the store, before and after a restart.
     */
    @Test
    void oldRecordsAreFoundByTimeThroughTheStore() {
        StreamRef ref = activeStream("cold", 1);
        int superblock = ArrivalIndex.SUPERBLOCK * ArrivalIndex.BLOCK;
        int records = 2 * superblock + 12 * ArrivalIndex.BLOCK;
        long[] at = new long[records];
        for (int i = 0; i < records; i++) {
            at[i] = clock.millis();
            put(ref, "k", "r" + i);
            clock.advance(Duration.ofMillis(i % 3 == 0 ? 1 : 0));
        }
        for (int round = 0; round < 2; round++) {
            Shard shard = engine.find(ref, clock.millis()).shards.get(0);
            assertThat(shard.arrivals.coldBlocks()).as("round %d", round).isGreaterThan(4);
            for (int i : new int[] {0, 1, 300, 301, 1_000, 2_000, superblock - 1, superblock, superblock + 1,
                    2 * superblock + 5}) {
                int first = i;
                while (first > 0 && at[first - 1] == at[i]) {
                    first--;
                }
                List<String> read = readAll(engine.records().shardIterator(ref, SHARD0, "AT_TIMESTAMP", null, at[i]));
                assertThat(read).as("round %d, at record %d", round, i).hasSize(records - first)
                        .first().isEqualTo("r" + first);
            }
            restart();
        }
        int keepFrom = 1_500; // retention drops the records before it, from a cold block
        clock.advance(Duration.ofHours(24).minusMillis(clock.millis() - at[keepFrom]));
        engine.maintain();
        List<String> left = readAll(iterator(ref, SHARD0, "TRIM_HORIZON"));
        assertThat(left.getFirst()).isIn("r" + keepFrom, "r" + (keepFrom - 1), "r" + (keepFrom - 2), "r" + (keepFrom + 1));
        assertThat(left.getLast()).isEqualTo("r" + (records - 1));
        assertThat(store.get(engine.layout.records, KinesisStoreLayout.recordKey(1, 0, 1))).isNull();
    }

    @Test
    void getRecordsHonoursTheByteCap() {
        StreamRef ref = activeStream("big", 1);
        engine.updateMaxRecordSize(ref, 4096);
        byte[] threeMiB = new byte[3 * 1024 * 1024];
        for (int i = 0; i < 5; i++) {
            engine.records().put(ref, List.of(new Views.PutEntry(threeMiB, "k", null)), "data");
        }
        Views.RecordsPage page = engine.records().get(iterator(ref, SHARD0, "TRIM_HORIZON"), 10_000);
        assertThat(page.records()).hasSize(3);
        assertThat(engine.records().get(page.nextShardIterator(), 10_000).records()).hasSize(2);
        assertThatThrownBy(() -> engine.records().put(ref, List.of(new Views.PutEntry(new byte[4096 * 1024], "k", null)),
                "records.%d.member.data")).hasMessage("1 validation error detected: Value "
                + "'java.nio.HeapByteBuffer[pos=0 lim=4194304 cap=4194304]' at 'records.1.member.data' failed to satisfy "
                + "constraint: Member must have length less than or equal to 4194303");
    }

    @Test
    void concurrentWritersKeepPerShardOrder() throws Exception {
        StreamRef ref = activeStream("conc", 2);
        List<Thread> writers = new ArrayList<>();
        for (int w = 0; w < 4; w++) {
            int writer = w;
            writers.add(Thread.ofVirtual().start(() -> {
                for (int i = 0; i < 200; i++) {
                    engine.records().put(ref, List.of(new Views.PutEntry(("w" + writer + "-" + i).getBytes(
                            StandardCharsets.UTF_8), "w" + writer, null), new Views.PutEntry(new byte[0], "x" + i, null)),
                            "records.%d.member.data");
                }
            }));
        }
        for (Thread t : writers) {
            t.join();
        }
        int total = 0;
        for (String shard : List.of(SHARD0, "shardId-000000000001")) {
            List<String> data = readAll(iterator(ref, shard, "TRIM_HORIZON"));
            total += data.size();
            for (int w = 0; w < 4; w++) {
                String prefix = "w" + w + "-";
                List<Integer> mine = data.stream().filter(d -> d.startsWith(prefix))
                        .map(d -> Integer.parseInt(d.substring(prefix.length()))).toList();
                assertThat(mine).isSorted();
            }
        }
        assertThat(total).isEqualTo(1600);
    }
}
