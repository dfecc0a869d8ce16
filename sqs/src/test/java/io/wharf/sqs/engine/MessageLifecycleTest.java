package io.wharf.sqs.engine;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class MessageLifecycleTest extends EngineFixture {

    @Test
    void visibilityTimeoutHidesThenReturns() {
        QueueId q = create("q");
        SendResult sent = send(q, "hello");
        assertThat(sent.md5OfMessageBody()).isEqualTo("5d41402abc4b2a76b9719d911017c592");
        assertThat(sent.md5OfMessageAttributes()).isNull();
        assertThat(sent.sequenceNumber()).isNull();
        List<ReceivedMessage> first = receiveAll(q, 10);
        assertThat(first).hasSize(1);
        assertThat(first.get(0).attributes()).containsEntry("ApproximateReceiveCount", "1")
                .containsEntry("SentTimestamp", "1700000000000")
                .containsEntry("ApproximateFirstReceiveTimestamp", "1700000000000");
        assertThat(receive(q, 10)).isEmpty();
        assertThat(attribute(q, "ApproximateNumberOfMessagesNotVisible")).isEqualTo("1");
        clock.advanceSeconds(29);
        assertThat(receive(q, 10)).isEmpty();
        clock.advanceSeconds(1);
        List<ReceivedMessage> second = receiveAll(q, 10);
        assertThat(second).hasSize(1);
        assertThat(second.get(0).attributes()).containsEntry("ApproximateReceiveCount", "2")
                .containsEntry("ApproximateFirstReceiveTimestamp", "1700000000000");
        assertThat(second.get(0).receiptHandle()).isNotEqualTo(first.get(0).receiptHandle());
    }

    @Test
    void requestVisibilityTimeoutOverridesTheQueue() {
        QueueId q = create("q");
        send(q, "m");
        engine.receiveMessage(q, new ReceiveCommand(1, 5, 0, Set.of(), List.of(), null));
        clock.advanceSeconds(5);
        assertThat(receive(q, 1)).hasSize(1);
    }

    @Test
    void delaysFromQueueAndMessage() {
        QueueId q = create("q", Map.of("DelaySeconds", "10"));
        send(q, "queue-delayed");
        engine.sendMessage(q, new SendCommand("no-delay", 0, null, null, null, null, null));
        engine.sendMessage(q, new SendCommand("long-delay", 20, null, null, null, null, null));
        assertThat(attribute(q, "ApproximateNumberOfMessagesDelayed")).isEqualTo("2");
        assertThat(receive(q, 10)).extracting(ReceivedMessage::body).containsExactly("no-delay");
        clock.advanceSeconds(10);
        assertThat(receive(q, 10)).extracting(ReceivedMessage::body).containsExactly("queue-delayed");
        clock.advanceSeconds(10);
        assertThat(receive(q, 10)).extracting(ReceivedMessage::body).containsExactly("long-delay");
    }

    @Test
    void retentionExpiresVisibleAndInflightMessages() {
        QueueId q = create("q", Map.of("MessageRetentionPeriod", "60"));
        send(q, "a");
        send(q, "b");
        engine.receiveMessage(q, new ReceiveCommand(1, 100, 0, Set.of(), List.of(), null));
        clock.advanceSeconds(59);
        assertThat(attribute(q, "ApproximateNumberOfMessages")).isEqualTo("1");
        assertThat(attribute(q, "ApproximateNumberOfMessagesNotVisible")).isEqualTo("1");
        clock.advanceSeconds(1);
        assertThat(attribute(q, "ApproximateNumberOfMessages")).isEqualTo("0");
        assertThat(attribute(q, "ApproximateNumberOfMessagesNotVisible")).isEqualTo("0");
        assertThat(receive(q, 10)).isEmpty();
    }

    @Test
    void receiptHandles() {
        QueueId q = create("q");
        QueueId other = create("other");
        send(q, "a");
        String handle = receive(q, 1).get(0).receiptHandle();
        var garbage = error(() -> engine.deleteMessage(q, "garbage"));
        assertThat(garbage.code()).isEqualTo("ReceiptHandleIsInvalid");
        assertThat(garbage.getMessage()).isEqualTo("The input receipt handle \"garbage\" is not a valid receipt handle.");
        String forged = handle.substring(0, handle.length() - 2) + (handle.endsWith("AA") ? "BB" : "AA");
        assertThat(error(() -> engine.deleteMessage(q, forged)).code()).isEqualTo("ReceiptHandleIsInvalid");
        assertThat(error(() -> engine.deleteMessage(other, handle)).getMessage()).contains("isn't valid for this queue");
        engine.deleteMessage(q, handle);
        engine.deleteMessage(q, handle); // already deleted: still fine
        assertThat(attribute(q, "ApproximateNumberOfMessagesNotVisible")).isEqualTo("0");
        var gone = error(() -> engine.changeMessageVisibility(q, handle, 10));
        assertThat(gone.getMessage()).isEqualTo("Value " + handle + " for parameter ReceiptHandle is invalid. Reason: "
                + "Message does not exist or is not available for visibility timeout change.");
    }

    @Test
    void changeVisibility() {
        QueueId q = create("q");
        send(q, "a");
        String handle = receive(q, 1).get(0).receiptHandle();
        engine.changeMessageVisibility(q, handle, 100);
        clock.advanceSeconds(99);
        assertThat(receive(q, 1)).isEmpty();
        engine.changeMessageVisibility(q, handle, 0);
        List<ReceivedMessage> again = receive(q, 1);
        assertThat(again).hasSize(1);
        var notInflight = error(() -> {
            clock.advanceSeconds(30);
            engine.changeMessageVisibility(q, again.get(0).receiptHandle(), 10);
        });
        assertThat(notInflight.code()).isEqualTo("AWS.SimpleQueueService.MessageNotInflight");
        String h3 = receive(q, 1).get(0).receiptHandle();
        clock.advanceSeconds(20);
        var cap = error(() -> engine.changeMessageVisibility(q, h3, 43_200));
        assertThat(cap.getMessage()).isEqualTo("Value 43200 for parameter VisibilityTimeout is invalid. Reason: "
                + "Total VisibilityTimeout for the message is beyond the limit [43200 seconds]");
        engine.changeMessageVisibility(q, h3, 43_180);
        assertThat(error(() -> engine.changeMessageVisibility(q, h3, 43_201)).code()).isEqualTo("InvalidParameterValue");
    }

    @Test
    void sendValidation() {
        QueueId q = create("q", Map.of("MaximumMessageSize", "1024"));
        assertThat(error(() -> send(q, "")).getMessage()).isEqualTo("The request must contain the parameter MessageBody.");
        var contents = error(() -> send(q, "bad\u0001"));
        assertThat(contents.code()).isEqualTo("InvalidMessageContents");
        assertThat(contents.getMessage()).startsWith("Invalid binary character '#x1' was found in the message body");
        var size = error(() -> send(q, "x".repeat(1025)));
        assertThat(size.getMessage()).isEqualTo(
                "One or more parameters are invalid. Reason: Message must be shorter than 1024 bytes.");
        var emptyValue = error(() -> engine.sendMessage(q, new SendCommand("b", null,
                Map.of("a", MessageAttributeValue.string("String", "")), null, null, null, null)));
        assertThat(emptyValue.getMessage()).isEqualTo(
                "Message (user) attribute 'a' must contain a non-empty value of type 'String'.");
        assertThat(error(() -> engine.sendMessage(q, new SendCommand("b", 901, null, null, null, null, null)))
                .getMessage()).isEqualTo("Value 901 for parameter DelaySeconds is invalid. Reason: DelaySeconds must "
                + "be >= 0 and <= 900.");
        assertThat(error(() -> engine.sendMessage(q, new SendCommand("b", null, null, null, "d", null, null)))
                .code()).isEqualTo("InvalidParameterValue");
        assertThat(error(() -> engine.sendMessage(q, new SendCommand("b", null,
                Map.of("AWS.x", MessageAttributeValue.string("String", "v")), null, null, null, null))).code())
                .isEqualTo("InvalidParameterValue");
        assertThat(error(() -> engine.sendMessage(q, new SendCommand("b", null,
                Map.of("n", MessageAttributeValue.string("Number", "abc")), null, null, null, null))).code())
                .isEqualTo("InvalidParameterValue");
        assertThat(error(() -> engine.sendMessage(q, new SendCommand("b", null, null, null, null, "bad group", null)))
                .code()).isEqualTo("InvalidParameterValue");
        SendResult fair = engine.sendMessage(q, new SendCommand("b", null, null,
                Map.of("AWSTraceHeader", MessageAttributeValue.string("String", "Root=1")), null, "tenant-1", null));
        assertThat(fair.md5OfMessageSystemAttributes()).isNotNull();
        assertThat(receiveAll(q, 1).get(0).attributes()).containsEntry("MessageGroupId", "tenant-1")
                .containsEntry("AWSTraceHeader", "Root=1");
    }

    @Test
    void messageAttributesAreSelectedAndDigested() {
        QueueId q = create("q");
        engine.sendMessage(q, new SendCommand("b", null, Map.of(
                "attribName1", MessageAttributeValue.string("String", "attribValue 1"),
                "foo.bar", MessageAttributeValue.string("String", "x")), null, null, null, null));
        ReceivedMessage m = engine.receiveMessage(q, new ReceiveCommand(1, null, 0, Set.of(),
                List.of("attribName1"), null)).get(0);
        assertThat(m.messageAttributes()).containsOnlyKeys("attribName1");
        assertThat(m.md5OfMessageAttributes()).isEqualTo("19e27d4e946b072f3f58da80d94fd778");
        engine.changeMessageVisibility(q, m.receiptHandle(), 0);
        m = engine.receiveMessage(q, new ReceiveCommand(1, null, 0, Set.of(), List.of("foo.*"), null)).get(0);
        assertThat(m.messageAttributes()).containsOnlyKeys("foo.bar");
        engine.changeMessageVisibility(q, m.receiptHandle(), 0);
        m = receive(q, 1).get(0);
        assertThat(m.messageAttributes()).isEmpty();
        assertThat(m.md5OfMessageAttributes()).isNull();
    }

    @Test
    void receiveParameterRanges() {
        QueueId q = create("q");
        assertThat(error(() -> receive(q, 11)).getMessage()).isEqualTo(
                "Value 11 for parameter MaxNumberOfMessages is invalid. Reason: Must be between 1 and 10, if provided.");
        assertThat(error(() -> engine.receiveMessage(q, new ReceiveCommand(1, null, 21, Set.of(), List.of(), null)))
                .getMessage()).isEqualTo("Value 21 for parameter WaitTimeSeconds is invalid. Reason: Must be >= 0 "
                + "and <= 20, if provided.");
    }
}
