package io.wharf.it.sns;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.sns.model.BatchEntryIdsNotDistinctException;
import software.amazon.awssdk.services.sns.model.EmptyBatchRequestException;
import software.amazon.awssdk.services.sns.model.InvalidParameterException;
import software.amazon.awssdk.services.sns.model.InvalidParameterValueException;
import software.amazon.awssdk.services.sns.model.MessageAttributeValue;
import software.amazon.awssdk.services.sns.model.PublishBatchRequestEntry;
import software.amazon.awssdk.services.sns.model.PublishBatchResponse;
import software.amazon.awssdk.services.sns.model.TooManyEntriesInBatchRequestException;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Publish and PublishBatch into SQS subscriptions: the envelope, raw delivery, fan-out, FIFO, their errors. */
class SnsPublishIT extends SnsTestBase {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void envelopeCarriesWhatAwsSends() throws Exception {
        String topic = topic("env");
        Queue queue = queue("env");
        String subscription = subscribe(topic, queue, Map.of());
        String messageId = sns.publish(r -> r.topicArn(topic).message("hello").subject("greeting")
                .messageAttributes(Map.of("color", MessageAttributeValue.builder().dataType("String")
                        .stringValue("red").build()))).messageId();
        List<Message> received = receive(queue, 1);
        assertThat(received).hasSize(1);
        assertThat(received.get(0).messageAttributes()).isEmpty();
        JsonNode envelope = JSON.readTree(received.get(0).body());
        assertThat(envelope.get("Type").asText()).isEqualTo("Notification");
        assertThat(envelope.get("MessageId").asText()).isEqualTo(messageId);
        assertThat(envelope.get("TopicArn").asText()).isEqualTo(topic);
        assertThat(envelope.get("Subject").asText()).isEqualTo("greeting");
        assertThat(envelope.get("Message").asText()).isEqualTo("hello");
        assertThat(envelope.get("Timestamp").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");
        assertThat(envelope.get("SignatureVersion").asText()).isEqualTo("1");
        assertThat(envelope.has("Signature")).isTrue();
        assertThat(envelope.has("SigningCertURL")).isTrue();
        assertThat(envelope.get("UnsubscribeURL").asText()).contains("Action=Unsubscribe")
                .contains(java.net.URLEncoder.encode(subscription, java.nio.charset.StandardCharsets.UTF_8));
        assertThat(envelope.get("MessageAttributes").get("color").get("Type").asText()).isEqualTo("String");
        assertThat(envelope.get("MessageAttributes").get("color").get("Value").asText()).isEqualTo("red");
    }

    @Test
    void rawDeliveryTurnsAttributesIntoSqsAttributes() {
        String topic = topic("raw");
        Queue queue = queue("raw");
        subscribe(topic, queue, Map.of("RawMessageDelivery", "true"));
        sns.publish(r -> r.topicArn(topic).message("just the text").messageAttributes(Map.of(
                "n", MessageAttributeValue.builder().dataType("Number").stringValue("42").build(),
                "b", MessageAttributeValue.builder().dataType("Binary").binaryValue(SdkBytes.fromUtf8String("x"))
                        .build())));
        Message m = receive(queue, 1).get(0);
        assertThat(m.body()).isEqualTo("just the text");
        assertThat(m.messageAttributes().get("n").stringValue()).isEqualTo("42");
        assertThat(m.messageAttributes().get("n").dataType()).isEqualTo("Number");
        assertThat(m.messageAttributes().get("b").binaryValue().asUtf8String()).isEqualTo("x");
    }

    @Test
    void fanOutReachesTenQueues() throws Exception {
        String topic = topic("fan");
        List<Queue> queues = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            Queue q = queue("fan");
            queues.add(q);
            subscribe(topic, q, Map.of());
        }
        for (int i = 0; i < 5; i++) {
            int n = i;
            sns.publish(r -> r.topicArn(topic).message("m" + n));
        }
        for (Queue q : queues) {
            List<Message> got = receive(q, 5);
            assertThat(got).hasSize(5);
            List<String> messages = new ArrayList<>();
            for (Message m : got) {
                messages.add(JSON.readTree(m.body()).get("Message").asText());
            }
            assertThat(messages).containsExactlyInAnyOrder("m0", "m1", "m2", "m3", "m4");
        }
    }

    @Test
    void messageGroupIdOnAStandardTopicIsPassedToStandardQueues() {
        String topic = topic("fair");
        Queue queue = queue("fair");
        subscribe(topic, queue, Map.of("RawMessageDelivery", "true"));
        sns.publish(r -> r.topicArn(topic).message("grouped").messageGroupId("tenant-1"));
        Message m = sqs.receiveMessage(r -> r.queueUrl(queue.url()).waitTimeSeconds(5)
                .messageSystemAttributeNamesWithStrings("All")).messages().get(0);
        assertThat(m.body()).isEqualTo("grouped");
        assertThat(m.attributesAsStrings()).containsEntry("MessageGroupId", "tenant-1");
    }

    @Test
    void messageStructureJsonPicksTheSqsEntry() throws Exception {
        String topic = topic("struct");
        Queue queue = queue("struct");
        subscribe(topic, queue, Map.of());
        sns.publish(r -> r.topicArn(topic).messageStructure("json")
                .message("{\"default\":\"fallback\",\"sqs\":\"for queues\"}"));
        assertThat(JSON.readTree(receive(queue, 1).get(0).body()).get("Message").asText()).isEqualTo("for queues");
        assertThatThrownBy(() -> sns.publish(r -> r.topicArn(topic).messageStructure("json").message("{\"sqs\":\"x\"}")))
                .isInstanceOf(InvalidParameterException.class)
                .hasMessageContaining("Invalid parameter: Message Structure - No default entry in JSON message body");
        assertThatThrownBy(() -> sns.publish(r -> r.topicArn(topic).messageStructure("json").message("not json")))
                .hasMessageContaining("Invalid parameter: Message Structure - JSON message body failed to parse");
    }

    @Test
    void publishErrors() {
        String topic = topic("errs");
        assertThatThrownBy(() -> sns.publish(r -> r.topicArn(topic).message("")))
                .isInstanceOf(InvalidParameterException.class).hasMessageContaining("Invalid parameter: Empty message");
        assertThatThrownBy(() -> sns.publish(r -> r.topicArn(topic).message("x".repeat(262_145))))
                .hasMessageContaining("Invalid parameter: Message too long");
        assertThatThrownBy(() -> sns.publish(r -> r.topicArn(topic).message("x").subject("")))
                .hasMessageContaining("Invalid parameter: Subject");
        assertThatThrownBy(() -> sns.publish(r -> r.topicArn(topic).message("x").subject("a\nb")))
                .hasMessageContaining("Invalid parameter: Subject");
        assertThatThrownBy(() -> sns.publish(r -> r.topicArn(topic).message("x").messageDeduplicationId("d")))
                .hasMessageContaining("MessageDeduplicationId parameter that is not valid for this topic type");
        assertThatThrownBy(() -> sns.publish(r -> r.topicArn(topic).message("x").messageAttributes(Map.of("a",
                MessageAttributeValue.builder().dataType("Weird").stringValue("v").build()))))
                .isInstanceOf(InvalidParameterValueException.class)
                .hasMessageContaining("has an invalid message attribute type");
        assertThatThrownBy(() -> sns.publish(r -> r.topicArn(topic).message("x").messageAttributes(Map.of("a^",
                MessageAttributeValue.builder().dataType("String").stringValue("v").build()))))
                .hasMessageContaining("Invalid non-alphanumeric character '#x5E'");
        assertThatThrownBy(() -> sns.publish(r -> r.topicArn(topic + "-none").message("x")))
                .hasMessageContaining("Topic does not exist");
        assertThat(sns.publish(r -> r.topicArn(topic).message("x").messageGroupId("g")).messageId()).isNotEmpty();
    }

    @Test
    void publishBatch() throws Exception {
        String topic = topic("batch");
        Queue queue = queue("batch");
        subscribe(topic, queue, Map.of());
        PublishBatchResponse response = sns.publishBatch(r -> r.topicArn(topic).publishBatchRequestEntries(
                PublishBatchRequestEntry.builder().id("a").message("one").build(),
                PublishBatchRequestEntry.builder().id("b").message("").build(),
                PublishBatchRequestEntry.builder().id("c").message("three").build()));
        assertThat(response.successful()).extracting("id").containsExactly("a", "c");
        assertThat(response.failed()).hasSize(1);
        assertThat(response.failed().get(0).id()).isEqualTo("b");
        assertThat(response.failed().get(0).code()).isEqualTo("InvalidParameter");
        assertThat(response.failed().get(0).senderFault()).isTrue();
        assertThat(receive(queue, 2)).hasSize(2);

        assertThatThrownBy(() -> sns.publishBatch(r -> r.topicArn(topic).publishBatchRequestEntries(List.of())))
                .isInstanceOf(EmptyBatchRequestException.class);
        assertThatThrownBy(() -> sns.publishBatch(r -> r.topicArn(topic).publishBatchRequestEntries(
                IntStream.range(0, 11).mapToObj(i -> PublishBatchRequestEntry.builder().id("i" + i).message("m").build())
                        .toList()))).isInstanceOf(TooManyEntriesInBatchRequestException.class);
        assertThatThrownBy(() -> sns.publishBatch(r -> r.topicArn(topic).publishBatchRequestEntries(
                PublishBatchRequestEntry.builder().id("x").message("m").build(),
                PublishBatchRequestEntry.builder().id("x").message("m").build())))
                .isInstanceOf(BatchEntryIdsNotDistinctException.class);
        assertThatThrownBy(() -> sns.publishBatch(r -> r.topicArn(topic).publishBatchRequestEntries(
                PublishBatchRequestEntry.builder().id("bad@id").message("m").build())))
                .hasMessageContaining("impermissible character: bad@id");
    }

    @Test
    void fifoTopicToFifoQueueKeepsOrderAndDeduplicates() throws Exception {
        String name = unique("ordered") + ".fifo";
        String topic = sns.createTopic(r -> r.name(name).attributes(Map.of("FifoTopic", "true"))).topicArn();
        Queue queue = queue("ordered", Map.of(QueueAttributeName.FIFO_QUEUE, "true"));
        subscribe(topic, queue, Map.of());
        assertThatThrownBy(() -> sns.publish(r -> r.topicArn(topic).message("x").messageDeduplicationId("d")))
                .hasMessageContaining("The MessageGroupId parameter is required for FIFO topics");
        assertThatThrownBy(() -> sns.publish(r -> r.topicArn(topic).message("x").messageGroupId("g")))
                .hasMessageContaining("either have ContentBasedDeduplication enabled or MessageDeduplicationId");
        List<String> sequence = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            int n = i;
            sequence.add(sns.publish(r -> r.topicArn(topic).message("m" + n).messageGroupId("g")
                    .messageDeduplicationId("d" + n)).sequenceNumber());
        }
        assertThat(sequence).isSorted().doesNotHaveDuplicates();
        String again = sns.publish(r -> r.topicArn(topic).message("dup").messageGroupId("g")
                .messageDeduplicationId("d0")).sequenceNumber();
        assertThat(again).isEqualTo(sequence.get(0));
        List<String> received = new ArrayList<>();
        for (Message m : receive(queue, 20)) {
            JsonNode envelope = JSON.readTree(m.body());
            assertThat(envelope.has("Signature")).isFalse();
            assertThat(envelope.has("SequenceNumber")).isTrue();
            received.add(envelope.get("Message").asText());
        }
        assertThat(received).containsExactlyElementsOf(IntStream.range(0, 20).mapToObj(i -> "m" + i).toList());
        assertThat(receive(queue, 1, java.time.Duration.ofSeconds(2))).isEmpty();
    }
}
