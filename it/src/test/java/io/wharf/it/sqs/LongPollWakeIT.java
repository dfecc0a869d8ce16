package io.wharf.it.sqs;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.model.ChangeMessageVisibilityBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.awssdk.services.sqs.model.ReceiveMessageResponse;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A long poll already waiting is woken by every change that can make a message receivable (issue 14: a FIFO poll
 * that started while its group's head was in flight slept through the head's delete, so the JMS FIFO consumer got
 * one message per 20 s). Each test starts a 20-second poll through the async client, lets it reach the server,
 * makes the change and expects the poll to answer with the message within 10 s: a poll the change did not wake
 * answers only after its 20 s. (The end of a FIFO head's retention, at least 60 s away, is left to the engine's
 * LongPollWakeTest and its manual clock.)
 */
class LongPollWakeIT extends SqsTestBase {
    private static final int WAIT_SECONDS = 20;
    private static final long BOUND_MILLIS = 10_000;

    @Test
    void deletingTheGroupsInFlightHeadWakesAWaitingFifoPoll() throws Exception {
        String url = fifoWithGroup("a1", "a2");
        Message head = receiveOne(url, "a1", null);
        Poll poll = Poll.start(this, url);
        sqsAsync.deleteMessage(r -> r.queueUrl(url).receiptHandle(head.receiptHandle())).get(5, TimeUnit.SECONDS);
        poll.expect("a2");
    }

    @Test
    void batchDeletingTheGroupsInFlightHeadWakesAWaitingFifoPoll() throws Exception {
        String url = fifoWithGroup("a1", "a2");
        Message head = receiveOne(url, "a1", null);
        Poll poll = Poll.start(this, url);
        var result = sqsAsync.deleteMessageBatch(r -> r.queueUrl(url).entries(DeleteMessageBatchRequestEntry.builder()
                .id("1").receiptHandle(head.receiptHandle()).build())).get(5, TimeUnit.SECONDS);
        assertThat(result.failed()).isEmpty();
        poll.expect("a2");
    }

    @Test
    void visibilityChangedToZeroWakesAWaitingFifoPoll() throws Exception {
        String url = fifoWithGroup("a1", "a2");
        Message head = receiveOne(url, "a1", null);
        Poll poll = Poll.start(this, url);
        sqsAsync.changeMessageVisibility(r -> r.queueUrl(url).receiptHandle(head.receiptHandle())
                .visibilityTimeout(0)).get(5, TimeUnit.SECONDS);
        poll.expect("a1", "a2");
    }

    @Test
    void visibilityBatchChangedToZeroWakesAWaitingFifoPoll() throws Exception {
        String url = fifoWithGroup("a1", "a2");
        Message head = receiveOne(url, "a1", null);
        Poll poll = Poll.start(this, url);
        var result = sqsAsync.changeMessageVisibilityBatch(r -> r.queueUrl(url).entries(
                ChangeMessageVisibilityBatchRequestEntry.builder().id("1").receiptHandle(head.receiptHandle())
                        .visibilityTimeout(0).build())).get(5, TimeUnit.SECONDS);
        assertThat(result.failed()).isEmpty();
        poll.expect("a1", "a2");
    }

    @Test
    void aShortenedVisibilityWakesAWaitingStandardPoll() throws Exception {
        String url = queue("wake-shorter");
        sqs.sendMessage(r -> r.queueUrl(url).messageBody("m"));
        Message m = receiveOne(url, "m", null); // visible again in 30 s, after the poll's 20
        Poll poll = Poll.start(this, url);
        sqsAsync.changeMessageVisibility(r -> r.queueUrl(url).receiptHandle(m.receiptHandle())
                .visibilityTimeout(1)).get(5, TimeUnit.SECONDS);
        poll.expect("m");
    }

    @Test
    void aShortenedVisibilityInABatchWakesAWaitingFifoPoll() throws Exception {
        String url = fifoWithGroup("a1", "a2");
        Message head = receiveOne(url, "a1", null);
        Poll poll = Poll.start(this, url);
        sqsAsync.changeMessageVisibilityBatch(r -> r.queueUrl(url).entries(
                ChangeMessageVisibilityBatchRequestEntry.builder().id("1").receiptHandle(head.receiptHandle())
                        .visibilityTimeout(1).build())).get(5, TimeUnit.SECONDS);
        poll.expect("a1", "a2");
    }

    @Test
    void aWaitingFifoPollTakesTheHeadWhenItsVisibilityRunsOut() throws Exception {
        String url = fifoWithGroup("a1", "a2");
        receiveOne(url, "a1", 2);
        Poll.start(this, url).expect("a1", "a2");
    }

    @Test
    void aWaitingPollTakesADelayedMessageWhenItsDelayEnds() throws Exception {
        String url = queue("wake-delay");
        Poll poll = Poll.start(this, url);
        sqsAsync.sendMessage(r -> r.queueUrl(url).messageBody("later").delaySeconds(1)).get(5, TimeUnit.SECONDS);
        poll.expect("later");
    }

    @Test
    void purgeReleasesTheGroupForTheNextMessageSentToIt() throws Exception {
        String url = fifoWithGroup("a1", "a2");
        receiveOne(url, "a1", null);
        Poll poll = Poll.start(this, url);
        sqsAsync.purgeQueue(r -> r.queueUrl(url)).get(5, TimeUnit.SECONDS);
        sqsAsync.sendMessage(r -> r.queueUrl(url).messageBody("b1").messageGroupId("g")).get(5, TimeUnit.SECONDS);
        poll.expect("b1");
    }

    @Test
    void aReceiveThatDeadLettersAMessageWakesAPollWaitingOnTheDeadLetterQueue() throws Exception {
        String dlq = queue("wake-dlq");
        String source = sourceOf(dlq);
        sqs.sendMessage(r -> r.queueUrl(source).messageBody("poison"));
        receiveOne(source, "poison", 0);
        Poll poll = Poll.start(this, dlq);
        assertThat(sqs.receiveMessage(r -> r.queueUrl(source)).messages()).isEmpty(); // moves it
        poll.expect("poison");
    }

    @Test
    void aMoveTaskWakesAPollWaitingOnTheQueueItRedrivesTo() throws Exception {
        String dlq = queue("wake-dlq");
        String source = sourceOf(dlq);
        sqs.sendMessage(r -> r.queueUrl(source).messageBody("poison"));
        receiveOne(source, "poison", 0);
        assertThat(sqs.receiveMessage(r -> r.queueUrl(source)).messages()).isEmpty();
        assertThat(attribute(dlq, QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES)).isEqualTo("1");
        Poll poll = Poll.start(this, source);
        sqsAsync.startMessageMoveTask(r -> r.sourceArn(attribute(dlq, QueueAttributeName.QUEUE_ARN)))
                .get(5, TimeUnit.SECONDS);
        poll.expect("poison");
    }

    // ---- helpers

    /** A 20-second receive of up to 10 messages, started and given time to reach the server and wait there. */
    private record Poll(CompletableFuture<ReceiveMessageResponse> answer, long startNanos) {
        static Poll start(LongPollWakeIT test, String url) throws InterruptedException {
            long startNanos = System.nanoTime();
            CompletableFuture<ReceiveMessageResponse> answer = test.sqsAsync.receiveMessage(r -> r.queueUrl(url)
                    .maxNumberOfMessages(10).waitTimeSeconds(WAIT_SECONDS));
            Thread.sleep(500);
            assertThat(answer).as("nothing to receive yet").isNotDone();
            return new Poll(answer, startNanos);
        }

        /** The poll answers with exactly these bodies, well before its wait time ran out. */
        void expect(String... bodies) throws Exception {
            ReceiveMessageResponse response = answer.get(BOUND_MILLIS, TimeUnit.MILLISECONDS);
            assertThat(response.messages()).extracting(Message::body).containsExactly(bodies);
            assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos))
                    .as("answered well before its %d s wait ran out", WAIT_SECONDS).isLessThan(15_000);
        }
    }

    private String fifoWithGroup(String... bodies) {
        String name = unique("wake") + ".fifo";
        String url = sqs.createQueue(r -> r.queueName(name).attributes(Map.of(QueueAttributeName.FIFO_QUEUE, "true",
                QueueAttributeName.CONTENT_BASED_DEDUPLICATION, "true"))).queueUrl();
        for (String body : bodies) {
            sqs.sendMessage(r -> r.queueUrl(url).messageBody(body).messageGroupId("g"));
        }
        return url;
    }

    private String sourceOf(String dlq) {
        String dlqArn = attribute(dlq, QueueAttributeName.QUEUE_ARN);
        return sqs.createQueue(r -> r.queueName(unique("wake-src")).attributes(Map.of(
                QueueAttributeName.REDRIVE_POLICY,
                "{\"deadLetterTargetArn\":\"" + dlqArn + "\",\"maxReceiveCount\":\"1\"}"))).queueUrl();
    }

    /** Receives exactly one message, with the given visibility timeout (null: the queue's 30 s). */
    private Message receiveOne(String url, String body, Integer visibilityTimeout) {
        List<Message> got = sqs.receiveMessage(r -> r.queueUrl(url).maxNumberOfMessages(1)
                .visibilityTimeout(visibilityTimeout)).messages();
        assertThat(got).extracting(Message::body).containsExactly(body);
        return got.get(0);
    }
}
