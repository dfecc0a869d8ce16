package io.wharf.kinesis.engine;

import io.wharf.protocol.AwsException;
import org.junit.jupiter.api.Test;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ReshardingTest extends EngineFixture {
    @Test
    void aParentClosedBeforeItsChildrenArePublishedIsNotYetAtItsEnd() {
        StreamRef ref = activeStream("race", 1);
        put(ref, "k", "x");
        Shard parent = engine.byRef.get(ref).shard(0);
        String iterator = engine.records().get(iterator(ref, "shardId-000000000000", "TRIM_HORIZON"), 10)
                .nextShardIterator();
        parent.lock.lock();
        try {
            parent.close(clock.millis()); // what a reshard does first, before Stream.setShards
        } finally {
            parent.lock.unlock();
        }
        Views.RecordsPage page = engine.records().get(iterator, 10);
        assertThat(page.nextShardIterator()).as("no end without ChildShards").isNotNull();
        assertThat(page.childShards()).isEmpty();
    }

    @Test
    void splitClosesTheParentAndReadersFollowToTheChildren() {
        StreamRef ref = activeStream("split", 1);
        put(ref, "k", "before");
        String half = BigInteger.ONE.shiftLeft(127).toString();
        engine.resharding().split(ref, "shardId-000000000000", half);
        assertThat(engine.summary(ref).status()).isEqualTo("UPDATING");
        List<Views.ShardView> shards = engine.describe(ref, 100, null).shards();
        assertThat(shards).hasSize(3);
        assertThat(shards.get(0).endingSequenceNumber()).isNotNull();
        assertThat(new BigInteger(shards.get(0).endingSequenceNumber()))
                .isGreaterThan(new BigInteger(shards.get(0).startingSequenceNumber()));
        assertThat(shards.get(1).parentShardId()).isEqualTo("shardId-000000000000");
        assertThat(shards.get(1).endingHashKey()).isEqualTo(new BigInteger(half).subtract(BigInteger.ONE).toString());
        assertThat(shards.get(2).startingHashKey()).isEqualTo(half);

        Views.RecordsPage page = engine.records().get(iterator(ref, "shardId-000000000000", "TRIM_HORIZON"), 100);
        assertThat(page.records()).hasSize(1);
        assertThat(page.nextShardIterator()).isNull();
        assertThat(page.childShards()).extracting(Views.ChildShardView::shardId)
                .containsExactly("shardId-000000000001", "shardId-000000000002");
        assertThat(page.childShards().get(0).parentShards()).containsExactly("shardId-000000000000");
        // a closed shard's LATEST iterator reads straight to the end (KCL's child discovery)
        assertThat(engine.records().get(iterator(ref, "shardId-000000000000", "LATEST"), 10).childShards()).hasSize(2);

        assertThatThrownBy(() -> engine.resharding().split(ref, "shardId-000000000001", "5"))
                .hasMessage("Stream split under account 123456789012 not ACTIVE, instead in state UPDATING");
        settle();
        assertThatThrownBy(() -> engine.resharding().split(ref, "shardId-000000000000", half)).hasMessage(
                "Shard shardId-000000000000 in stream split under account 123456789012 has already been merged or "
                        + "split, and thus is not eligible for merging or splitting.");
        assertThatThrownBy(() -> engine.resharding().split(ref, "shardId-000000000001", "1"))
                .extracting(e -> ((AwsException) e).type()).isEqualTo("InvalidArgumentException");
        assertThat(put(ref, "k", "after").shardId()).isIn("shardId-000000000001", "shardId-000000000002");
    }

    @Test
    void mergeNeedsAdjacentShards() {
        StreamRef ref = activeStream("merge", 3);
        assertThatThrownBy(() -> engine.resharding().merge(ref, "shardId-000000000000", "shardId-000000000002"))
                .hasMessage("Shards shardId-000000000000 and shardId-000000000002 in stream merge under account "
                        + "123456789012 are not an adjacent pair of shards eligible for merging");
        engine.resharding().merge(ref, "shardId-000000000001", "shardId-000000000002");
        Views.ShardView child = engine.describe(ref, 100, null).shards().get(3);
        assertThat(child.parentShardId()).isEqualTo("shardId-000000000001");
        assertThat(child.adjacentParentShardId()).isEqualTo("shardId-000000000002");
        assertThat(child.endingHashKey()).isEqualTo(HashKeys.MAX.toString());
    }

    @Test
    void updateShardCountKeepsLineageAndEvenRanges() {
        for (int[] counts : new int[][]{{4, 6}, {3, 5}, {6, 3}, {5, 4}, {2, 4}, {4, 2}, {1, 2}}) {
            StreamRef ref = activeStream("usc-" + counts[0] + "-" + counts[1], counts[0]);
            assertThat(engine.resharding().updateShardCount(ref, counts[1])).isEqualTo(counts[0]);
            settle();
            List<Views.ShardView> all = engine.describe(ref, 100, null).shards();
            List<Views.ShardView> open = all.stream().filter(s -> s.endingSequenceNumber() == null).toList();
            List<HashKeys.Range> expected = HashKeys.even(counts[1]);
            List<HashKeys.Range> actual = new ArrayList<>();
            open.stream().sorted((a, b) -> new BigInteger(a.startingHashKey()).compareTo(new BigInteger(b.startingHashKey())))
                    .forEach(s -> actual.add(new HashKeys.Range(new BigInteger(s.startingHashKey()),
                            new BigInteger(s.endingHashKey()))));
            assertThat(actual).as("%d -> %d", counts[0], counts[1]).isEqualTo(expected);
            Set<String> ids = new HashSet<>();
            all.forEach(s -> ids.add(s.shardId()));
            for (Views.ShardView s : all.subList(counts[0], all.size())) {
                assertThat(s.parentShardId()).as("every new shard has a parent").isIn(ids);
            }
        }
        StreamRef ref = activeStream("too-far", 2);
        assertThatThrownBy(() -> engine.resharding().updateShardCount(ref, 5))
                .extracting(e -> ((AwsException) e).type()).isEqualTo("InvalidArgumentException");
    }

    @Test
    void listShardsFiltersAndPages() {
        StreamRef ref = activeStream("ls", 2);
        engine.resharding().split(ref, "shardId-000000000000", BigInteger.ONE.shiftLeft(64).toString());
        settle();
        assertThat(engine.listShards(ref, null, null, 1000, null, null).shards()).hasSize(4);
        assertThat(engine.listShards(ref, null, null, 1000, null, new Shards.Filter("AT_LATEST", null, null)).shards())
                .extracting(Views.ShardView::shardId)
                .containsExactly("shardId-000000000001", "shardId-000000000002", "shardId-000000000003");
        assertThat(engine.listShards(ref, null, null, 1000, null, new Shards.Filter("AT_TRIM_HORIZON", null, null))
                .shards()).extracting(Views.ShardView::shardId)
                .containsExactly("shardId-000000000000", "shardId-000000000001");
        assertThat(engine.listShards(ref, null, null, 1000, null,
                new Shards.Filter("AFTER_SHARD_ID", "shardId-000000000001", null)).shards()).hasSize(2);
        Views.ShardPage first = engine.listShards(ref, null, null, 3, null, null);
        assertThat(first.shards()).hasSize(3);
        Views.ShardPage second = engine.listShards(null, first.nextToken(), null, 3, null, null);
        assertThat(second.shards()).extracting(Views.ShardView::shardId).containsExactly("shardId-000000000003");
        assertThat(second.nextToken()).isNull();
    }
}
