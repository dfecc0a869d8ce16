package io.wharf.it.sqs;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.sqs.model.InvalidMessageContentsException;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeNameForSends;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeValue;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.awssdk.services.sqs.model.ReceiptHandleIsInvalidException;
import software.amazon.awssdk.services.sqs.model.ReceiveMessageResponse;
import software.amazon.awssdk.services.sqs.model.SendMessageResponse;
import software.amazon.awssdk.services.sqs.model.SqsException;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * SendMessage, ReceiveMessage, DeleteMessage and ChangeMessageVisibility through the SDK, whose MD5
 * checksum validation is on: a wrong MD5OfMessageBody / MD5OfMessageAttributes fails these tests.
 */
class MessagesIT extends SqsTestBase {

    @Test
    void sendReceiveDeleteWithExactMd5s() {
        String url = queue("msg");
        SendMessageResponse sent = sqs.sendMessage(r -> r.queueUrl(url).messageBody("hello"));
        assertThat(sent.md5OfMessageBody()).isEqualTo("5d41402abc4b2a76b9719d911017c592");
        assertThat(sent.messageId()).isNotBlank();
        assertThat(sent.md5OfMessageAttributes()).isNull();
        assertThat(sent.sequenceNumber()).isNull();

        List<Message> received = sqs.receiveMessage(r -> r.queueUrl(url)).messages();
        assertThat(received).hasSize(1);
        Message message = received.get(0);
        assertThat(message.body()).isEqualTo("hello");
        assertThat(message.messageId()).isEqualTo(sent.messageId());
        assertThat(message.md5OfBody()).isEqualTo(sent.md5OfMessageBody());
        assertThat(message.receiptHandle()).isNotBlank();
        assertThat(message.hasMessageAttributes()).isFalse();

        sqs.deleteMessage(r -> r.queueUrl(url).receiptHandle(message.receiptHandle()));
        // Deleting again with the same handle succeeds on a standard queue.
        sqs.deleteMessage(r -> r.queueUrl(url).receiptHandle(message.receiptHandle()));
        assertThat(sqs.receiveMessage(r -> r.queueUrl(url)).messages()).isEmpty();
        assertThat(attribute(url, QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES)).isEqualTo("0");
    }

    @Test
    void messageAttributesOfEveryTypeRoundTripWithTheirMd5() {
        String url = queue("attrs");
        Map<String, MessageAttributeValue> attributes = Map.of(
                "attribName1", MessageAttributeValue.builder().dataType("String").stringValue("attribValue 1").build(),
                "customNumberTypeAttrib", MessageAttributeValue.builder().dataType("Number.float")
                        .stringValue("4563442423554324324264524243.32543234").build(),
                "binaryAttribute", MessageAttributeValue.builder().dataType("Binary")
                        .binaryValue(SdkBytes.fromString("Hello binary world!", StandardCharsets.UTF_8)).build());
        SendMessageResponse sent = sqs.sendMessage(r -> r.queueUrl(url).messageBody("with attributes")
                .messageAttributes(attributes));
        // Test vector from shared/research/sqs.md §3.10.
        assertThat(sent.md5OfMessageAttributes()).isEqualTo("c932db14a896c663f83c260297d594ff");

        Message all = sqs.receiveMessage(r -> r.queueUrl(url).messageAttributeNames("All").visibilityTimeout(0))
                .messages().get(0);
        assertThat(all.messageAttributes()).isEqualTo(attributes);
        assertThat(all.md5OfMessageAttributes()).isEqualTo("c932db14a896c663f83c260297d594ff");

        Message exact = sqs.receiveMessage(r -> r.queueUrl(url).messageAttributeNames("attribName1").visibilityTimeout(0))
                .messages().get(0);
        assertThat(exact.messageAttributes()).containsOnlyKeys("attribName1");
        assertThat(exact.md5OfMessageAttributes()).isEqualTo("19e27d4e946b072f3f58da80d94fd778");

        Message none = sqs.receiveMessage(r -> r.queueUrl(url)).messages().get(0);
        assertThat(none.hasMessageAttributes()).isFalse();
        assertThat(none.md5OfMessageAttributes()).isNull();
    }

    @Test
    void attributeNamePrefixesSelectASubset() {
        String url = queue("prefix");
        MessageAttributeValue v = MessageAttributeValue.builder().dataType("String").stringValue("v").build();
        sqs.sendMessage(r -> r.queueUrl(url).messageBody("x")
                .messageAttributes(Map.of("app.trace", v, "app.user", v, "application", v, "other", v)));
        Message m = sqs.receiveMessage(r -> r.queueUrl(url).messageAttributeNames("app.*", "other")).messages().get(0);
        // The SDK recomputes MD5OfMessageAttributes over what it received, so a wrong subset MD5 fails here too.
        assertThat(m.messageAttributes()).containsOnlyKeys("app.trace", "app.user", "other");
    }

    @Test
    void systemAttributesAreReturnedWhenAsked() {
        String url = queue("sys");
        String trace = "Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1";
        SendMessageResponse sent = sqs.sendMessage(r -> r.queueUrl(url).messageBody("traced")
                .messageSystemAttributes(Map.of(MessageSystemAttributeNameForSends.AWS_TRACE_HEADER,
                        MessageSystemAttributeValue.builder().dataType("String").stringValue(trace).build())));
        assertThat(sent.md5OfMessageSystemAttributes()).isEqualTo("5ae4d5d7636402d80f4eb6d213245a88");

        long before = System.currentTimeMillis();
        Message m = sqs.receiveMessage(r -> r.queueUrl(url)
                .messageSystemAttributeNames(MessageSystemAttributeName.ALL)).messages().get(0);
        Map<MessageSystemAttributeName, String> attrs = m.attributes();
        assertThat(attrs).containsEntry(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT, "1")
                .containsEntry(MessageSystemAttributeName.AWS_TRACE_HEADER, trace)
                .containsKeys(MessageSystemAttributeName.SENT_TIMESTAMP, MessageSystemAttributeName.SENDER_ID,
                        MessageSystemAttributeName.APPROXIMATE_FIRST_RECEIVE_TIMESTAMP);
        assertThat(Long.parseLong(attrs.get(MessageSystemAttributeName.SENT_TIMESTAMP)))
                .isBetween(before - 60_000, before + 60_000);
    }

    @Test
    void bodyRulesAndSizeLimit() {
        String url = queue("body");
        assertThatThrownBy(() -> sqs.sendMessage(r -> r.queueUrl(url).messageBody("bad \u0001 char")))
                .isInstanceOf(InvalidMessageContentsException.class);
        assertThatThrownBy(() -> sqs.sendMessage(r -> r.queueUrl(url).messageBody("")))
                .isInstanceOfSatisfying(SqsException.class,
                        e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("MissingParameter"));
        String max = "x".repeat(1_048_576);
        assertThat(sqs.sendMessage(r -> r.queueUrl(url).messageBody(max)).md5OfMessageBody()).isNotBlank();
        assertThatThrownBy(() -> sqs.sendMessage(r -> r.queueUrl(url).messageBody(max + "x")))
                .isInstanceOfSatisfying(SqsException.class, e -> {
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidParameterValue");
                    assertThat(e.awsErrorDetails().errorMessage()).contains("1048576");
                });
        // Multi-byte characters count as their UTF-8 bytes: 3 bytes each.
        String euros = "\u20ac".repeat(349_526);
        assertThatThrownBy(() -> sqs.sendMessage(r -> r.queueUrl(url).messageBody(euros)))
                .isInstanceOf(SqsException.class);
        sqs.purgeQueue(r -> r.queueUrl(url));
        String unicode = "h\u00e9llo \ud83d\ude00 \r\n\t<&>";
        sqs.sendMessage(r -> r.queueUrl(url).messageBody(unicode));
        assertThat(sqs.receiveMessage(r -> r.queueUrl(url)).messages().get(0).body()).isEqualTo(unicode);
    }

    @Test
    void messageAttributeRules() {
        String url = queue("attr-rules");
        assertThatThrownBy(() -> sqs.sendMessage(r -> r.queueUrl(url).messageBody("x").messageAttributes(Map.of(
                "a", MessageAttributeValue.builder().dataType("String").stringValue("").build()))))
                .isInstanceOfSatisfying(SqsException.class,
                        e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidParameterValue"));
        assertThatThrownBy(() -> sqs.sendMessage(r -> r.queueUrl(url).messageBody("x").messageAttributes(Map.of(
                "a", MessageAttributeValue.builder().dataType("Weird").stringValue("v").build()))))
                .isInstanceOf(SqsException.class);
        assertThatThrownBy(() -> sqs.sendMessage(r -> r.queueUrl(url).messageBody("x").messageAttributes(Map.of(
                "AWS.reserved", MessageAttributeValue.builder().dataType("String").stringValue("v").build()))))
                .isInstanceOf(SqsException.class);
        java.util.Map<String, MessageAttributeValue> eleven = new java.util.HashMap<>();
        for (int i = 0; i < 11; i++) {
            eleven.put("a" + i, MessageAttributeValue.builder().dataType("String").stringValue("v").build());
        }
        assertThatThrownBy(() -> sqs.sendMessage(r -> r.queueUrl(url).messageBody("x").messageAttributes(eleven)))
                .isInstanceOf(SqsException.class);
    }

    @Test
    void receiveParameterRanges() {
        String url = queue("ranges");
        assertThatThrownBy(() -> sqs.receiveMessage(r -> r.queueUrl(url).maxNumberOfMessages(11)))
                .isInstanceOfSatisfying(SqsException.class, e -> {
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidParameterValue");
                    assertThat(e.awsErrorDetails().errorMessage()).contains("MaxNumberOfMessages");
                });
        assertThatThrownBy(() -> sqs.receiveMessage(r -> r.queueUrl(url).maxNumberOfMessages(0)))
                .isInstanceOf(SqsException.class);
        assertThatThrownBy(() -> sqs.receiveMessage(r -> r.queueUrl(url).waitTimeSeconds(21)))
                .isInstanceOf(SqsException.class);
        assertThatThrownBy(() -> sqs.receiveMessage(r -> r.queueUrl(url).visibilityTimeout(43_201)))
                .isInstanceOf(SqsException.class);
        assertThatThrownBy(() -> sqs.sendMessage(r -> r.queueUrl(url).messageBody("x").delaySeconds(901)))
                .isInstanceOf(SqsException.class);
    }

    @Test
    void maxNumberOfMessagesAndVisibility() throws Exception {
        String url = queue("vis");
        for (int i = 0; i < 15; i++) {
            int n = i;
            sqs.sendMessage(r -> r.queueUrl(url).messageBody("m" + n));
        }
        ReceiveMessageResponse ten = sqs.receiveMessage(r -> r.queueUrl(url).maxNumberOfMessages(10).visibilityTimeout(1));
        assertThat(ten.messages()).hasSize(10);
        assertThat(attribute(url, QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE)).isEqualTo("10");
        assertThat(sqs.receiveMessage(r -> r.queueUrl(url).maxNumberOfMessages(10)).messages()).hasSize(5);
        Thread.sleep(1_300);
        List<Message> again = sqs.receiveMessage(r -> r.queueUrl(url).maxNumberOfMessages(10)
                .messageSystemAttributeNames(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT)).messages();
        assertThat(again).hasSize(10);
        assertThat(again).allSatisfy(m ->
                assertThat(m.attributes().get(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT)).isEqualTo("2"));
    }

    @Test
    void changeMessageVisibility() {
        String url = queue("cmv");
        sqs.sendMessage(r -> r.queueUrl(url).messageBody("x"));
        Message m = sqs.receiveMessage(r -> r.queueUrl(url)).messages().get(0);
        assertThat(sqs.receiveMessage(r -> r.queueUrl(url)).messages()).isEmpty();
        sqs.changeMessageVisibility(r -> r.queueUrl(url).receiptHandle(m.receiptHandle()).visibilityTimeout(0));
        Message again = sqs.receiveMessage(r -> r.queueUrl(url)).messages().get(0);
        assertThat(again.messageId()).isEqualTo(m.messageId());
        assertThatThrownBy(() -> sqs.changeMessageVisibility(r -> r.queueUrl(url)
                .receiptHandle(again.receiptHandle()).visibilityTimeout(43_201)))
                .isInstanceOf(SqsException.class);
        assertThatThrownBy(() -> sqs.changeMessageVisibility(r -> r.queueUrl(url)
                .receiptHandle("garbage").visibilityTimeout(10)))
                .isInstanceOf(ReceiptHandleIsInvalidException.class);
        sqs.deleteMessage(r -> r.queueUrl(url).receiptHandle(again.receiptHandle()));
        assertThatThrownBy(() -> sqs.changeMessageVisibility(r -> r.queueUrl(url)
                .receiptHandle(again.receiptHandle()).visibilityTimeout(10)))
                .isInstanceOfSatisfying(SqsException.class, e -> assertThat(e.statusCode()).isEqualTo(400));
    }

    @Test
    void garbageReceiptHandleIsInvalid() {
        String url = queue("garbage");
        assertThatThrownBy(() -> sqs.deleteMessage(r -> r.queueUrl(url).receiptHandle("garbage")))
                .isInstanceOfSatisfying(ReceiptHandleIsInvalidException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(400);
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ReceiptHandleIsInvalid");
                });
        String other = queue("garbage-other");
        sqs.sendMessage(r -> r.queueUrl(other).messageBody("x"));
        String handle = sqs.receiveMessage(r -> r.queueUrl(other)).messages().get(0).receiptHandle();
        assertThatThrownBy(() -> sqs.deleteMessage(r -> r.queueUrl(url).receiptHandle(handle)))
                .isInstanceOf(ReceiptHandleIsInvalidException.class);
    }

    @Test
    void delayedMessagesAppearAfterTheirDelay() throws Exception {
        String url = queue("delay");
        sqs.sendMessage(r -> r.queueUrl(url).messageBody("later").delaySeconds(1));
        assertThat(attribute(url, QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_DELAYED)).isEqualTo("1");
        assertThat(sqs.receiveMessage(r -> r.queueUrl(url)).messages()).isEmpty();
        // A long poll wakes up when the delay ends, well before its 5 s.
        long start = System.nanoTime();
        List<Message> got = sqs.receiveMessage(r -> r.queueUrl(url).waitTimeSeconds(5)).messages();
        assertThat(got).extracting(Message::body).containsExactly("later");
        assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(4_500);
    }

    @Test
    void purgeQueueEmptiesItAndIsRateLimitedUnlessRelaxed() {
        String url = queue("purge");
        for (int i = 0; i < 3; i++) {
            sqs.sendMessage(r -> r.queueUrl(url).messageBody("x"));
        }
        sqs.receiveMessage(r -> r.queueUrl(url));
        sqs.purgeQueue(r -> r.queueUrl(url));
        assertThat(attribute(url, QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES)).isEqualTo("0");
        assertThat(attribute(url, QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE)).isEqualTo("0");
        assertThatThrownBy(() -> sqs.purgeQueue(r -> r.queueUrl(url)))
                .isInstanceOfSatisfying(SqsException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(403);
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("AWS.SimpleQueueService.PurgeQueueInProgress");
                });
    }
}
