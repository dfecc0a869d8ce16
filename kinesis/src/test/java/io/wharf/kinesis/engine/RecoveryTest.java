package io.wharf.kinesis.engine;

import org.junit.jupiter.api.Test;

import java.math.BigInteger;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** A restart on the same store brings back streams, shard lineage, records with their numbers, and settings. */
class RecoveryTest extends EngineFixture {
    @Test
    void everythingComesBackAfterARestart() {
        StreamRef ref = activeStream("r", 1);
        engine.addTags(ref, Map.of("team", "wharf"));
        engine.increaseRetention(ref, 48);
        List<String> before = List.of(put(ref, "a", "1").sequenceNumber(), put(ref, "b", "2").sequenceNumber());
        String iterator = iterator(ref, "shardId-000000000000", "TRIM_HORIZON");
        engine.resharding().split(ref, "shardId-000000000000", BigInteger.ONE.shiftLeft(127).toString());
        settle();
        ConsumerView consumer = engine.registerConsumer(ref.arn(), "c", Map.of());
        engine.updateAccountSettings(ACCOUNT, REGION, "ENABLED");

        restart();

        Views.StreamView v = engine.describe(ref, 100, null);
        assertThat(v.status()).isEqualTo("ACTIVE");
        assertThat(v.retentionHours()).isEqualTo(48);
        assertThat(v.shards()).hasSize(3);
        assertThat(v.shards().get(0).endingSequenceNumber()).isNotNull();
        assertThat(engine.tagsOf(ref.arn())).containsEntry("team", "wharf");
        assertThat(engine.describeConsumer(null, null, consumer.arn()).name()).isEqualTo("c");
        assertThat(engine.accountSettings(ACCOUNT, REGION).status()).isEqualTo("ENABLED");
        // an iterator issued before the restart still reads, with the same sequence numbers, to the shard's end
        Views.RecordsPage page = engine.records().get(iterator, 100);
        assertThat(page.records()).extracting(Views.RecordView::sequenceNumber).isEqualTo(before);
        assertThat(page.nextShardIterator()).isNull();
        assertThat(page.childShards()).hasSize(2);
        // new records on the children continue the numbering
        String child = put(ref, "a", "3").shardId();
        assertThat(child).isIn("shardId-000000000001", "shardId-000000000002");
        restart();
        assertThat(readAll(iterator(ref, child, "TRIM_HORIZON"))).containsExactly("3");
        String next = put(ref, "a", "4").sequenceNumber();
        assertThat(SequenceNumbers.parse(next).counter()).isEqualTo(2);
    }

    @Test
    void aStreamStillCreatingBecomesActiveAfterARestart() {
        StreamRef ref = ref("slow");
        engine.createStream(ref, 2, null, Map.of(), null, null);
        restart();
        assertThat(engine.summary(ref).status()).isEqualTo("CREATING");
        settle();
        assertThat(engine.summary(ref).status()).isEqualTo("ACTIVE");
        engine.deleteStream(ref, false);
        restart();
        settle();
        engine.maintain();
        restart();
        assertThat(engine.listStreams(ACCOUNT, REGION, 10, null, null).streams()).isEmpty();
    }
}
