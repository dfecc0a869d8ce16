package io.wharf.sqs.engine;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Message contents live in {@code sqs.bodies} and memory holds only young ones: recovery reads no content,
 * receives and moves of messages whose content memory dropped read it from the store, and delivery changes
 * write only the small state record.
 */
class ContentStorageTest extends EngineFixture {
    private static final String BODIES = "sqs.bodies";
    private static final String DLQ_ARN = "arn:aws:sqs:us-east-1:000000000000:dlq";
    private static final Map<String, MessageAttributeValue> ATTRIBUTES = Map.of(
            "s", MessageAttributeValue.string("String.custom", "ü-value"),
            "b", MessageAttributeValue.binary("Binary", new byte[]{0, 1, 2}));
    private static final Map<String, MessageAttributeValue> TRACE = Map.of(
            "AWSTraceHeader", MessageAttributeValue.string("String", "Root=1-abc"));

    private final CountingStore counting = new CountingStore(store);

    /** An engine on the counting store that drops every content once its send is durable. */
    private void restartWithoutContentMemory() {
        engine.close();
        engine = new SqsEngine(counting, clock, SqsLimits.strict().withContentMemoryBytes(0), MASTER_KEY);
    }

    private SendResult sendRich(QueueId q, String body) {
        return engine.sendMessage(q, new SendCommand(body, null, ATTRIBUTES, TRACE, null, null, null));
    }

    private ReceivedMessage receiveOne(QueueId q) {
        List<ReceivedMessage> got = engine.receiveMessage(q, new ReceiveCommand(1, null, 0, Set.of("All"),
                List.of("All"), null));
        assertThat(got).hasSize(1);
        return got.get(0);
    }

    private static void assertContent(ReceivedMessage m, SendResult sent, String body) {
        assertThat(m.messageId()).isEqualTo(sent.messageId());
        assertThat(m.body()).isEqualTo(body);
        assertThat(m.md5OfBody()).isEqualTo(sent.md5OfMessageBody());
        assertThat(m.md5OfMessageAttributes()).isEqualTo(sent.md5OfMessageAttributes());
        assertThat(m.messageAttributes().get("s")).isEqualTo(ATTRIBUTES.get("s"));
        assertThat(m.messageAttributes().get("b").binaryValue()).containsExactly(0, 1, 2);
        assertThat(m.attributes()).containsEntry("AWSTraceHeader", "Root=1-abc")
                .containsEntry("SenderId", SendCommand.DEFAULT_SENDER);
    }

    @Test
    void recoveryReadsNoContent() {
        QueueId q = create("q");
        QueueId fifo = create("q.fifo", Map.of("FifoQueue", "true", "ContentBasedDeduplication", "true"));
        SendResult sent = sendRich(q, "standard");
        engine.sendMessage(fifo, new SendCommand("in order", null, Map.of(), null, null, "g", null));
        receive(q, 1);
        clock.advanceSeconds(60);

        restartWithoutContentMemory();

        assertThat(counting.reads(BODIES)).isZero();
        assertThat(counting.reads("sqs.messages")).isEqualTo(2);
        ReceivedMessage again = receiveOne(q);
        assertContent(again, sent, "standard");
        assertThat(again.attributes()).containsEntry("ApproximateReceiveCount", "2");
        assertThat(receiveOne(fifo).attributes()).containsEntry("MessageGroupId", "g");
        assertThat(counting.reads(BODIES)).isEqualTo(2);
    }

    @Test
    void droppedContentIsReceivedFromTheStore() {
        restartWithoutContentMemory();
        QueueId q = create("q");
        SendResult sent = sendRich(q, "from the store");
        counting.reset();

        assertContent(receiveOne(q), sent, "from the store");

        assertThat(counting.reads(BODIES)).isEqualTo(1);
    }

    @Test
    void youngContentIsReceivedFromMemory() {
        engine.close();
        engine = new SqsEngine(counting, clock, SqsLimits.strict(), MASTER_KEY);
        QueueId q = create("q");
        SendResult sent = sendRich(q, "young");
        counting.reset();

        assertContent(receiveOne(q), sent, "young");

        assertThat(counting.reads(BODIES)).isZero();
    }

    @Test
    void receivesAndVisibilityChangesWriteOnlyTheState() {
        restartWithoutContentMemory();
        QueueId q = create("q");
        sendRich(q, "x");
        assertThat(counting.writes(BODIES)).isEqualTo(1);
        counting.reset();

        String handle = receiveOne(q).receiptHandle();
        engine.changeMessageVisibility(q, handle, 0);
        assertThat(counting.writes(BODIES)).isZero();
        assertThat(counting.writes("sqs.messages")).isEqualTo(2);

        engine.deleteMessage(q, receiveOne(q).receiptHandle());
        assertThat(counting.writes(BODIES)).isEqualTo(1);
        int[] left = {0};
        store.scan(store.keySpace(BODIES), new byte[0], (k, v) -> left[0]++);
        assertThat(left[0]).isZero();
        restartWithoutContentMemory();
        assertThat(attribute(q, "ApproximateNumberOfMessages")).isEqualTo("0");
    }

    @Test
    void deadLetteringAndMoveTasksKeepDroppedContent() throws InterruptedException {
        restartWithoutContentMemory();
        create("dlq");
        QueueId source = create("source", Map.of("RedrivePolicy",
                "{\"deadLetterTargetArn\":\"" + DLQ_ARN + "\",\"maxReceiveCount\":\"1\"}", "VisibilityTimeout", "0"));
        SendResult sent = sendRich(source, "moved twice");
        receiveOne(source);
        assertThat(receive(source, 10)).isEmpty(); // the second receive dead-letters it

        ReceivedMessage dead = receiveOne(id("dlq"));
        assertContent(dead, sent, "moved twice");
        assertThat(dead.attributes()).containsEntry("DeadLetterQueueSourceArn",
                "arn:aws:sqs:us-east-1:000000000000:source");

        clock.advanceSeconds(31); // the dead-letter queue's visibility timeout
        // (timers are lazy: reading the count brings the queue up to the clock before the task counts it)
        assertThat(attribute(id("dlq"), "ApproximateNumberOfMessages")).isEqualTo("1");
        engine.startMessageMoveTask(DLQ_ARN, null, null);
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (!engine.listMessageMoveTasks(DLQ_ARN, 1).get(0).status().equals("COMPLETED")
                && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        ReceivedMessage back = receiveOne(source);
        assertContent(back, sent, "moved twice");
        assertThat(back.attributes()).doesNotContainKey("DeadLetterQueueSourceArn");
    }
    @Test
    void aMessageWhoseContentTheStoreLostIsDroppedAndTheOthersAreReceived() {
        QueueId q = create("q");
        for (String body : List.of("one", "two", "three")) {
            engine.sendMessage(q, new SendCommand(body, null, Map.of(), null, null, null, null));
        }
        restartWithoutContentMemory();
        // what --repair leaves when it drops a damaged table of sqs.bodies: the state record without its content
        List<byte[]> keys = new java.util.ArrayList<>();
        store.scan(store.keySpace(BODIES), new byte[0], (key, value) -> keys.add(key));
        assertThat(keys).hasSize(3);
        io.wharf.storage.WriteBatch lose = new io.wharf.storage.WriteBatch();
        lose.delete(store.keySpace(BODIES), keys.get(0));
        lose.delete(store.keySpace(BODIES), keys.get(1));
        store.commit(lose);

        // the first receive (of one) finds the two lost messages first and goes on to the third
        List<ReceivedMessage> got = engine.receiveMessage(q, new ReceiveCommand(1, null, 0, Set.of(), List.of(),
                null));
        assertThat(got).extracting(ReceivedMessage::body).containsExactly("three");
        assertThat(engine.getQueueAttributes(q, List.of("All")))
                .containsEntry("ApproximateNumberOfMessages", "0")
                .containsEntry("ApproximateNumberOfMessagesNotVisible", "1");

        counting.reset();
        restartWithoutContentMemory();
        assertThat(counting.reads("sqs.messages")).as("the lost messages' state records are gone too").isEqualTo(1);
    }
}
