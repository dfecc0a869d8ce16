package io.wharf.sns.engine;

import io.wharf.testing.ManualClock;

import io.wharf.sns.MessageAttribute;
import io.wharf.sns.SqsDelivery;
import io.wharf.storage.MemoryStore;
import io.wharf.storage.Store;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/** The engine without a socket: recovery, the outbox, FIFO deduplication against a manual clock. */
class SnsEngineTest {
    private static final SnsLimits FAST = new SnsLimits(100, 262_144, 10, 200, 4, 3, Duration.ofMillis(1),
            Duration.ofMillis(5), Duration.ofMinutes(5));
    private static final String QUEUE = "arn:aws:sqs:us-east-1:000000000000:q";
    /** Fixed, so an engine restarted on the same store opens its signing key. */
    private static final io.wharf.storage.crypto.MasterKey MASTER_KEY = io.wharf.storage.crypto.MasterKey.of(new byte[32]);

    private final Store store = new MemoryStore();
    private final ManualClock clock = new ManualClock(1_700_000_000_000L);
    private final List<String> delivered = new CopyOnWriteArrayList<>();
    private final SqsDelivery recording = (queue, body, attributes, groupId, dedupId) -> delivered.add(body);
    private SnsEngine engine;

    @AfterEach
    void close() {
        if (engine != null) {
            engine.close();
        }
    }

    private SnsEngine start(SqsDelivery delivery) {
        if (engine != null) {
            engine.close();
        }
        engine = new SnsEngine(store, clock, delivery, FAST, MASTER_KEY);
        return engine;
    }

    private void awaitDelivered() throws InterruptedException {
        for (int i = 0; i < 500 && engine.pendingDeliveries() > 0; i++) {
            Thread.sleep(10);
        }
        assertThat(engine.pendingDeliveries()).isZero();
    }

    private int outboxSize() {
        int[] count = {0};
        store.scan(store.keySpace("sns.outbox"), new byte[0], (k, v) -> count[0]++);
        return count[0];
    }

    @Test
    void topicsAndSubscriptionsSurviveARestart() {
        start(recording);
        String topic = engine.createTopic("us-east-1", "000000000000", "t", Map.of("DisplayName", "x"),
                Map.of("k", "v"), null);
        String sub = engine.subscriptions().subscribe(topic, "sqs", QUEUE, Map.of("RawMessageDelivery", "true",
                "FilterPolicy", "{\"a\":[\"b\"]}"), false);
        start(recording);
        assertThat(engine.getTopicAttributes(topic)).containsEntry("DisplayName", "x");
        assertThat(engine.listTagsForResource(topic)).containsEntry("k", "v");
        assertThat(engine.subscriptions().getAttributes(sub)).containsEntry("RawMessageDelivery", "true")
                .containsEntry("FilterPolicy", "{\"a\":[\"b\"]}");
        engine.deleteTopic(topic);
        start(recording);
        assertThat(engine.listTopics("us-east-1", "000000000000", null).items()).isEmpty();
        assertThat(engine.subscriptions().list("us-east-1", "000000000000", null).items()).isEmpty();
    }

    @Test
    void theOutboxHoldsWhatWasNotDeliveredAndARestartDeliversIt() throws Exception {
        // SQS refuses with a transient error and the next attempt is an hour away: the entry stays in the outbox,
        // as after a crash right after the answer
        engine = new SnsEngine(store, clock, (q, b, a, g, d) -> {
            throw new IllegalStateException("SQS is down");
        }, new SnsLimits(100, 262_144, 10, 200, 1, 1_000, Duration.ofHours(1), Duration.ofHours(1),
                Duration.ofMinutes(5)), MASTER_KEY);
        String topic = engine.createTopic("us-east-1", "000000000000", "t", Map.of(), Map.of(), null);
        engine.subscriptions().subscribe(topic, "sqs", QUEUE, Map.of("RawMessageDelivery", "true"), false);
        engine.publish(PublishCommand.of(topic, "kept"));
        assertThat(outboxSize()).isEqualTo(1);
        start(recording);
        awaitDelivered();
        assertThat(delivered).containsExactly("kept");
        for (int i = 0; i < 100 && outboxSize() > 0; i++) {
            Thread.sleep(10); // the delete is submitted right after the delivery
        }
        assertThat(outboxSize()).isZero();
    }

    @Test
    void entriesWaitingInALaneGoInOneBatchAndOneItRefusedGoesOnItsOwn() throws Exception {
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        List<String> alone = new CopyOnWriteArrayList<>();
        List<Integer> batches = new CopyOnWriteArrayList<>();
        SqsDelivery batching = new SqsDelivery() {
            @Override
            public void deliver(String queue, String body, Map<String, MessageAttribute> attributes,
                                String groupId, String dedupId) {
                if (body.equals("first")) { // holds the lane while the next ones are published
                    entered.countDown();
                    try {
                        release.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
                alone.add(body);
            }

            @Override
            public List<DeliveryException> deliverAll(String topicArn, String queueArn, List<Outgoing> messages) {
                batches.add(messages.size());
                List<DeliveryException> outcomes = new ArrayList<>();
                for (Outgoing m : messages) {
                    if (m.body().equals("refused")) {
                        outcomes.add(new DeliveryException("throttled", false, null));
                    } else {
                        delivered.add(m.body());
                        outcomes.add(null);
                    }
                }
                return outcomes;
            }
        };
        engine = new SnsEngine(store, clock, batching, new SnsLimits(100, 262_144, 10, 200, 1, 3,
                Duration.ofMillis(1), Duration.ofMillis(5), Duration.ofMinutes(5)), MASTER_KEY);
        String topic = engine.createTopic("us-east-1", "000000000000", "t", Map.of(), Map.of(), null);
        engine.subscriptions().subscribe(topic, "sqs", QUEUE, Map.of("RawMessageDelivery", "true"), false);
        engine.publish(PublishCommand.of(topic, "first"));
        assertThat(entered.await(10, TimeUnit.SECONDS)).isTrue();
        for (String body : List.of("a", "b", "refused", "c")) {
            engine.publish(PublishCommand.of(topic, body));
        }
        release.countDown();
        awaitDelivered();

        assertThat(batches).containsExactly(4);
        assertThat(delivered).containsExactly("a", "b", "c");
        assertThat(alone).containsExactly("first", "refused");
        for (int i = 0; i < 100 && outboxSize() > 0; i++) {
            Thread.sleep(10); // the deletes are submitted right after the deliveries
        }
        assertThat(outboxSize()).isZero();
    }

    @Test
    void aPermanentFailureGoesToTheDeadLetterQueue() throws Exception {
        List<String> dlq = new CopyOnWriteArrayList<>();
        start((queue, body, attributes, groupId, dedupId) -> {
            if (queue.equals(QUEUE)) {
                throw new SqsDelivery.DeliveryException("gone", true, null);
            }
            dlq.add(queue + " " + body);
        });
        String topic = engine.createTopic("us-east-1", "000000000000", "t", Map.of(), Map.of(), null);
        engine.subscriptions().subscribe(topic, "sqs", QUEUE, Map.of("RawMessageDelivery", "true",
                "RedrivePolicy", "{\"deadLetterTargetArn\":\"arn:aws:sqs:us-east-1:000000000000:dlq\"}"), false);
        engine.publish(PublishCommand.of(topic, "lost?"));
        awaitDelivered();
        assertThat(dlq).containsExactly("arn:aws:sqs:us-east-1:000000000000:dlq lost?");
    }

    @Test
    void fifoDeduplicationLastsFiveMinutesOfTheClock() throws Exception {
        start(recording);
        String topic = engine.createTopic("us-east-1", "000000000000", "t.fifo",
                Map.of("FifoTopic", "true", "ContentBasedDeduplication", "true"), Map.of(), null);
        engine.subscriptions().subscribe(topic, "sqs", QUEUE + ".fifo", Map.of("RawMessageDelivery", "true"), false);
        PublishCommand same = new PublishCommand(topic, null, null, "same", null, null, Map.of(), "g", null, "u/");
        PublishResult first = engine.publish(same);
        assertThat(engine.publish(same)).isEqualTo(first);
        clock.advance(Duration.ofMinutes(5));
        PublishResult later = engine.publish(same);
        assertThat(later.messageId()).isNotEqualTo(first.messageId());
        assertThat(later.sequenceNumber()).isGreaterThan(first.sequenceNumber());
        awaitDelivered();
        assertThat(delivered).containsExactly("same", "same");
    }

    @Test
    void fifoDeduplicationSurvivesARestartAndEndsWithTheTopic() throws Exception {
        start(recording);
        String topic = engine.createTopic("us-east-1", "000000000000", "t.fifo",
                Map.of("FifoTopic", "true", "ContentBasedDeduplication", "true"), Map.of(), null);
        engine.subscriptions().subscribe(topic, "sqs", QUEUE + ".fifo", Map.of("RawMessageDelivery", "true"), false);
        PublishCommand same = new PublishCommand(topic, null, null, "same", null, null, Map.of(), "g", null, "u/");
        PublishResult first = engine.publish(same);
        awaitDelivered();
        start(recording);
        clock.advance(Duration.ofMinutes(4));
        assertThat(engine.publish(same)).as("a duplicate after a restart, inside the window").isEqualTo(first);
        clock.advance(Duration.ofMinutes(1));
        assertThat(engine.publish(same).messageId()).isNotEqualTo(first.messageId());
        awaitDelivered();
        assertThat(delivered).containsExactly("same", "same");

        engine.deleteTopic(topic);
        int[] left = {0};
        store.scan(store.keySpace("sns.dedup"), new byte[0], (k, v) -> left[0]++);
        assertThat(left[0]).as("deduplication entries of a deleted topic").isZero();
    }

    @Test
    void fifoDeduplicationIdsExpireOldestFirstAlsoAfterARestart() throws Exception {
        start(recording);
        String topic = engine.createTopic("us-east-1", "000000000000", "t.fifo",
                Map.of("FifoTopic", "true"), Map.of(), null);
        engine.subscriptions().subscribe(topic, "sqs", QUEUE + ".fifo", Map.of("RawMessageDelivery", "true"), false);
        List<PublishResult> results = new ArrayList<>();
        for (int i = 0; i < 60; i++) { // ids published in the reverse of their order in the store
            results.add(engine.publish(fifo(topic, "m" + i, "id-" + (59 - i))));
            clock.advance(Duration.ofSeconds(1));
        }
        awaitDelivered();
        start(recording);
        clock.advance(Duration.ofMinutes(4).plusMillis(29_500)); // the first 30 have expired

        assertThat(engine.publish(fifo(topic, "again", "id-29"))).as("the 31st, inside its window")
                .isEqualTo(results.get(30));
        assertThat(dedupEntries()).as("the expired ones left the store").isEqualTo(30);
        PublishResult renewed = engine.publish(fifo(topic, "again", "id-59"));
        assertThat(renewed.messageId()).as("the first, expired: a new message").isNotEqualTo(results.get(0).messageId());
        assertThat(dedupEntries()).isEqualTo(31);
        assertThat(engine.publish(fifo(topic, "once more", "id-59"))).isEqualTo(renewed);

        clock.advance(Duration.ofSeconds(30));
        engine.publish(fifo(topic, "last", "id-last"));
        assertThat(dedupEntries()).as("all but the renewed one and the last").isEqualTo(2);
        awaitDelivered();
        assertThat(delivered).hasSize(62);
    }

    @Test
    void anIdRememberedBeforeTheClockWentBackStillExpiresOnTime() throws Exception {
        start(recording);
        String topic = engine.createTopic("us-east-1", "000000000000", "t.fifo",
                Map.of("FifoTopic", "true"), Map.of(), null);
        PublishResult late = engine.publish(fifo(topic, "a", "a"));
        clock.advance(Duration.ofMinutes(-2));
        PublishResult early = engine.publish(fifo(topic, "b", "b"));
        clock.advance(Duration.ofMinutes(5)); // b's window has ended, a's has a minute left
        assertThat(engine.publish(fifo(topic, "a", "a"))).isEqualTo(late);
        assertThat(engine.publish(fifo(topic, "b", "b")).messageId()).as("expired, though remembered after a")
                .isNotEqualTo(early.messageId());
        assertThat(dedupEntries()).isEqualTo(2);
    }

    private static PublishCommand fifo(String topic, String message, String dedupId) {
        return new PublishCommand(topic, null, null, message, null, null, Map.of(), "g", dedupId, "u/");
    }

    private int dedupEntries() {
        int[] count = {0};
        store.scan(store.keySpace("sns.dedup"), new byte[0], (k, v) -> count[0]++);
        return count[0];
    }

    @Test
    void policyChangesApplyToTheNextPublish() throws Exception {
        start(recording);
        String topic = engine.createTopic("us-east-1", "000000000000", "t", Map.of(), Map.of(), null);
        String sub = engine.subscriptions().subscribe(topic, "sqs", QUEUE, Map.of("RawMessageDelivery", "true",
                "FilterPolicy", "{\"k\":[\"yes\"]}"), false);
        Map<String, MessageAttribute> no = Map.of("k", MessageAttribute.string("String", "no"));
        engine.publish(new PublishCommand(topic, null, null, "first", null, null, no, null, null, "u/"));
        engine.subscriptions().setAttribute(sub, "FilterPolicy", "{\"k\":[\"no\"]}");
        engine.publish(new PublishCommand(topic, null, null, "second", null, null, no, null, null, "u/"));
        awaitDelivered();
        assertThat(delivered).containsExactly("second");
    }

    @Test
    void aTopicHoldsAtMostTheLimitOfFilterPolicies() {
        engine = new SnsEngine(store, clock, recording, new SnsLimits(100, 262_144, 10, 2, 1, 3, Duration.ofMillis(1),
                Duration.ofMillis(5), Duration.ofMinutes(5)), MASTER_KEY);
        String topic = engine.createTopic("us-east-1", "000000000000", "t", Map.of(), Map.of(), null);
        Map<String, String> filtered = Map.of("FilterPolicy", "{\"k\":[\"v\"]}");
        engine.subscriptions().subscribe(topic, "sqs", QUEUE + "1", filtered, false);
        String second = engine.subscriptions().subscribe(topic, "sqs", QUEUE + "2", filtered, false);
        String third = engine.subscriptions().subscribe(topic, "sqs", QUEUE + "3", Map.of(), false);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> engine.subscriptions().setAttribute(third,
                "FilterPolicy", "{\"k\":[\"v\"]}"))
                .isInstanceOf(io.wharf.protocol.AwsException.class)
                .hasMessageContaining("Filter policy limit exceeded");
        engine.subscriptions().setAttribute(second, "FilterPolicy", "{\"k\":[\"w\"]}"); // replacing is fine
    }
}
