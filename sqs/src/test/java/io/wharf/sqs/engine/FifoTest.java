package io.wharf.sqs.engine;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class FifoTest extends EngineFixture {

    private SendResult send(QueueId q, String body, String group, String dedup) {
        return engine.sendMessage(q, new SendCommand(body, null, null, null, dedup, group, null));
    }

    @Test
    void fifoSendRules() {
        QueueId q = create("q.fifo", Map.of("FifoQueue", "true"));
        assertThat(error(() -> send(q, "b", null, "d")).getMessage())
                .isEqualTo("The request must contain the parameter MessageGroupId.");
        assertThat(error(() -> send(q, "b", "g", null)).getMessage()).isEqualTo("The queue should either have "
                + "ContentBasedDeduplication enabled or MessageDeduplicationId provided explicitly");
        assertThat(error(() -> engine.sendMessage(q, new SendCommand("b", 2, null, null, "d", "g", null))).getMessage())
                .isEqualTo("Value 2 for parameter DelaySeconds is invalid. Reason: The request include parameter that "
                        + "is not valid for this queue type.");
        assertThat(error(() -> engine.sendMessageBatch(q, List.of(new BatchEntry<>("a",
                new SendCommand("b", null, null, null, "d", null, null))))).code()).isEqualTo("MissingParameter");
    }

    @Test
    void anIdPastItsWindowIsForgottenEvenWhenTheClockWentBackBehindIt() {
        QueueId q = create("q.fifo", Map.of("FifoQueue", "true"));
        send(q, "a", "g", "first");          // remembered until t + 300 s
        clock.advanceSeconds(-100);
        SendResult early = send(q, "b", "g", "second"); // until t + 200 s, behind "first" in the window's order
        clock.advanceSeconds(250);           // t + 150 s: neither expired
        assertThat(send(q, "b again", "g", "second").messageId()).isEqualTo(early.messageId());
        clock.advanceSeconds(60);            // t + 210 s: "second" expired, "first" (the sweep's head) not

        SendResult again = send(q, "b again", "g", "second");

        assertThat(again.messageId()).isNotEqualTo(early.messageId());
        assertThat(send(q, "b once more", "g", "second").messageId()).isEqualTo(again.messageId());
    }

    @Test
    void deduplicationWithinFiveMinutes() {
        QueueId q = create("q.fifo", Map.of("FifoQueue", "true"));
        SendResult first = send(q, "a", "g", "d1");
        SendResult dup = send(q, "other body", "g", "d1");
        assertThat(dup.messageId()).isEqualTo(first.messageId());
        assertThat(first.sequenceNumber()).hasSize(20);
        assertThat(attribute(q, "ApproximateNumberOfMessages")).isEqualTo("1");
        clock.advanceSeconds(300);
        assertThat(send(q, "a", "g", "d1").messageId()).isNotEqualTo(first.messageId());
    }

    @Test
    void groupsAreDeliveredInOrderOneInFlightBatchAtATime() {
        QueueId q = create("q.fifo", Map.of("FifoQueue", "true", "ContentBasedDeduplication", "true"));
        send(q, "g1-1", "g1", null);
        send(q, "g2-1", "g2", null);
        send(q, "g1-2", "g1", null);
        List<ReceivedMessage> first = receive(q, 1);
        assertThat(first).extracting(ReceivedMessage::body).containsExactly("g1-1");
        List<ReceivedMessage> second = receive(q, 10);
        assertThat(second).extracting(ReceivedMessage::body).containsExactly("g2-1"); // g1-2 waits for g1-1
        assertThat(receive(q, 10)).isEmpty(); // both groups locked
        engine.deleteMessage(q, first.get(0).receiptHandle());
        assertThat(receive(q, 10)).extracting(ReceivedMessage::body).containsExactly("g1-2");
        clock.advanceSeconds(30);
        var expired = error(() -> engine.deleteMessage(q, second.get(0).receiptHandle()));
        assertThat(expired.getMessage()).endsWith("Reason: The receipt handle has expired.");
        assertThat(receiveAll(q, 10).get(0).attributes()).containsKeys("SequenceNumber", "MessageDeduplicationId",
                "MessageGroupId");
    }

    @Test
    void retriedReceiveWithTheSameAttemptIdGetsTheSameMessages() {
        QueueId q = create("q.fifo", Map.of("FifoQueue", "true", "ContentBasedDeduplication", "true"));
        send(q, "a", "g1", null);
        send(q, "b", "g2", null);
        ReceiveCommand attempt = new ReceiveCommand(1, null, 0, java.util.Set.of(), List.of(), "attempt-1");
        List<ReceivedMessage> first = engine.receiveMessage(q, attempt);
        clock.advanceSeconds(10);
        List<ReceivedMessage> retry = engine.receiveMessage(q, attempt);
        assertThat(retry).extracting(ReceivedMessage::receiptHandle)
                .containsExactlyElementsOf(first.stream().map(ReceivedMessage::receiptHandle).toList());
        clock.advanceSeconds(25); // the retry restarted the 30 s visibility timeout
        assertThat(receive(q, 10)).extracting(ReceivedMessage::body).containsExactly("b");
        engine.deleteMessage(q, first.get(0).receiptHandle());
        assertThat(engine.receiveMessage(q, attempt)).isEmpty(); // no longer applies: a fresh receive
    }

    @Test
    void queueDelayIsRetroactiveOnFifoQueues() {
        QueueId q = create("q.fifo", Map.of("FifoQueue", "true", "ContentBasedDeduplication", "true"));
        send(q, "a", "g", null);
        engine.setQueueAttributes(q, Map.of("DelaySeconds", "60"));
        assertThat(receive(q, 1)).isEmpty();
        clock.advanceSeconds(60);
        assertThat(receive(q, 1)).hasSize(1);
    }

    private void restart() {
        engine.close();
        engine = new SqsEngine(store, clock, SqsLimits.strict(), MASTER_KEY);
    }

    private QueueId fifo(String name, String... more) {
        Map<String, String> attributes = new java.util.HashMap<>(Map.of("FifoQueue", "true",
                "ContentBasedDeduplication", "true"));
        for (int i = 0; i < more.length; i += 2) {
            attributes.put(more[i], more[i + 1]);
        }
        return create(name, attributes);
    }

    private static ReceiveCommand attempt(String id, int max) {
        return new ReceiveCommand(max, null, 0, java.util.Set.of(), List.of(), id);
    }

    @Test
    void aReceiveFillsFromOneGroupFirstThenFromTheNext() {
        QueueId q = fifo("fill.fifo");
        for (String body : List.of("g1-1", "g2-1", "g1-2", "g3-1", "g2-2", "g1-3")) {
            send(q, body, body.substring(0, 2), null);
        }
        assertThat(receive(q, 2)).extracting(ReceivedMessage::body).containsExactly("g1-1", "g1-2");
        assertThat(receive(q, 10)).extracting(ReceivedMessage::body).containsExactly("g2-1", "g2-2", "g3-1");
        assertThat(receive(q, 10)).isEmpty(); // g1-3 waits while g1-1 and g1-2 are in flight
        clock.advanceSeconds(30);
        assertThat(receive(q, 10)).extracting(ReceivedMessage::body)
                .containsExactly("g1-1", "g1-2", "g1-3", "g2-1", "g2-2", "g3-1");
    }

    @Test
    void deduplicationScopeIsTheQueueOrTheGroup() {
        QueueId perQueue = fifo("scope-q.fifo");
        SendResult first = send(perQueue, "a", "g1", "same");
        assertThat(send(perQueue, "b", "g2", "same").messageId()).isEqualTo(first.messageId());
        assertThat(send(perQueue, "b", "g2", "same").sequenceNumber()).isEqualTo(first.sequenceNumber());
        assertThat(attribute(perQueue, "ApproximateNumberOfMessages")).isEqualTo("1");

        QueueId perGroup = fifo("scope-g.fifo", "DeduplicationScope", "messageGroup",
                "FifoThroughputLimit", "perMessageGroupId");
        SendResult g1 = send(perGroup, "a", "g1", "same");
        SendResult g2 = send(perGroup, "a", "g2", "same");
        assertThat(g2.messageId()).isNotEqualTo(g1.messageId());
        assertThat(send(perGroup, "c", "g1", "same").messageId()).isEqualTo(g1.messageId());
        assertThat(send(perGroup, "a", "g1", null).messageId()).isNotEqualTo(g1.messageId()); // content hash
        assertThat(attribute(perGroup, "ApproximateNumberOfMessages")).isEqualTo("3");
    }

    /** The ids live in the store, not in memory: memory holds none once the sends are answered. */
    @Test
    void deduplicationIdsAreKeptInTheStoreAndLeaveItWhenTheyExpire() {
        QueueId q = fifo("dedup-store.fifo");
        List<String> first = new java.util.ArrayList<>();
        for (int i = 0; i < 500; i++) {
            first.add(send(q, "m" + i, "g" + (i % 7), "d" + i).messageId());
        }
        assertThat(engine.pendingDeduplicationIds(q)).isZero();
        assertThat(stored("sqs.dedup")).isEqualTo(500);
        assertThat(stored("sqs.dedupexp")).isEqualTo(500);

        clock.advanceSeconds(299);
        for (int i = 0; i < 500; i++) {
            assertThat(send(q, "again", "g0", "d" + i).messageId()).as("id d%d", i).isEqualTo(first.get(i));
        }
        assertThat(attribute(q, "ApproximateNumberOfMessages")).isEqualTo("500");

        clock.advanceSeconds(1);
        assertThat(attribute(q, "ApproximateNumberOfMessages")).isEqualTo("500"); // an operation sweeps the ids
        assertThat(stored("sqs.dedup")).isZero();
        assertThat(stored("sqs.dedupexp")).isZero();
        assertThat(send(q, "new", "g0", "d0").messageId()).isNotEqualTo(first.get(0));
        assertThat(stored("sqs.dedup")).isEqualTo(1);
    }

    /** Receive attempt ids live in the store too: memory holds none once the receives are answered. */
    @Test
    void receiveAttemptIdsAreKeptInTheStoreAndLeaveItWhenTheyExpire() {
        QueueId q = fifo("attempt-store.fifo", "VisibilityTimeout", "900");
        List<String> handles = new java.util.ArrayList<>();
        for (int i = 0; i < 300; i++) {
            send(q, "m" + i, "g" + i, null); // a group each: every attempt gets one message
            handles.add(engine.receiveMessage(q, attempt("attempt-" + i, 1)).get(0).receiptHandle());
        }
        assertThat(engine.pendingReceiveAttempts(q)).isZero();
        assertThat(stored("sqs.attempts")).isEqualTo(300);
        assertThat(stored("sqs.attemptexp")).isEqualTo(300);

        clock.advanceSeconds(299);
        for (int i = 0; i < 300; i++) {
            assertThat(engine.receiveMessage(q, attempt("attempt-" + i, 1))).as("attempt-%d", i)
                    .extracting(ReceivedMessage::receiptHandle).containsExactly(handles.get(i));
        }
        assertThat(engine.pendingReceiveAttempts(q)).isZero();
        assertThat(stored("sqs.attemptexp")).as("a retry keeps the first expiry").isEqualTo(300);

        clock.advanceSeconds(1);
        assertThat(attribute(q, "ApproximateNumberOfMessagesNotVisible")).isEqualTo("300"); // an operation sweeps
        assertThat(stored("sqs.attempts")).isZero();
        assertThat(stored("sqs.attemptexp")).isZero();
        assertThat(engine.receiveMessage(q, attempt("attempt-0", 1))).as("expired: a fresh receive, groups locked")
                .isEmpty();
        restart();
        assertThat(stored("sqs.attempts")).isZero();
    }

    /** A store written before {@code sqs.attemptexp} existed: recovery writes its attempts' expiry records. */
    @Test
    void attemptsFromBeforeTheExpiryIndexAreKeptAndExpireAfterARestart() {
        QueueId q = fifo("attempt-old.fifo", "VisibilityTimeout", "900");
        send(q, "a", "g", null);
        String handle = engine.receiveMessage(q, attempt("old", 1)).get(0).receiptHandle();
        store.commit(new io.wharf.storage.WriteBatch().deleteRange(store.keySpace("sqs.attemptexp"), new byte[0],
                new byte[] {(byte) 0xFF}));
        clock.advanceSeconds(100);
        restart();
        assertThat(stored("sqs.attemptexp")).isEqualTo(1);
        assertThat(engine.receiveMessage(q, attempt("old", 1))).extracting(ReceivedMessage::receiptHandle)
                .containsExactly(handle);
        clock.advanceSeconds(200);
        assertThat(attribute(q, "ApproximateNumberOfMessagesNotVisible")).isEqualTo("1");
        assertThat(stored("sqs.attempts")).isZero();
    }

    /** Deleting the queue takes its attempts along. */
    @Test
    void aDeletedQueueLeavesNoAttemptsBehind() {
        QueueId q = fifo("attempt-gone.fifo");
        send(q, "a", "g", null);
        engine.receiveMessage(q, attempt("gone", 1));
        engine.deleteQueue(q);
        assertThat(stored("sqs.attempts")).isZero();
        assertThat(stored("sqs.attemptexp")).isZero();
    }

    /** A store written before {@code sqs.dedupexp} existed: recovery orders its ids by expiry, so they still expire. */
    @Test
    void idsFromBeforeTheExpiryIndexAreKeptAndExpireAfterARestart() {
        QueueId q = fifo("dedup-old.fifo");
        SendResult sent = send(q, "a", "g", "d");
        store.commit(new io.wharf.storage.WriteBatch().deleteRange(store.keySpace("sqs.dedupexp"), new byte[0],
                new byte[] {(byte) 0xFF}));
        clock.advanceSeconds(100);
        restart();
        assertThat(stored("sqs.dedupexp")).isEqualTo(1);
        assertThat(send(q, "a", "g", "d").messageId()).isEqualTo(sent.messageId());
        clock.advanceSeconds(200);
        assertThat(attribute(q, "ApproximateNumberOfMessages")).isEqualTo("1");
        assertThat(stored("sqs.dedup")).isZero();
    }

    @Test
    void theDeduplicationWindowSurvivesARestartAndStillEndsAfterFiveMinutes() {
        QueueId q = fifo("dedup-restart.fifo");
        SendResult first = send(q, "a", "g", "d");
        engine.deleteMessage(q, receive(q, 1).get(0).receiptHandle()); // remembered after the delete too
        clock.advanceSeconds(200);
        restart();
        assertThat(send(q, "a", "g", "d").messageId()).isEqualTo(first.messageId());
        assertThat(receive(q, 1)).isEmpty();
        clock.advanceSeconds(100);
        restart();
        assertThat(send(q, "a", "g", "d").messageId()).isNotEqualTo(first.messageId());
        assertThat(receive(q, 1)).extracting(ReceivedMessage::body).containsExactly("a");
    }

    @Test
    void anAttemptIdIsHonouredForFiveMinutesAndAcrossARestart() {
        QueueId q = fifo("attempt.fifo", "VisibilityTimeout", "600");
        send(q, "a1", "a", null);
        send(q, "a2", "a", null);
        send(q, "b1", "b", null);
        List<ReceivedMessage> first = engine.receiveMessage(q, attempt("x", 10));
        assertThat(first).extracting(ReceivedMessage::body).containsExactly("a1", "a2", "b1");
        restart();
        clock.advanceSeconds(299);
        List<ReceivedMessage> retry = engine.receiveMessage(q, attempt("x", 10));
        assertThat(retry).extracting(ReceivedMessage::receiptHandle)
                .containsExactlyElementsOf(first.stream().map(ReceivedMessage::receiptHandle).toList());
        clock.advanceSeconds(2);
        assertThat(engine.receiveMessage(q, attempt("x", 10))).isEmpty(); // expired: a fresh receive, groups locked
        // the first retry restarted the 600 s visibility, and the handles still work
        engine.deleteMessage(q, retry.get(0).receiptHandle());
    }

    @Test
    void anAttemptIdNoLongerAppliesOnceAVisibilityChanged() {
        QueueId q = fifo("attempt-vis.fifo");
        send(q, "a1", "a", null);
        List<ReceivedMessage> first = engine.receiveMessage(q, attempt("y", 10));
        engine.changeMessageVisibility(q, first.get(0).receiptHandle(), 0);
        List<ReceivedMessage> fresh = engine.receiveMessage(q, attempt("y", 10));
        assertThat(fresh).extracting(ReceivedMessage::body).containsExactly("a1");
        assertThat(fresh.get(0).receiptHandle()).isNotEqualTo(first.get(0).receiptHandle());
        // and the fresh receive is what the id now stands for
        assertThat(engine.receiveMessage(q, attempt("y", 10))).extracting(ReceivedMessage::receiptHandle)
                .containsExactly(fresh.get(0).receiptHandle());
    }

    @Test
    void aStaleHandleCannotChangeTheVisibilityOfALaterReceive() {
        QueueId q = fifo("stale.fifo");
        send(q, "a1", "a", null);
        String old = receive(q, 1).get(0).receiptHandle();
        clock.advanceSeconds(30);
        var notInFlight = error(() -> engine.changeMessageVisibility(q, old, 10));
        assertThat(notInFlight.getMessage()).endsWith("Reason: The receipt handle has expired.");
        String current = receive(q, 1).get(0).receiptHandle();
        var stale = error(() -> engine.changeMessageVisibility(q, old, 0));
        assertThat(stale.code()).isEqualTo("InvalidParameterValue");
        assertThat(receive(q, 1)).isEmpty(); // still locked by the current receive
        engine.changeMessageVisibility(q, current, 0);
        assertThat(receive(q, 1)).extracting(ReceivedMessage::body).containsExactly("a1");
    }

    @Test
    void deadLetteringKeepsTheGroupOrder() {
        QueueId dlq = fifo("dlq.fifo");
        QueueId q = fifo("src.fifo", "RedrivePolicy", "{\"deadLetterTargetArn\":\"arn:aws:sqs:" + REGION + ":"
                + ACCOUNT + ":dlq.fifo\",\"maxReceiveCount\":\"1\"}");
        for (int i = 1; i <= 4; i++) {
            send(q, "a" + i, "a", null);
        }
        send(q, "b1", "b", null);
        assertThat(receive(q, 10)).hasSize(5);
        clock.advanceSeconds(30);
        assertThat(receive(q, 10)).isEmpty();
        assertThat(receive(dlq, 10)).extracting(ReceivedMessage::body).containsExactly("a1", "a2", "a3", "a4", "b1");
    }
}
