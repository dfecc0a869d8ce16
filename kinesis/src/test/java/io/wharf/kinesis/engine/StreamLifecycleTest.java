package io.wharf.kinesis.engine;

import io.wharf.protocol.AwsException;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StreamLifecycleTest extends EngineFixture {
    @Test
    void creatingThenActiveWithEvenShards() {
        StreamRef ref = ref("s");
        engine.createStream(ref, 3, null, Map.of("team", "wharf"), null, null);
        Views.StreamView creating = engine.describe(ref, 100, null);
        assertThat(creating.status()).isEqualTo("CREATING");
        assertThat(creating.shards()).isEmpty();
        assertThat(creating.arn()).isEqualTo("arn:aws:kinesis:eu-west-1:123456789012:stream/s");
        assertThatThrownBy(() -> put(ref, "k", "x")).isInstanceOf(AwsException.class)
                .hasMessage("Stream s under account 123456789012 not found.");
        settle();
        Views.StreamView active = engine.describe(ref, 100, null);
        assertThat(active.status()).isEqualTo("ACTIVE");
        assertThat(active.shards()).extracting(Views.ShardView::shardId)
                .containsExactly("shardId-000000000000", "shardId-000000000001", "shardId-000000000002");
        assertThat(active.shards().get(2).endingHashKey()).isEqualTo(HashKeys.MAX.toString());
        assertThat(active.retentionHours()).isEqualTo(24);
        assertThat(engine.describe(ref, 2, null).hasMoreShards()).isTrue();
        assertThat(engine.describe(ref, 2, "shardId-000000000001").shards()).hasSize(1);
    }

    @Test
    void duplicateNamesAndMissingStreamsAnswerAsAws() {
        StreamRef ref = activeStream("dup", 1);
        assertThatThrownBy(() -> engine.createStream(ref, 1, null, Map.of(), null, null))
                .hasMessage("Stream dup under account 123456789012 already exists.")
                .extracting(e -> ((AwsException) e).type()).isEqualTo("ResourceInUseException");
        assertThatThrownBy(() -> engine.summary(ref("nope")))
                .hasMessage("Stream nope under account 123456789012 not found.")
                .extracting(e -> ((AwsException) e).type()).isEqualTo("ResourceNotFoundException");
    }

    @Test
    void onDemandWithoutShardCountHasFourShards() {
        StreamRef ref = ref("od");
        engine.createStream(ref, null, null, Map.of(), null, null);
        settle();
        Views.StreamView v = engine.summary(ref);
        assertThat(v.mode()).isEqualTo("ON_DEMAND");
        assertThat(v.openShardCount()).isEqualTo(4);
        assertThatThrownBy(() -> engine.resharding().split(ref, "shardId-000000000000", "5"))
                .extracting(e -> ((AwsException) e).type()).isEqualTo("ValidationException");
    }

    @Test
    void deleteGoesThroughDeletingAndFreesTheName() {
        StreamRef ref = activeStream("d", 1);
        put(ref, "k", "old");
        engine.deleteStream(ref, false);
        assertThat(engine.summary(ref).status()).isEqualTo("DELETING");
        settle();
        assertThatThrownBy(() -> engine.summary(ref)).hasMessageContaining("not found");
        engine.createStream(ref, 1, null, Map.of(), null, null);
        settle();
        String it = iterator(ref, "shardId-000000000000", "TRIM_HORIZON");
        assertThat(readAll(it)).isEmpty();
    }

    @Test
    void shardLimitUsesAwsWording() {
        engine.createStream(ref("big"), 400, null, Map.of(), null, null);
        assertThatThrownBy(() -> engine.createStream(ref("bigger"), 200, null, Map.of(), null, null))
                .hasMessageContaining("This request would exceed the shard limit for the account 123456789012 in "
                        + "eu-west-1. Current shard count for the account: 400. Limit: 500. Number of additional shards "
                        + "that would have resulted from this request: 200.");
    }

    @Test
    void retentionRulesAndMessages() {
        StreamRef ref = activeStream("r", 1);
        assertThatThrownBy(() -> engine.increaseRetention(ref, 23)).hasMessage(
                "Minimum allowed retention period is 24 hours. Requested retention period (23 hours) is too short.");
        assertThatThrownBy(() -> engine.increaseRetention(ref, 8761)).hasMessage(
                "Maximum allowed retention period is 8760 hours. Requested retention period (8761 hours) is too long.");
        engine.increaseRetention(ref, 48);
        assertThatThrownBy(() -> engine.increaseRetention(ref, 24)).hasMessage("Requested retention period (24 hours) "
                + "for stream r can not be shorter than existing retention period (48 hours). Use DecreaseRetentionPeriod API.");
        assertThatThrownBy(() -> engine.decreaseRetention(ref, 72)).hasMessage("Requested retention period (72 hours) "
                + "for stream r can not be longer than existing retention period (48 hours). Use IncreaseRetentionPeriod API.");
        engine.decreaseRetention(ref, 24);
        assertThat(engine.summary(ref).retentionHours()).isEqualTo(24);
    }

    @Test
    void tagsSettingsAndConsumers() {
        StreamRef ref = activeStream("t", 1);
        engine.addTags(ref, Map.of("b", "2", "a", "1", "c", "3"));
        assertThat(engine.listTags(ref, null, 2)).isEqualTo(new Views.TagPage(Map.of("a", "1", "b", "2"), true));
        assertThat(engine.listTags(ref, "b", 2).tags()).containsOnlyKeys("c");
        engine.removeTags(ref, List.of("a", "zz"));
        assertThat(engine.tagsOf(ref.arn())).containsOnlyKeys("b", "c");

        Views.MonitoringChange change = engine.monitoring(ref, List.of("ALL"), true);
        assertThat(change.current()).isEmpty();
        assertThat(change.desired()).hasSize(7);
        engine.startEncryption(ref, "alias/aws/kinesis");
        assertThat(engine.summary(ref).status()).isEqualTo("UPDATING");
        settle();
        assertThat(engine.summary(ref).encryptionType()).isEqualTo("KMS");
        assertThat(engine.records().put(ref, List.of(new Views.PutEntry(new byte[1], "k", null)), "data").encrypted())
                .isTrue();

        ConsumerView consumer = engine.registerConsumer(ref.arn(), "app", Map.of());
        assertThat(consumer.status()).isEqualTo("CREATING");
        assertThat(consumer.arn()).startsWith(ref.arn() + "/consumer/app:");
        assertThatThrownBy(() -> engine.registerConsumer(ref.arn(), "app", Map.of()))
                .extracting(e -> ((AwsException) e).type()).isEqualTo("ResourceInUseException");
        settle();
        assertThat(engine.describeConsumer(null, null, consumer.arn()).status()).isEqualTo("ACTIVE");
        engine.tagResource(consumer.arn(), Map.of("k", "v"));
        assertThat(engine.tagsOf(consumer.arn())).containsEntry("k", "v");
        assertThatThrownBy(() -> engine.deleteStream(ref, false)).extracting(e -> ((AwsException) e).type())
                .isEqualTo("ResourceInUseException");
        engine.deregisterConsumer(ref.arn(), "app", null);
        clock.advance(Duration.ofSeconds(1));
        assertThat(engine.listConsumers(ref.arn(), 10, null).consumers()).isEmpty();
    }
}
