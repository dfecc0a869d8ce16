package io.wharf.sqs.engine;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A standard queue's delayed messages beyond its window live in the store only ({@link ColdDelays}): they become
 * visible at their time, are counted as delayed, survive restarts, purges and retention as if memory held them, and
 * memory holds no more than the window of them.
 */
class ColdDelaysTest extends EngineFixture {
    private static final int HOT = 4;
    /** The window and its quarter, of visible and of delayed messages, and the one a send adds after its own check. */
    private static final int MOST_HELD_WHEN_IDLE = 2 * (HOT + HOT / 4) + 1;

    @BeforeEach
    void smallWindow() {
        restart();
    }

    private void restart() {
        engine.close();
        engine = new SqsEngine(store, clock, SqsLimits.strict().withHotMessages(HOT), MASTER_KEY);
    }

    private void sendDelayed(QueueId q, String body, int delaySeconds) {
        engine.sendMessage(q, new SendCommand(body, delaySeconds, null, null, null, null, null));
    }

    private List<ReceivedMessage> receiveFor(QueueId q, int max, int visibilitySeconds) {
        return engine.receiveMessage(q, new ReceiveCommand(max, visibilitySeconds, 0, Set.of(), List.of(), null));
    }

    /** Receives and deletes until a receive returns nothing; the bodies in the order received. */
    private List<String> drain(QueueId q) {
        List<String> bodies = new ArrayList<>();
        List<ReceivedMessage> batch;
        while (!(batch = receiveFor(q, 10, 300)).isEmpty()) {
            for (ReceivedMessage m : batch) {
                bodies.add(m.body());
                engine.deleteMessage(q, m.receiptHandle());
            }
        }
        return bodies;
    }

    @Test
    void delayedMessagesBeyondTheWindowWaitInTheStoreAndEachBecomesVisibleAtItsTime() {
        QueueId q = create("q");
        List<Integer> delays = new ArrayList<>();
        for (int i = 1; i <= 60; i++) {
            delays.add(i);
        }
        Collections.shuffle(delays, new Random(7));
        for (int delay : delays) {
            sendDelayed(q, "d" + delay, delay);
        }

        assertThat(attribute(q, "ApproximateNumberOfMessagesDelayed")).isEqualTo("60");
        assertThat(engine.heldMessages(q)).isLessThanOrEqualTo(MOST_HELD_WHEN_IDLE);
        assertThat(stored("sqs.timers")).as("the timer index holds the rest").isGreaterThanOrEqualTo(60 - MOST_HELD_WHEN_IDLE);

        for (int second = 1; second <= 60; second++) {
            clock.advanceSeconds(1);
            assertThat(drain(q)).as("visible after %d s", second).containsExactly("d" + second);
            assertThat(engine.heldMessages(q)).isLessThanOrEqualTo(MOST_HELD_WHEN_IDLE);
        }
        assertThat(attribute(q, "ApproximateNumberOfMessagesDelayed")).isEqualTo("0");
        assertThat(stored("sqs.timers")).isZero();
        assertThat(stored("sqs.messages")).isZero();
        assertThat(stored("sqs.bodies")).isZero();
    }

    @Test
    void aRestartHoldsOnlyTheWindowOfDelayedMessagesAndLosesNone() {
        QueueId q = create("q");
        for (int i = 0; i < 50; i++) {
            sendDelayed(q, "d" + i, 900);
        }
        restart();

        assertThat(engine.heldMessages(q)).isLessThanOrEqualTo(MOST_HELD_WHEN_IDLE);
        assertThat(attribute(q, "ApproximateNumberOfMessagesDelayed")).isEqualTo("50");
        assertThat(receiveFor(q, 10, 300)).isEmpty();
        clock.advanceSeconds(900);
        List<String> received = drain(q);
        assertThat(received).hasSize(50).doesNotHaveDuplicates();
    }

    @Test
    void aPurgeRemovesTheDelayedMessagesOfTheStoreForGood() {
        QueueId q = create("q");
        for (int i = 0; i < 40; i++) {
            sendDelayed(q, "d" + i, 10);
        }
        engine.purgeQueue(q);
        assertThat(attribute(q, "ApproximateNumberOfMessagesDelayed")).isEqualTo("0");
        assertThat(stored("sqs.timers")).isZero();
        clock.advanceSeconds(61);
        sendDelayed(q, "later", 1);
        clock.advanceSeconds(1);
        assertThat(drain(q)).containsExactly("later");
        restart();
        assertThat(drain(q)).isEmpty();
    }

    @Test
    void aDelayedMessageWhoseRetentionEndsBeforeItsDelayIsNeverDelivered() {
        QueueId q = create("q", Map.of("MessageRetentionPeriod", "60"));
        for (int i = 0; i < 30; i++) {
            sendDelayed(q, "d" + i, 120);
        }
        clock.advanceSeconds(121);
        assertThat(drain(q)).isEmpty();
        assertThat(stored("sqs.messages")).isZero();
        assertThat(stored("sqs.timers")).isZero();
        assertThat(engine.getQueueAttributes(q, List.of("All")))
                .containsEntry("ApproximateNumberOfMessages", "0")
                .containsEntry("ApproximateNumberOfMessagesDelayed", "0");
    }

    @Test
    void delayedMessagesInsideTheVisibleBacklogAreNeitherLostNorDeliveredEarly() {
        QueueId q = create("q");
        List<String> all = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            engine.sendMessage(q, SendCommand.of("v" + i));
            all.add("v" + i);
            sendDelayed(q, "d" + i, 30);
            all.add("d" + i);
        }
        restart();

        List<String> early = drain(q);
        assertThat(early).as("only the visible ones before the delay ends").hasSize(20).allMatch(b -> b.startsWith("v"));
        clock.advanceSeconds(30);
        List<String> later = drain(q);
        assertThat(later).hasSize(20).allMatch(b -> b.startsWith("d"));
        assertThat(stored("sqs.messages")).isZero();
    }

    /**
     * Random sends (most of them delayed), receives, deletes, clock steps and restarts on a window of four: after
     * every step the counts add up to the messages not deleted, memory stays near its windows, and at the end every
     * message is received exactly once.
     */
    @Test
    void randomDelayedWorkKeepsEveryMessageAndTheCountsExact() {
        Random random = new Random(21);
        QueueId q = create("q", Map.of("VisibilityTimeout", "3"));
        Set<String> alive = new HashSet<>();
        Map<String, String> handles = new HashMap<>();
        int next = 0;
        int mostHeld = 0;
        int mostCold = 0;
        for (int step = 0; step < 3_000; step++) {
            int op = random.nextInt(100);
            if (op < 45) {
                String body = "r" + next++;
                sendDelayed(q, body, random.nextInt(4) == 0 ? 0 : random.nextInt(20));
                alive.add(body);
            } else if (op < 65) {
                for (ReceivedMessage m : receiveFor(q, 1 + random.nextInt(10), random.nextInt(4))) {
                    assertThat(alive).as("received a deleted message").contains(m.body());
                    handles.put(m.body(), m.receiptHandle());
                }
            } else if (op < 85 && !handles.isEmpty()) {
                String body = List.copyOf(handles.keySet()).get(random.nextInt(handles.size()));
                engine.deleteMessage(q, handles.remove(body));
                alive.remove(body);
            } else if (op < 98) {
                clock.advanceSeconds(random.nextInt(2));
            } else {
                restart();
            }
            assertThat(allCounts(q)).as("counts after step %d", step).isEqualTo(alive.size());
            mostHeld = Math.max(mostHeld, engine.heldDelayedMessages(q));
            mostCold = Math.max(mostCold, stored("sqs.timers"));
        }
        assertThat(Integer.parseInt(attribute(q, "ApproximateNumberOfMessagesDelayed")))
                .as("the work left delayed messages in the store").isGreaterThan(0);
        clock.advanceSeconds(30);
        List<String> drained = new ArrayList<>();
        List<ReceivedMessage> batch;
        while (!(batch = receiveFor(q, 10, 300)).isEmpty()) {
            batch.forEach(m -> drained.add(m.body()));
        }
        assertThat(drained).as("received twice").doesNotHaveDuplicates();
        assertThat(new HashSet<>(drained)).isEqualTo(alive);
        assertThat(alive.size()).as("the work left many messages").isGreaterThan(MOST_HELD_WHEN_IDLE * 4);
        assertThat(mostHeld).as("the delayed messages memory held stayed near the window").isLessThanOrEqualTo(2 * HOT);
        assertThat(mostCold).as("the timer index was used").isGreaterThan(HOT);
    }
}
