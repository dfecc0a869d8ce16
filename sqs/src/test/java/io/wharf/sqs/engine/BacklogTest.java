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
 * A standard queue's backlog beyond its hot window lives in the store only: counts, order, retention, purge,
 * peeks and restarts behave as if memory held it all, and memory holds no more than the window.
 */
class BacklogTest extends EngineFixture {
    private static final int HOT = 4;
    /** The window, the quarter above it before messages leave, and the one a send adds after its own check. */
    private static final int MOST_HELD_WHEN_IDLE = HOT + HOT / 4 + 1;

    @BeforeEach
    void smallWindow() {
        engine.close();
        engine = new SqsEngine(store, clock, limits(), MASTER_KEY);
    }

    private static SqsLimits limits() {
        return SqsLimits.strict().withHotMessages(HOT);
    }

    private void restart() {
        engine.close();
        engine = new SqsEngine(store, clock, limits(), MASTER_KEY);
    }

    private List<String> sendNumbered(QueueId q, int from, int to) {
        List<String> bodies = new ArrayList<>();
        for (int i = from; i < to; i++) {
            bodies.add("m" + i);
            send(q, "m" + i);
        }
        return bodies;
    }

    private List<ReceivedMessage> receiveFor(QueueId q, int max, int visibilitySeconds) {
        return engine.receiveMessage(q, new ReceiveCommand(max, visibilitySeconds, 0, Set.of(), List.of(), null));
    }

    /** The bodies of every receive until one returns nothing (messages stay in flight for {@code visibilitySeconds}). */
    private List<String> receiveUntilEmpty(QueueId q, int max, int visibilitySeconds) {
        List<String> bodies = new ArrayList<>();
        List<ReceivedMessage> batch;
        while (!(batch = receiveFor(q, max, visibilitySeconds)).isEmpty()) {
            batch.forEach(m -> bodies.add(m.body()));
        }
        return bodies;
    }

    @Test
    void aBacklogBeyondTheWindowStaysInTheStoreAndIsReceivedInOrderOfSending() {
        QueueId q = create("q");
        List<String> sent = sendNumbered(q, 0, 100);

        assertThat(attribute(q, "ApproximateNumberOfMessages")).isEqualTo("100");
        assertThat(engine.heldMessages(q)).isLessThanOrEqualTo(MOST_HELD_WHEN_IDLE);
        long mostPerContent = new MessageContent("3f1e2d4c-0000-4000-8000-000000000001", "m99", Map.of(), null, null,
                SendCommand.DEFAULT_SENDER, 0, null).size(); // the longest body sent here
        assertThat(engine.heldContentBytes()).isPositive() // the backlog's contents were let go with their messages
                .isLessThanOrEqualTo(engine.heldMessages(q) * mostPerContent);

        List<String> received = new ArrayList<>();
        List<ReceivedMessage> batch;
        while (!(batch = receiveFor(q, 10, 30)).isEmpty()) {
            batch.forEach(m -> received.add(m.body()));
            batch.forEach(m -> engine.deleteMessage(q, m.receiptHandle()));
            assertThat(engine.heldMessages(q)).isLessThanOrEqualTo(MOST_HELD_WHEN_IDLE + 10);
        }
        assertThat(received).containsExactlyInAnyOrderElementsOf(sent);
        assertThat(received.subList(50, 100)).as("the backlog comes back oldest first")
                .isEqualTo(sent.subList(50, 100));
        assertThat(attribute(q, "ApproximateNumberOfMessages")).isEqualTo("0");
        assertThat(engine.heldMessages(q)).isZero();
        assertThat(stored("sqs.messages")).isZero();
    }

    @Test
    void retentionRemovesTheBacklogOldestFirstAndTheAgeCountsIt() {
        QueueId q = create("q", Map.of("MessageRetentionPeriod", "60"));
        sendNumbered(q, 0, 40);
        clock.advanceSeconds(30);
        List<String> younger = sendNumbered(q, 40, 80);
        assertThat(attribute(q, "ApproximateNumberOfMessages")).isEqualTo("80");
        assertThat(engine.queueStats()).singleElement().extracting(QueueStats::oldestAgeSeconds).isEqualTo(30L);

        clock.advanceSeconds(31);

        assertThat(attribute(q, "ApproximateNumberOfMessages")).isEqualTo("40");
        assertThat(stored("sqs.messages")).isEqualTo(40);
        List<String> received = receiveUntilEmpty(q, 10, 300);
        assertThat(received).containsExactlyInAnyOrderElementsOf(younger);
    }

    @Test
    void aRestartHoldsOnlyTheWindowAndWhatIsInFlight() {
        QueueId q = create("q");
        List<String> sent = sendNumbered(q, 0, 100);
        List<ReceivedMessage> inFlight = receiveFor(q, 3, 100);

        restart();

        assertThat(engine.heldMessages(q)).isLessThanOrEqualTo(HOT + 3);
        assertThat(engine.getQueueAttributes(q, List.of("All")))
                .containsEntry("ApproximateNumberOfMessages", "97")
                .containsEntry("ApproximateNumberOfMessagesNotVisible", "3");
        List<String> received = receiveUntilEmpty(q, 10, 300);
        assertThat(received).hasSize(97).doesNotContainAnyElementsOf(inFlight.stream().map(ReceivedMessage::body).toList());
        clock.advanceSeconds(100);
        assertThat(receiveFor(q, 10, 300)).extracting(ReceivedMessage::body)
                .containsExactlyInAnyOrderElementsOf(inFlight.stream().map(ReceivedMessage::body).toList());
        assertThat(received).containsAll(sent.subList(50, 100));
    }

    @Test
    void aPurgeEmptiesTheBacklogAndLaterMessagesAreReceived() {
        QueueId q = create("q");
        sendNumbered(q, 0, 50);
        engine.purgeQueue(q);
        assertThat(attribute(q, "ApproximateNumberOfMessages")).isEqualTo("0");
        assertThat(stored("sqs.messages")).isZero();
        clock.advanceSeconds(61);

        List<String> later = sendNumbered(q, 50, 60);

        List<String> received = receiveUntilEmpty(q, 10, 300);
        assertThat(received).containsExactlyInAnyOrderElementsOf(later);
    }

    @Test
    void aPeekShowsBacklogMessagesOldestFirstWithoutTakingThemIn() {
        QueueId q = create("q");
        List<String> sent = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            sent.addAll(sendNumbered(q, i, i + 1));
            clock.advanceSeconds(1);
        }
        int held = engine.heldMessages(q);

        assertThat(engine.peekMessages(q, 12)).extracting(PeekedMessage::body).isEqualTo(sent.subList(0, 12));
        assertThat(engine.peekMessages(q, 50)).extracting(PeekedMessage::body).isEqualTo(sent);
        assertThat(engine.heldMessages(q)).isEqualTo(held);
        assertThat(engine.queueStats()).singleElement().extracting(QueueStats::oldestAgeSeconds).isEqualTo(20L);
    }

    @Test
    void aMessageHeldInsideTheBacklogsRangeIsReceivedOnceAndDeletedForGood() {
        QueueId q = create("q");
        sendNumbered(q, 0, 10);
        engine.sendMessage(q, new SendCommand("delayed", 5, null, null, null, null, null));
        sendNumbered(q, 10, 20);
        clock.advanceSeconds(5);

        List<String> received = new ArrayList<>();
        List<ReceivedMessage> batch;
        while (!(batch = receiveFor(q, 3, 300)).isEmpty()) {
            for (ReceivedMessage m : batch) {
                received.add(m.body());
                engine.deleteMessage(q, m.receiptHandle());
            }
        }
        assertThat(received).hasSize(21).doesNotHaveDuplicates().contains("delayed");
        clock.advanceSeconds(301);
        assertThat(receiveFor(q, 10, 300)).isEmpty();
        assertThat(stored("sqs.messages")).isZero();
    }

    @Test
    void messagesReceivedBeforeStayInMemoryAndNewOnesStillLeaveIt() {
        QueueId q = create("q");
        List<String> first = sendNumbered(q, 0, 20);
        List<String> taken = receiveUntilEmpty(q, 10, 1);
        assertThat(taken).containsExactlyInAnyOrderElementsOf(first);
        clock.advanceSeconds(2); // all twenty visible again, received once: they cannot leave memory

        List<String> later = sendNumbered(q, 20, 50);

        assertThat(engine.heldMessages(q)).as("the twenty, and new ones leave again").isLessThanOrEqualTo(20 + 3);
        assertThat(attribute(q, "ApproximateNumberOfMessages")).isEqualTo("50");
        List<String> received = receiveUntilEmpty(q, 10, 300);
        List<String> all = new ArrayList<>(first);
        all.addAll(later);
        assertThat(received).containsExactlyInAnyOrderElementsOf(all);
    }

    /**
     * Random sends, receives, deletes, visibility changes, clock steps and restarts on a window of four: after
     * every step the counts add up to the messages not deleted, and at the end every one of them is received.
     */
    @Test
    void randomWorkKeepsEveryMessageAndTheCountsExact() {
        Random random = new Random(16);
        QueueId q = create("q", Map.of("VisibilityTimeout", "3"));
        Set<String> alive = new HashSet<>();
        Map<String, String> handles = new HashMap<>();
        int next = 0;
        for (int step = 0; step < 3_000; step++) {
            int op = random.nextInt(100);
            if (op < 35) {
                String body = "r" + next++;
                Integer delay = random.nextInt(4) == 0 ? random.nextInt(3) : null;
                engine.sendMessage(q, new SendCommand(body, delay, null, null, null, null, null));
                alive.add(body);
            } else if (op < 40) {
                List<BatchEntry<SendCommand>> entries = new ArrayList<>();
                for (int i = 0; i < 1 + random.nextInt(10); i++) {
                    String body = "r" + next++;
                    entries.add(new BatchEntry<>("e" + i, SendCommand.of(body)));
                    alive.add(body);
                }
                assertThat(engine.sendMessageBatch(q, entries).failed()).isEmpty();
            } else if (op < 65) {
                for (ReceivedMessage m : receiveFor(q, 1 + random.nextInt(10), random.nextInt(4))) {
                    assertThat(alive).as("received a deleted message").contains(m.body());
                    handles.put(m.body(), m.receiptHandle());
                }
            } else if (op < 85 && !handles.isEmpty()) {
                String body = List.copyOf(handles.keySet()).get(random.nextInt(handles.size()));
                engine.deleteMessage(q, handles.remove(body));
                alive.remove(body);
            } else if (op < 90 && !handles.isEmpty()) {
                String body = List.copyOf(handles.keySet()).get(random.nextInt(handles.size()));
                try {
                    engine.changeMessageVisibility(q, handles.get(body), 0);
                } catch (io.wharf.protocol.AwsException e) {
                    assertThat(e.getMessage()).contains("not available for visibility timeout change");
                }
            } else if (op < 98) {
                clock.advanceSeconds(random.nextInt(3));
            } else {
                restart();
            }
            assertThat(allCounts(q)).as("counts after step %d", step).isEqualTo(alive.size());
        }
        clock.advanceSeconds(10);
        List<String> drained = receiveUntilEmpty(q, 10, 300);
        assertThat(drained).as("received twice").doesNotHaveDuplicates();
        assertThat(new HashSet<>(drained)).isEqualTo(alive);
        assertThat(alive.size()).as("the work left a backlog to page").isGreaterThan(MOST_HELD_WHEN_IDLE * 4);
    }

    @Test
    void aRestartOfAnIdleQueueHoldsExactlyTheWindow() {
        QueueId q = create("q");
        sendNumbered(q, 0, 30);
        restart();
        assertThat(attribute(q, "ApproximateNumberOfMessages")).isEqualTo("30");
        assertThat(engine.heldMessages(q)).isEqualTo(HOT);
    }
}
