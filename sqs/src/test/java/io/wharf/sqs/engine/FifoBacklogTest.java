package io.wharf.sqs.engine;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A FIFO queue's backlog beyond its hot window lives in the store only, as a standard queue's does: each group is
 * still received in the order it was sent, exactly once, with the counts exact; a group in flight does not hide the
 * groups behind it as far as AWS looks (the first {@code maxInflightFifo} messages) and does beyond; restarts hold
 * no more than the window and what is in flight.
 */
class FifoBacklogTest extends EngineFixture {
    private static final int HOT = 4;
    /** The window, the quarter above it before messages leave, and the one a send adds after its own check. */
    private static final int MOST_HELD_WHEN_IDLE = HOT + HOT / 4 + 1;
    private static final Map<String, String> FIFO = Map.of("FifoQueue", "true", "ContentBasedDeduplication", "true");

    private int reach = 120_000;

    @BeforeEach
    void smallWindow() {
        restart();
    }

    private void restart() {
        engine.close();
        engine = new SqsEngine(store, clock, shifting ? SqsLimits.strict().withHotMessages(40).withHotMessagesTotal(80)
                : new SqsLimits(60, 60, 120_000, reach, 300, SqsLimits.CONTENT_MEMORY_BYTES, HOT,
                        SqsLimits.HOT_MESSAGES_TOTAL, SqsLimits.MAX_INFLIGHT_TOTAL), MASTER_KEY);
    }

    /** Sends "group-index" bodies in group {@code group}. */
    private List<String> sendTo(QueueId q, String group, int from, int to) {
        List<String> bodies = new ArrayList<>();
        for (int i = from; i < to; i++) {
            String body = group + "-" + i;
            engine.sendMessage(q, new SendCommand(body, null, null, null, null, group, null));
            bodies.add(body);
        }
        return bodies;
    }

    private List<ReceivedMessage> receiveFor(QueueId q, int max, int visibilitySeconds) {
        return engine.receiveMessage(q, new ReceiveCommand(max, visibilitySeconds, 0, Set.of(), List.of(), null));
    }

    private static String groupOf(String body) {
        return body.substring(0, body.indexOf('-'));
    }

    private static int indexOf(String body) {
        return Integer.parseInt(body.substring(body.indexOf('-') + 1));
    }

    /** Receives and deletes until a receive returns nothing; the bodies in the order they came. */
    private List<String> drain(QueueId q, int max) {
        List<String> received = new ArrayList<>();
        List<ReceivedMessage> batch;
        while (!(batch = receiveFor(q, max, 300)).isEmpty()) {
            for (ReceivedMessage m : batch) {
                received.add(m.body());
                engine.deleteMessage(q, m.receiptHandle());
            }
            assertThat(engine.heldMessages(q)).isLessThanOrEqualTo(MOST_HELD_WHEN_IDLE + 2 * max + 1_000);
        }
        return received;
    }

    private static void assertEachGroupInOrder(List<String> received) {
        Map<String, Integer> last = new HashMap<>();
        for (String body : received) {
            Integer before = last.put(groupOf(body), indexOf(body));
            assertThat(before == null || before < indexOf(body)).as("%s after %s-%s", body, groupOf(body), before)
                    .isTrue();
        }
    }

    @Test
    void aBacklogBeyondTheWindowStaysInTheStoreAndEachGroupIsReceivedInOrder() {
        QueueId q = create("q.fifo", FIFO);
        List<String> sent = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            for (String group : List.of("a", "b", "c")) {
                sent.addAll(sendTo(q, group, i, i + 1));
            }
        }

        assertThat(attribute(q, "ApproximateNumberOfMessages")).isEqualTo("120");
        assertThat(engine.heldMessages(q)).isLessThanOrEqualTo(MOST_HELD_WHEN_IDLE);

        List<String> received = drain(q, 10);
        assertThat(received).containsExactlyInAnyOrderElementsOf(sent);
        assertEachGroupInOrder(received);
        assertThat(attribute(q, "ApproximateNumberOfMessages")).isEqualTo("0");
        assertThat(engine.heldMessages(q)).isZero();
        assertThat(stored("sqs.messages")).isZero();
    }

    @Test
    void aGroupInFlightDoesNotHideTheGroupsBehindItInTheBacklog() {
        QueueId q = create("q.fifo", FIFO);
        sendTo(q, "a", 0, 50);
        sendTo(q, "b", 0, 1);

        assertThat(receiveFor(q, 1, 300)).extracting(ReceivedMessage::body).containsExactly("a-0");
        assertThat(receiveFor(q, 10, 300)).as("group a is in flight; AWS looks 120,000 messages deep")
                .extracting(ReceivedMessage::body).containsExactly("b-0");
    }

    @Test
    void beyondTheDepthAwsLooksAGroupWaitsBehindOneInFlight() {
        reach = 20;
        restart();
        QueueId q = create("q.fifo", FIFO);
        sendTo(q, "a", 0, 50);
        sendTo(q, "b", 0, 1);

        ReceivedMessage first = receiveFor(q, 1, 300).getFirst();
        assertThat(receiveFor(q, 10, 300)).as("b-0 is 50 messages deep, beyond the 20 looked at").isEmpty();
        assertThat(engine.heldMessages(q)).as("memory reads no further than AWS looks").isLessThanOrEqualTo(20);

        engine.deleteMessage(q, first.receiptHandle());
        List<String> received = drain(q, 10);
        assertThat(received).hasSize(50).endsWith("b-0");
        assertEachGroupInOrder(received);
    }

    @Test
    void aMessageInFlightAcrossARestartIsReceivedAgainInItsGroupsOrderBeforeTheBacklogDrains() {
        QueueId q = create("q.fifo", FIFO);
        sendTo(q, "a", 0, 20);
        sendTo(q, "b", 0, 10);
        ReceivedMessage a0 = receiveFor(q, 1, 300).getFirst();
        assertThat(receiveFor(q, 1, 5)).extracting(ReceivedMessage::body).containsExactly("b-0");

        restart(); // b-0 is in flight inside the backlog's range: a-5.. and b-1.. are in the store only

        assertThat(engine.heldMessages(q)).isLessThanOrEqualTo(HOT + 2);
        assertThat(engine.getQueueAttributes(q, List.of("All")))
                .containsEntry("ApproximateNumberOfMessages", "28")
                .containsEntry("ApproximateNumberOfMessagesNotVisible", "2");
        clock.advanceSeconds(6);
        assertThat(receiveFor(q, 10, 300)).as("a is in flight, b-0 is visible again")
                .extracting(ReceivedMessage::body).startsWith("b-0");
        engine.deleteMessage(q, a0.receiptHandle());
        clock.advanceSeconds(301);
        List<String> received = drain(q, 10);
        assertThat(received).hasSize(29).doesNotContain("a-0");
        assertEachGroupInOrder(received);
    }

    @Test
    void aDeadLetteredMessageComesAfterTheMessagesOfItsGroupAlreadyInTheDeadLetterQueuesBacklog() {
        QueueId dlq = create("dlq.fifo", FIFO);
        Map<String, String> source = new HashMap<>(FIFO);
        source.put("RedrivePolicy", "{\"deadLetterTargetArn\":\"arn:aws:sqs:us-east-1:000000000000:dlq.fifo\","
                + "\"maxReceiveCount\":\"1\"}");
        source.put("VisibilityTimeout", "0");
        QueueId q = create("source.fifo", source);
        sendTo(dlq, "h", 0, 4);
        sendTo(dlq, "g", 0, 10); // memory holds h's four, the backlog g's ten
        sendTo(q, "g", 10, 11);
        assertThat(receiveFor(q, 1, 0)).hasSize(1);
        assertThat(receiveFor(q, 1, 0)).as("g-10 goes to the dead-letter queue").isEmpty();
        assertThat(attribute(dlq, "ApproximateNumberOfMessages")).isEqualTo("15");

        assertThat(receiveFor(dlq, 1, 300)).extracting(ReceivedMessage::body).containsExactly("h-0");
        assertThat(receiveFor(dlq, 1, 300)).as("g-10, received before, waits in memory above the backlog")
                .extracting(ReceivedMessage::body).containsExactly("g-0");
        clock.advanceSeconds(301);
        List<String> received = drain(dlq, 10);
        assertThat(received).hasSize(15);
        assertEachGroupInOrder(received);
    }

    @Test
    void aQueueThatDelaysItsMessagesStillLetsItsVisibleOnesGo() {
        QueueId q = create("q.fifo", Map.of("FifoQueue", "true", "ContentBasedDeduplication", "true",
                "DelaySeconds", "5"));
        List<String> sent = new ArrayList<>(sendTo(q, "g", 0, 30));
        clock.advanceSeconds(3);
        sent.addAll(sendTo(q, "g", 30, 60));
        clock.advanceSeconds(3); // the first thirty are visible, the next thirty (newer) still delayed

        assertThat(attribute(q, "ApproximateNumberOfMessagesDelayed")).isEqualTo("30");
        assertThat(engine.heldMessages(q)).as("the thirty delayed, and the window of visible ones")
                .isLessThanOrEqualTo(30 + MOST_HELD_WHEN_IDLE);
        clock.advanceSeconds(3);
        sent.addAll(sendTo(q, "g", 60, 61)); // the thirty join the backlog once visible
        assertThat(engine.heldMessages(q)).isLessThanOrEqualTo(1 + MOST_HELD_WHEN_IDLE);
        clock.advanceSeconds(6);
        assertThat(drain(q, 10)).isEqualTo(sent);
    }

    /**
     * A FIFO queue's delayed messages beyond its window wait in the timer index, as a standard queue's do: memory
     * holds about the window of them, across a restart too, and once visible every message comes once, each group in
     * order.
     */
    @Test
    void aQueueThatDelaysItsMessagesHoldsOnlyTheWindowOfThem() {
        QueueId q = create("q.fifo", Map.of("FifoQueue", "true", "ContentBasedDeduplication", "true",
                "DelaySeconds", "5"));
        List<String> sent = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            for (String group : List.of("a", "b", "c", "d", "e")) {
                sent.addAll(sendTo(q, group, i, i + 1));
            }
        }
        assertThat(attribute(q, "ApproximateNumberOfMessagesDelayed")).isEqualTo("1000");
        assertThat(engine.heldMessages(q)).as("the window of delayed messages, a quarter more at most")
                .isLessThanOrEqualTo(MOST_HELD_WHEN_IDLE);
        assertThat(stored("sqs.timers")).as("the rest in the timer index").isGreaterThanOrEqualTo(1000 - HOT - HOT / 4);

        restart();
        assertThat(attribute(q, "ApproximateNumberOfMessagesDelayed")).isEqualTo("1000");
        assertThat(engine.heldMessages(q)).isLessThanOrEqualTo(MOST_HELD_WHEN_IDLE);
        assertThat(receiveFor(q, 10, 300)).as("all still delayed").isEmpty();

        clock.advanceSeconds(6);
        List<String> received = drain(q, 10);
        assertThat(received).hasSize(1000).containsExactlyInAnyOrderElementsOf(sent);
        assertEachGroupInOrder(received);
        assertThat(stored("sqs.timers")).isZero();
        assertThat(stored("sqs.messages")).isZero();
    }

    /**
     * More due messages in the timer index than an operation reads back (a page, 1,000): a message memory holds that
     * was sent after them waits for them, so its group's older messages still come first; and a receive whose groups
     * in memory are in flight reads them in to find a free group. The counts take them as visible while they wait.
     */
    @Test
    void dueMessagesOfTheTimerIndexComeBeforeTheNewerOnesMemoryHolds() {
        QueueId q = create("q.fifo", Map.of("FifoQueue", "true", "ContentBasedDeduplication", "true",
                "DelaySeconds", "5"));
        sendTo(q, "b", 0, 2_100);
        sendTo(q, "a", 0, 200); // the window holds the first b's, the timer index the rest
        clock.advanceSeconds(1);
        sendTo(q, "a", 200, 201); // the newest: memory holds it beside the first b's
        assertThat(engine.heldMessages(q)).isLessThanOrEqualTo(MOST_HELD_WHEN_IDLE);
        clock.advanceSeconds(6); // all due; the timer index still holds all but a few

        assertThat(engine.queueStats()).as("the metrics, read without an operation")
                .containsExactly(new QueueStats(q, 2301, 0, 0, 7));
        List<ReceivedMessage> first = receiveFor(q, 1, 300);
        assertThat(first).extracting(ReceivedMessage::body).containsExactly("b-0");
        // b in flight; more than a page of due messages is still in the timer index, a-0 to a-199 among them
        assertThat(receiveFor(q, 1, 300)).as("a-200 waits for the a's before it")
                .extracting(ReceivedMessage::body).containsExactly("a-0");
        assertThat(attribute(q, "ApproximateNumberOfMessages")).isEqualTo("2299");
        assertThat(attribute(q, "ApproximateNumberOfMessagesDelayed")).isEqualTo("0");
    }

    /**
     * The same under the default window of 10,000, where the pages an operation reads back do not overflow memory: the
     * newest message, which memory holds visible beside them, is not received before the older messages of its group
     * that the timer index still holds.
     */
    @Test
    void underAWideWindowTheNewestVisibleMessageWaitsForTheDueOnesOfTheTimerIndex() {
        engine.close();
        engine = new SqsEngine(store, clock, SqsLimits.strict(), MASTER_KEY);
        int window = SqsLimits.strict().hotMessages();
        QueueId q = create("q.fifo", FIFO);
        sendTo(q, "b", 0, 1);
        assertThat(receiveFor(q, 1, 300)).extracting(ReceivedMessage::body).containsExactly("b-0"); // b in flight
        engine.setQueueAttributes(q, Map.of("DelaySeconds", "5"));
        sendTo(q, "b", 1, window + window / 4 + 2); // a quarter more than the window: the newest leave memory
        sendTo(q, "a", 0, window / 4 + 1); // and again: all of these
        clock.advanceSeconds(1);
        sendTo(q, "a", window / 4 + 1, window / 4 + 2); // memory holds this one
        clock.advanceSeconds(6);

        assertThat(receiveFor(q, 1, 300)).as("a-%d waits for the a's before it", window / 4 + 1)
                .extracting(ReceivedMessage::body).containsExactly("a-0");
    }

    /**
     * Raising a FIFO queue's DelaySeconds delays the messages it has not delivered yet, those of its backlog too
     * (they follow the new delay when they are read back), and lowering it brings the timer index's messages sooner.
     */
    @Test
    void aDelayChangeReachesTheBacklogAndTheTimerIndex() {
        QueueId q = create("q.fifo", FIFO);
        List<String> sent = new ArrayList<>(sendTo(q, "g", 0, 30)); // a backlog beyond the window of four
        clock.advanceSeconds(10);
        engine.setQueueAttributes(q, Map.of("DelaySeconds", "60")); // sent 10 s ago: 50 s to wait
        assertThat(receiveFor(q, 10, 300)).isEmpty();
        sent.addAll(sendTo(q, "g", 30, 60)); // delayed, most of them in the timer index
        restart();
        assertThat(receiveFor(q, 10, 300)).as("after a restart too").isEmpty();
        clock.advanceSeconds(45);
        assertThat(receiveFor(q, 10, 300)).isEmpty();
        engine.setQueueAttributes(q, Map.of("DelaySeconds", "0"));
        assertThat(attribute(q, "ApproximateNumberOfMessagesDelayed")).isEqualTo("0");
        assertThat(drain(q, 10)).isEqualTo(sent);
    }

    @Test
    void aRestartOfAnIdleQueueHoldsExactlyTheWindow() {
        QueueId q = create("q.fifo", FIFO);
        sendTo(q, "g", 0, 30);
        restart();
        assertThat(attribute(q, "ApproximateNumberOfMessages")).isEqualTo("30");
        assertThat(engine.heldMessages(q)).isEqualTo(HOT);
        List<String> received = drain(q, 10);
        assertThat(received).hasSize(30);
        assertEachGroupInOrder(received);
    }

    /**
     * The shared budget shrinks a FIFO queue's window after its backlog began (other queues fill up): its next
     * operation lets the newest messages under the backlog join it from below, but not while a group is in flight;
     * every group still comes in order, every message once, and across a restart.
     */
    @Test
    void aWindowThatShrankLetsTheMessagesUnderTheBacklogGo() {
        engine.close();
        engine = new SqsEngine(store, clock, SqsLimits.strict().withHotMessages(40).withHotMessagesTotal(80),
                MASTER_KEY);
        QueueId q = create("q.fifo", FIFO);
        List<String> sent = new ArrayList<>();
        for (int g = 0; g < 5; g++) { // more than a page (1,000) beyond the window: a reach leaves a backlog
            sent.addAll(sendTo(q, "g" + g, 0, 300));
        }
        assertThat(engine.heldMessages(q)).as("the whole window of 40, a quarter more at most").isBetween(40, 51);
        for (int i = 0; i < 7; i++) { // eight queues hold messages: each window is 80 / 8 = 10
            QueueId other = create("other-" + i);
            for (int n = 0; n < 20; n++) {
                send(other, "x");
            }
        }
        List<ReceivedMessage> first = receiveFor(q, 1, 300); // its start lets memory down to the window
        assertThat(first).extracting(ReceivedMessage::body).containsExactly("g0-0");
        assertThat(engine.heldMessages(q)).as("the shrunk window of 10, a quarter more at most")
                .isLessThanOrEqualTo(13);
        List<ReceivedMessage> second = receiveFor(q, 1, 300); // g0 in flight: the window holds no free group
        assertThat(second).extracting(ReceivedMessage::body).containsExactly("g1-0");
        int reached = engine.heldMessages(q);
        assertThat(reached).as("read further for a free group, a page").isGreaterThan(1_000);
        sent.addAll(sendTo(q, "g6", 0, 1)); // an operation while groups are in flight: what was read in stays
        assertThat(engine.heldMessages(q)).isGreaterThanOrEqualTo(reached);
        engine.deleteMessage(q, first.get(0).receiptHandle());
        engine.deleteMessage(q, second.get(0).receiptHandle());
        sent.removeAll(List.of("g0-0", "g1-0"));
        sent.addAll(sendTo(q, "g5", 0, 1)); // the next operation with no group in flight: down to the window
        assertThat(engine.heldMessages(q)).as("the shrunk window of 10, a quarter more at most")
                .isLessThanOrEqualTo(13);
        assertThat(attribute(q, "ApproximateNumberOfMessages")).isEqualTo(Integer.toString(sent.size()));

        restart();
        List<String> received = drain(q, 10);
        assertThat(received).as("every message once").containsExactlyInAnyOrderElementsOf(sent);
        assertEachGroupInOrder(received);
    }

    /**
     * Random sends in five groups, receives, deletes, visibility changes, clock steps and restarts on a window of
     * four: after every step the counts add up to the messages not deleted, each group's messages are first received
     * in the order they were sent, and at the end every message left is received exactly once.
     */
    @Test
    void randomWorkKeepsEachGroupsOrderEveryMessageAndTheCountsExact() {
        randomWork(16, false, false);
    }

    /**
     * The same with the queue's DelaySeconds changed at random between 0 and 3 (retroactive on a FIFO queue, so each
     * group's messages still become visible in the order they were sent): delayed messages beyond the window go to
     * the timer index and come back, among the backlog's pages and restarts.
     */
    @Test
    void randomWorkWithChangingDelaysKeepsEachGroupsOrderAndEveryMessage() {
        randomWork(23, false, true);
    }

    /**
     * The same on a window of 40 that the shared budget (80) shrinks to 10 while seven other queues hold messages
     * and lets grow back when they are deleted: messages under the backlog join it from below, and come back, at
     * random moments.
     */
    @Test
    void randomWorkWithAShrinkingAndGrowingWindowKeepsEachGroupsOrderAndEveryMessage() {
        shifting = true;
        restart();
        randomWork(61, true, false);
    }

    private boolean shifting;

    private void randomWork(long seed, boolean shiftWindow, boolean changeDelays) {
        Random random = new Random(seed);
        List<QueueId> others = new ArrayList<>();
        QueueId q = create("q.fifo", Map.of("FifoQueue", "true", "ContentBasedDeduplication", "true",
                "VisibilityTimeout", "3"));
        Set<String> alive = new HashSet<>();
        Map<String, String> handles = new HashMap<>();
        Map<String, Integer> nextOfGroup = new HashMap<>();
        Map<String, Integer> firstReceivedOfGroup = new HashMap<>();
        Set<String> receivedOnce = new HashSet<>();
        for (int step = 0; step < 3_000; step++) {
            int op = random.nextInt(100);
            if (op < 35) {
                String group = "g" + random.nextInt(5);
                int index = nextOfGroup.merge(group, 1, Integer::sum) - 1;
                alive.addAll(sendTo(q, group, index, index + 1));
            } else if (op < 40) {
                List<BatchEntry<SendCommand>> entries = new ArrayList<>();
                for (int i = 0; i < 1 + random.nextInt(10); i++) {
                    String group = "g" + random.nextInt(5);
                    String body = group + "-" + (nextOfGroup.merge(group, 1, Integer::sum) - 1);
                    entries.add(new BatchEntry<>("e" + i, new SendCommand(body, null, null, null, null, group, null)));
                    alive.add(body);
                }
                assertThat(engine.sendMessageBatch(q, entries).failed()).isEmpty();
            } else if (op < 65) {
                for (ReceivedMessage m : receiveFor(q, 1 + random.nextInt(10), random.nextInt(4))) {
                    assertThat(alive).as("received a deleted message").contains(m.body());
                    if (receivedOnce.add(m.body())) {
                        Integer before = firstReceivedOfGroup.put(groupOf(m.body()), indexOf(m.body()));
                        assertThat(before == null || before < indexOf(m.body()))
                                .as("%s first received after %s-%s", m.body(), groupOf(m.body()), before).isTrue();
                    }
                    handles.put(m.body(), m.receiptHandle());
                }
            } else if (op < 85 && !handles.isEmpty()) {
                String body = List.copyOf(handles.keySet()).get(random.nextInt(handles.size()));
                try {
                    engine.deleteMessage(q, handles.remove(body));
                    alive.remove(body);
                } catch (io.wharf.protocol.AwsException e) { // FIFO: a handle whose visibility timed out is refused
                    assertThat(e.getMessage()).contains("The receipt handle has expired");
                }
            } else if (op < 90 && !handles.isEmpty()) {
                String body = List.copyOf(handles.keySet()).get(random.nextInt(handles.size()));
                try {
                    engine.changeMessageVisibility(q, handles.get(body), 0);
                } catch (io.wharf.protocol.AwsException e) {
                    assertThat(e.getMessage()).containsAnyOf("not available for visibility timeout change",
                            "The receipt handle has expired");
                }
            } else if (shiftWindow && op < 93) {
                if (others.isEmpty()) { // seven more queues hold messages: the window shrinks to 80 / 8 = 10
                    for (int i = 0; i < 7; i++) {
                        QueueId other = create("other-" + step + "-" + i);
                        for (int n = 0; n < 15; n++) {
                            send(other, "x");
                        }
                        others.add(other);
                    }
                } else { // and grows back to 40 when they go
                    others.forEach(engine::deleteQueue);
                    others.clear();
                }
            } else if (changeDelays && op < 95) {
                engine.setQueueAttributes(q, Map.of("DelaySeconds", Integer.toString(random.nextInt(4))));
            } else if (op < 98) {
                clock.advanceSeconds(random.nextInt(3));
            } else {
                restart();
            }
            assertThat(allCounts(q)).as("counts after step %d", step).isEqualTo(alive.size());
        }
        clock.advanceSeconds(10);
        List<String> drained = drain(q, 10);
        assertThat(drained).as("received twice").doesNotHaveDuplicates();
        assertThat(new HashSet<>(drained)).isEqualTo(alive);
        assertThat(alive.size()).as("the work left a backlog to page").isGreaterThan(MOST_HELD_WHEN_IDLE * 4);
    }
}
