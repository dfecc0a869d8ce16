package io.wharf.kinesis.engine;

import io.wharf.kinesis.KinesisSettings;
import org.junit.jupiter.api.Test;

import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** On-demand streams split hot shards after a window of load (10 s here), on a manual clock. */
class OnDemandScalingTest extends EngineFixture {
    private static final long WINDOW = 10_000;
    private static final int MIB = 1024 * 1024;
    /** A hash key in each of the four initial shards' ranges. */
    private static final List<String> KEYS = HashKeys.even(4).stream().map(r -> r.start().toString()).toList();

    @Override
    KinesisSettings settings() {
        return SETTINGS.withOnDemandScaling(new KinesisSettings.OnDemandScaling(WINDOW, 50));
    }

    private StreamRef onDemandStream(String name) {
        StreamRef ref = ref(name);
        engine.createStream(ref, null, null, Map.of(), null, null);
        settle();
        return ref;
    }

    /** Writes {@code mebibytes} MiB (one record per MiB) at {@code hashKey}. */
    private void write(StreamRef ref, String hashKey, int mebibytes) {
        for (int i = 0; i < mebibytes; i++) {
            engine.records().put(ref, List.of(new Views.PutEntry(new byte[MIB - 1], "k", hashKey)), "data");
        }
    }

    private List<Views.ShardView> shards(StreamRef ref) {
        return engine.describe(ref, 10_000, null).shards();
    }

    private static List<String> open(List<Views.ShardView> shards) {
        return shards.stream().filter(s -> s.endingSequenceNumber() == null).map(Views.ShardView::shardId).toList();
    }

    @Test
    void aShardAboveHalfItsCapacityForAWindowSplitsInTwo() {
        StreamRef ref = onDemandStream("hot");
        assertThat(shards(ref)).hasSize(4);
        write(ref, KEYS.get(0), 6); // 6 MiB in 10 s: 60 % of 1 MiB/s
        write(ref, KEYS.get(1), 4); // 40 %: stays
        clock.advance(Duration.ofMillis(WINDOW - TRANSITION));
        Views.PutResult trigger = putAt(ref, KEYS.get(2), "the write that ends the window");
        assertThat(trigger.shardId()).isEqualTo("shardId-000000000002");

        List<Views.ShardView> shards = shards(ref);
        assertThat(shards).hasSize(6);
        assertThat(open(shards)).containsExactly("shardId-000000000001", "shardId-000000000002", "shardId-000000000003",
                "shardId-000000000004", "shardId-000000000005");
        assertThat(shards.get(0).endingSequenceNumber()).isNotNull();
        BigInteger start = new BigInteger(shards.get(0).startingHashKey());
        BigInteger end = new BigInteger(shards.get(0).endingHashKey());
        BigInteger middle = start.add(end).add(BigInteger.ONE).shiftRight(1);
        assertThat(shards.get(4)).satisfies(child -> {
            assertThat(child.parentShardId()).isEqualTo("shardId-000000000000");
            assertThat(child.startingHashKey()).isEqualTo(start.toString());
            assertThat(child.endingHashKey()).isEqualTo(middle.subtract(BigInteger.ONE).toString());
        });
        assertThat(shards.get(5)).satisfies(child -> {
            assertThat(child.parentShardId()).isEqualTo("shardId-000000000000");
            assertThat(child.startingHashKey()).isEqualTo(middle.toString());
            assertThat(child.endingHashKey()).isEqualTo(end.toString());
        });
        Views.StreamView summary = engine.summary(ref);
        assertThat(summary.status()).as("AWS scales without UPDATING").isEqualTo("ACTIVE");
        assertThat(summary.openShardCount()).isEqualTo(5);

        // readers of the parent reach its end and find the children, as after SplitShard
        String parent = iterator(ref, "shardId-000000000000", "TRIM_HORIZON");
        assertThat(readAll(parent)).hasSize(6);
        Views.RecordsPage end0 = engine.records().get(iterator(ref, "shardId-000000000000", "LATEST"), 10);
        assertThat(end0.nextShardIterator()).isNull();
        assertThat(end0.childShards()).extracting(Views.ChildShardView::shardId)
                .containsExactly("shardId-000000000004", "shardId-000000000005");
        assertThat(putAt(ref, KEYS.get(0), "after").shardId()).isEqualTo("shardId-000000000004");

        restart();
        assertThat(shards(ref)).hasSize(6);
        assertThat(open(shards(ref))).hasSize(5);
    }

    @Test
    void recordsCountAsWellAsBytes() {
        StreamRef ref = onDemandStream("many");
        List<Views.PutEntry> small = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            small.add(new Views.PutEntry(new byte[1], "k", KEYS.get(3)));
        }
        for (int i = 0; i < 10; i++) { // 5,000 records in 10 s: 50 % of 1,000 records/s
            engine.records().put(ref, small, "records.%d.member.data");
        }
        clock.advance(Duration.ofMillis(WINDOW - TRANSITION)); // the window began with the stream
        putAt(ref, KEYS.get(0), "trigger");
        assertThat(open(shards(ref))).containsExactly("shardId-000000000000", "shardId-000000000001",
                "shardId-000000000002", "shardId-000000000004", "shardId-000000000005");
    }

    @Test
    void sustainedLoadKeepsDoubling() {
        StreamRef ref = onDemandStream("grow");
        write(ref, KEYS.get(0), 10);
        clock.advance(Duration.ofMillis(WINDOW));
        putAt(ref, KEYS.get(1), "trigger");
        assertThat(open(shards(ref))).hasSize(5);
        // the same 1 MiB/s now spreads over the two children: each at 50 %, both split
        for (int i = 0; i < 5; i++) {
            write(ref, shards(ref).get(4).startingHashKey(), 1);
            write(ref, shards(ref).get(5).startingHashKey(), 1);
        }
        clock.advance(Duration.ofMillis(WINDOW));
        putAt(ref, KEYS.get(1), "trigger");
        List<Views.ShardView> shards = shards(ref);
        assertThat(open(shards)).hasSize(7);
        assertThat(shards.subList(6, 10)).extracting(Views.ShardView::parentShardId)
                .containsExactly("shardId-000000000004", "shardId-000000000004", "shardId-000000000005",
                        "shardId-000000000005");
        // and a quiet window changes nothing: never scales down
        clock.advance(Duration.ofMillis(WINDOW));
        putAt(ref, KEYS.get(1), "quiet");
        assertThat(open(shards(ref))).hasSize(7);
    }

    @Test
    void beforeTheWindowEndsNothingChanges() {
        StreamRef ref = onDemandStream("early");
        write(ref, KEYS.get(0), 8);
        clock.advance(Duration.ofMillis(WINDOW - TRANSITION - 1));
        putAt(ref, KEYS.get(1), "too early");
        assertThat(shards(ref)).hasSize(4);
        clock.advance(Duration.ofMillis(1));
        putAt(ref, KEYS.get(1), "now");
        assertThat(shards(ref)).hasSize(6);
    }

    @Test
    void theShardQuotaCapsScalingHottestFirst() {
        engine.close();
        engine = new KinesisEngine(store, clock, settings().withShardLimit(5), MASTER_KEY);
        StreamRef ref = onDemandStream("capped");
        write(ref, KEYS.get(0), 6);
        write(ref, KEYS.get(1), 8);
        clock.advance(Duration.ofMillis(WINDOW));
        putAt(ref, KEYS.get(2), "trigger");
        List<Views.ShardView> shards = shards(ref);
        assertThat(open(shards)).containsExactly("shardId-000000000000", "shardId-000000000002",
                "shardId-000000000003", "shardId-000000000004", "shardId-000000000005");
        assertThat(shards.get(4).parentShardId()).isEqualTo("shardId-000000000001");
    }

    @Test
    void provisionedStreamsAndScalingOffKeepTheirShards() {
        StreamRef provisioned = activeStream("fixed", 4);
        write(provisioned, KEYS.get(0), 10);
        clock.advance(Duration.ofMillis(WINDOW));
        putAt(provisioned, KEYS.get(0), "trigger");
        assertThat(shards(provisioned)).hasSize(4);

        engine.close();
        engine = new KinesisEngine(store, clock, SETTINGS.withOnDemandScaling(KinesisSettings.OnDemandScaling.OFF),
                MASTER_KEY);
        StreamRef ref = onDemandStream("off");
        write(ref, KEYS.get(0), 10);
        clock.advance(Duration.ofMillis(WINDOW));
        putAt(ref, KEYS.get(0), "trigger");
        assertThat(shards(ref)).hasSize(4);
    }
}
