package io.wharf.sqs.engine;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * Every change that can make a message receivable wakes a receive already waiting on the queue (issue 14: a FIFO
 * long poll that started while its group's head was in flight slept through the head's delete). Each test starts
 * a 20-second long poll, waits until it is parked on the queue, makes the change, and expects the poll to return
 * the message within 10 seconds of real time: a poll the change did not wake sleeps the whole 20 seconds (the
 * manual clock does not move by itself), so the bound separates woken from not woken, whatever the machine's speed.
 */
class LongPollWakeTest extends EngineFixture {
    private static final int WAIT_SECONDS = 20;
    private static final long BOUND_SECONDS = 10;
    private static final String DLQ_ARN = "arn:aws:sqs:us-east-1:000000000000:dlq";

    private final ExecutorService pollers = Executors.newVirtualThreadPerTaskExecutor();

    @AfterEach
    void stopPollers() {
        pollers.shutdownNow();
    }

    // ---- FIFO: the group's in-flight head leaves or comes back

    @Test
    void deletingTheGroupsInFlightHeadWakesAWaitingFifoReceive() throws Exception {
        QueueId q = fifoWithGroup("a1", "a2");
        String head = receiveOne(q, "a1");
        CompletableFuture<List<ReceivedMessage>> poll = parkedPoll(q);
        engine.deleteMessage(q, head);
        assertThat(bodies(poll)).containsExactly("a2");
    }

    @Test
    void batchDeletingTheGroupsInFlightHeadWakesAWaitingFifoReceive() throws Exception {
        QueueId q = fifoWithGroup("a1", "a2");
        String head = receiveOne(q, "a1");
        CompletableFuture<List<ReceivedMessage>> poll = parkedPoll(q);
        BatchResult<Void> result = engine.deleteMessageBatch(q, List.of(new BatchEntry<>("1", head)));
        assertThat(result.failed()).isEmpty();
        assertThat(bodies(poll)).containsExactly("a2");
    }

    @Test
    void visibilityChangedToZeroWakesAWaitingFifoReceive() throws Exception {
        QueueId q = fifoWithGroup("a1", "a2");
        String head = receiveOne(q, "a1");
        CompletableFuture<List<ReceivedMessage>> poll = parkedPoll(q);
        engine.changeMessageVisibility(q, head, 0);
        assertThat(bodies(poll)).containsExactly("a1", "a2"); // the head again, and the rest of its group
    }

    @Test
    void visibilityBatchChangedToZeroWakesAWaitingFifoReceive() throws Exception {
        QueueId q = fifoWithGroup("a1", "a2");
        String head = receiveOne(q, "a1");
        CompletableFuture<List<ReceivedMessage>> poll = parkedPoll(q);
        BatchResult<Void> result = engine.changeMessageVisibilityBatch(q,
                List.of(new BatchEntry<>("1", new VisibilityChange(head, 0))));
        assertThat(result.failed()).isEmpty();
        assertThat(bodies(poll)).containsExactly("a1", "a2"); // the head again, and the rest of its group
    }

    @Test
    void aShortenedVisibilityWakesAWaitingReceiveToSleepOnlyUntilTheNewTime() throws Exception {
        QueueId q = fifoWithGroup("a1", "a2");
        String head = receiveOne(q, "a1"); // visible again in 30 s: the poll planned to sleep its whole 20 s
        CompletableFuture<List<ReceivedMessage>> poll = parkedPoll(q);
        engine.changeMessageVisibility(q, head, 1);
        clock.advanceSeconds(1);
        assertThat(bodies(poll)).containsExactly("a1", "a2"); // the head again, and the rest of its group
    }

    @Test
    void aShortenedVisibilityInABatchWakesAWaitingStandardReceive() throws Exception {
        QueueId q = create("q");
        send(q, "m");
        String handle = receiveOne(q, "m");
        CompletableFuture<List<ReceivedMessage>> poll = parkedPoll(q);
        engine.changeMessageVisibilityBatch(q, List.of(new BatchEntry<>("1", new VisibilityChange(handle, 1))));
        clock.advanceSeconds(1);
        assertThat(bodies(poll)).containsExactly("m");
    }

    @Test
    void aWaitingFifoReceiveTakesTheHeadWhenItsVisibilityRunsOut() throws Exception {
        QueueId q = fifoWithGroup("a1", "a2");
        assertThat(engine.receiveMessage(q, new ReceiveCommand(1, 1, 0, Set.of(), List.of(), null)))
                .extracting(ReceivedMessage::body).containsExactly("a1");
        CompletableFuture<List<ReceivedMessage>> poll = parkedPoll(q);
        clock.advanceSeconds(1);
        assertThat(bodies(poll)).containsExactly("a1", "a2"); // the head again, and the rest of its group
    }

    @Test
    void theInFlightHeadDroppedByRetentionReleasesItsGroupToAWaitingReceive() throws Exception {
        QueueId q = create("q.fifo", Map.of("FifoQueue", "true", "ContentBasedDeduplication", "true",
                "MessageRetentionPeriod", "60"));
        sendToGroup(q, "a1");
        clock.advanceSeconds(30);
        sendToGroup(q, "a2");
        assertThat(engine.receiveMessage(q, new ReceiveCommand(1, 43_200, 0, Set.of(), List.of(), null)))
                .extracting(ReceivedMessage::body).containsExactly("a1");
        clock.advanceSeconds(29); // a1's retention ends in 1 s, long before its visibility
        CompletableFuture<List<ReceivedMessage>> poll = parkedPoll(q);
        clock.advanceSeconds(1);
        assertThat(bodies(poll)).containsExactly("a2");
    }

    @Test
    void purgeReleasesTheGroupForTheNextMessageSentToIt() throws Exception {
        QueueId q = fifoWithGroup("a1", "a2");
        receiveOne(q, "a1");
        CompletableFuture<List<ReceivedMessage>> poll = parkedPoll(q);
        engine.purgeQueue(q);
        awaitParked(q); // woken by the purge, nothing to take: waiting again
        sendToGroup(q, "b1");
        assertThat(bodies(poll)).containsExactly("b1");
    }

    // ---- standard: timers, moves

    @Test
    void aWaitingReceiveTakesADelayedMessageWhenItsDelayEnds() throws Exception {
        QueueId q = create("q");
        CompletableFuture<List<ReceivedMessage>> poll = parkedPoll(q);
        engine.sendMessage(q, new SendCommand("later", 1, null, null, null, null, null));
        awaitParked(q); // woken by the send, nothing visible yet: waiting again, until the delay ends
        clock.advanceSeconds(1);
        assertThat(bodies(poll)).containsExactly("later");
    }

    @Test
    void aMessageDeadLetteredByAReceiveWakesAReceiveWaitingOnTheDeadLetterQueue() throws Exception {
        create("dlq");
        QueueId source = create("source", Map.of("RedrivePolicy",
                "{\"deadLetterTargetArn\":\"" + DLQ_ARN + "\",\"maxReceiveCount\":\"1\"}", "VisibilityTimeout", "0"));
        send(source, "poison");
        assertThat(receive(source, 1)).hasSize(1);
        CompletableFuture<List<ReceivedMessage>> poll = parkedPoll(id("dlq"));
        assertThat(receive(source, 1)).isEmpty(); // moves it
        assertThat(bodies(poll)).containsExactly("poison");
    }

    @Test
    void aMoveTaskRedrivingMessagesWakesAReceiveWaitingOnTheirSourceQueue() throws Exception {
        create("dlq");
        QueueId source = create("source", Map.of("RedrivePolicy",
                "{\"deadLetterTargetArn\":\"" + DLQ_ARN + "\",\"maxReceiveCount\":\"1\"}", "VisibilityTimeout", "0"));
        send(source, "poison");
        assertThat(receive(source, 1)).hasSize(1);
        assertThat(receive(source, 1)).isEmpty();
        assertThat(attribute(id("dlq"), "ApproximateNumberOfMessages")).isEqualTo("1");
        CompletableFuture<List<ReceivedMessage>> poll = parkedPoll(source);
        engine.startMessageMoveTask(DLQ_ARN, null, null);
        assertThat(bodies(poll)).containsExactly("poison");
    }

    // ---- the cap on all queues' in-flight messages (InflightBudget)

    @Test
    void roomFreedUnderTheInflightCapOnAnotherQueueWakesAWaitingFifoReceive() throws Exception {
        engine.close();
        engine = new SqsEngine(store, clock, SqsLimits.strict().withMaxInflightTotal(10), MASTER_KEY);
        QueueId other = create("other");
        for (int i = 0; i < 10; i++) {
            send(other, "o" + i);
        }
        List<ReceivedMessage> held = receive(other, 10);
        assertThat(held).as("the cap reached").hasSize(10);
        QueueId q = fifoWithGroup("a1", "a2");
        CompletableFuture<List<ReceivedMessage>> poll = parkedPoll(q);
        engine.deleteMessage(other, held.get(0).receiptHandle());
        assertThat(bodies(poll)).as("room for one").containsExactly("a1");
    }

    // ---- and what must not happen

    @Test
    void aDeleteInAnotherGroupDoesNotHandOutAGroupStillInFlight() throws Exception {
        QueueId q = create("q.fifo", Map.of("FifoQueue", "true", "ContentBasedDeduplication", "true"));
        sendToGroup(q, "a1", "a");
        sendToGroup(q, "a2", "a");
        sendToGroup(q, "b1", "b");
        List<ReceivedMessage> first = engine.receiveMessage(q, ReceiveCommand.of(10));
        assertThat(first).extracting(ReceivedMessage::body).containsExactly("a1", "a2", "b1");
        CompletableFuture<List<ReceivedMessage>> poll = parkedPoll(q);
        engine.deleteMessage(q, first.get(2).receiptHandle()); // b1: group b is empty, group a still in flight
        awaitParked(q);
        assertThat(poll).isNotDone();
        engine.changeMessageVisibilityBatch(q, List.of(
                new BatchEntry<>("1", new VisibilityChange(first.get(0).receiptHandle(), 0)),
                new BatchEntry<>("2", new VisibilityChange(first.get(1).receiptHandle(), 0))));
        assertThat(bodies(poll)).containsExactly("a1", "a2");
    }

    // ---- helpers

    private QueueId fifoWithGroup(String... bodies) {
        QueueId q = create("q.fifo", Map.of("FifoQueue", "true", "ContentBasedDeduplication", "true"));
        for (String body : bodies) {
            sendToGroup(q, body);
        }
        return q;
    }

    private void sendToGroup(QueueId q, String body) {
        sendToGroup(q, body, "g");
    }

    private void sendToGroup(QueueId q, String body, String group) {
        engine.sendMessage(q, new SendCommand(body, null, null, null, null, group, null));
    }

    /** Receives exactly one message (30 s visibility, the default) and returns its receipt handle. */
    private String receiveOne(QueueId q, String expectedBody) {
        List<ReceivedMessage> got = receive(q, 1);
        assertThat(got).extracting(ReceivedMessage::body).containsExactly(expectedBody);
        return got.get(0).receiptHandle();
    }

    /** A receive of up to 10 messages waiting 20 s, returned once it is parked on the queue. */
    private CompletableFuture<List<ReceivedMessage>> parkedPoll(QueueId q) throws InterruptedException {
        CompletableFuture<List<ReceivedMessage>> poll = CompletableFuture.supplyAsync(() -> engine.receiveMessage(q,
                new ReceiveCommand(10, null, WAIT_SECONDS, Set.of(), List.of(), null)), pollers);
        awaitParked(q);
        assertThat(poll).as("nothing to take yet").isNotDone();
        return poll;
    }

    /** Waits (real time, bounded) until a receive is parked on the queue's condition. */
    private void awaitParked(QueueId q) throws InterruptedException {
        long giveUp = System.nanoTime() + TimeUnit.SECONDS.toNanos(BOUND_SECONDS);
        while (engine.waitingReceivers(q) == 0) {
            if (System.nanoTime() > giveUp) {
                fail("no receive parked on " + q + " within " + BOUND_SECONDS + " s");
            }
            Thread.sleep(5);
        }
    }

    private static List<String> bodies(CompletableFuture<List<ReceivedMessage>> poll) throws Exception {
        return poll.get(BOUND_SECONDS, TimeUnit.SECONDS).stream().map(ReceivedMessage::body).toList();
    }
}
