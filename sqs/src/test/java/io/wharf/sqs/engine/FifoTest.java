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
        List<ReceivedMessage> first = receive(q, 2);
        assertThat(first).extracting(ReceivedMessage::body).containsExactly("g1-1", "g2-1");
        assertThat(receive(q, 10)).isEmpty(); // both groups locked
        engine.deleteMessage(q, first.get(0).receiptHandle());
        assertThat(receive(q, 10)).extracting(ReceivedMessage::body).containsExactly("g1-2");
        clock.advanceSeconds(30);
        var expired = error(() -> engine.deleteMessage(q, first.get(1).receiptHandle()));
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
}
