package io.wharf.sqs.engine;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** A second engine on the same store continues exactly where the first stopped. */
class RecoveryTest extends EngineFixture {

    private void restart() {
        engine.close();
        engine = new SqsEngine(store, clock, SqsLimits.strict(), MASTER_KEY);
    }

    @Test
    void queuesMessagesAndTimersSurviveARestart() {
        QueueId q = engine.createQueue(id("q"), Map.of("VisibilityTimeout", "100"), Map.of("team", "a"));
        send(q, "inflight");
        String handle = receive(q, 1).get(0).receiptHandle();
        engine.sendMessage(q, new SendCommand("delayed", 50, Map.of("a", MessageAttributeValue.binary("Binary",
                new byte[]{1, 2})), null, null, null, null));
        send(q, "deleted");
        engine.deleteMessage(q, receive(q, 1).get(0).receiptHandle());
        send(q, "visible");

        restart();

        assertThat(engine.listQueueTags(q)).containsEntry("team", "a");
        assertThat(engine.getQueueAttributes(q, List.of("All"))).containsEntry("VisibilityTimeout", "100")
                .containsEntry("ApproximateNumberOfMessages", "1")
                .containsEntry("ApproximateNumberOfMessagesNotVisible", "1")
                .containsEntry("ApproximateNumberOfMessagesDelayed", "1");
        assertThat(receive(q, 10)).extracting(ReceivedMessage::body).containsExactly("visible");
        clock.advanceSeconds(50);
        ReceivedMessage delayed = engine.receiveMessage(q, new ReceiveCommand(10, null, 0, java.util.Set.of(),
                List.of("All"), null)).get(0);
        assertThat(delayed.body()).isEqualTo("delayed");
        assertThat(delayed.messageAttributes().get("a").binaryValue()).containsExactly(1, 2);
        engine.deleteMessage(q, handle); // handles stay valid across restarts
        clock.advanceSeconds(100);
        assertThat(receive(q, 10)).extracting(ReceivedMessage::body).containsExactlyInAnyOrder("visible", "delayed");
    }

    @Test
    void deletedQueuesStayDeletedAndQuarantined() {
        QueueId q = create("q");
        send(q, "x");
        engine.deleteQueue(q);
        restart();
        assertThat(error(() -> engine.getQueue(q)).type()).isEqualTo("QueueDoesNotExist");
        assertThat(error(() -> create("q")).type()).isEqualTo("QueueDeletedRecently");
        clock.advanceSeconds(61);
        create("q");
        assertThat(receive(q, 10)).isEmpty();
    }

    @Test
    void fifoDeduplicationSurvivesARestart() {
        QueueId q = create("q.fifo", Map.of("FifoQueue", "true", "ContentBasedDeduplication", "true"));
        SendResult first = engine.sendMessage(q, new SendCommand("once", null, null, null, null, "g", null));
        restart();
        SendResult again = engine.sendMessage(q, new SendCommand("once", null, null, null, null, "g", null));
        assertThat(again.messageId()).isEqualTo(first.messageId());
        assertThat(again.sequenceNumber()).isEqualTo(first.sequenceNumber());
        assertThat(attribute(q, "ApproximateNumberOfMessages")).isEqualTo("1");
    }
}
