package io.wharf.it.sqs;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueDeletedRecentlyException;
import software.amazon.awssdk.services.sqs.model.SendMessageResponse;
import software.amazon.awssdk.services.sqs.model.SqsException;

import java.math.BigInteger;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** FIFO parameters rejected where AWS rejects them, basic FIFO order and dedup, and AWS's waiting periods. */
class FifoAndWaitingPeriodsIT extends SqsTestBase {

    private String fifo(String base, Map<QueueAttributeName, String> extra) {
        Map<QueueAttributeName, String> attributes = new java.util.HashMap<>(extra);
        attributes.put(QueueAttributeName.FIFO_QUEUE, "true");
        return sqs.createQueue(r -> r.queueName(unique(base) + ".fifo").attributes(attributes)).queueUrl();
    }

    @Test
    void fifoSendRules() {
        String url = fifo("rules", Map.of());
        assertThatThrownBy(() -> sqs.sendMessage(r -> r.queueUrl(url).messageBody("x").messageDeduplicationId("d")))
                .isInstanceOfSatisfying(SqsException.class, e -> {
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("MissingParameter");
                    assertThat(e.awsErrorDetails().errorMessage()).contains("MessageGroupId");
                });
        assertThatThrownBy(() -> sqs.sendMessage(r -> r.queueUrl(url).messageBody("x").messageGroupId("g")))
                .isInstanceOfSatisfying(SqsException.class, e -> {
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidParameterValue");
                    assertThat(e.awsErrorDetails().errorMessage()).contains("ContentBasedDeduplication");
                });
        assertThatThrownBy(() -> sqs.sendMessage(r -> r.queueUrl(url).messageBody("x").messageGroupId("g")
                .messageDeduplicationId("d").delaySeconds(2)))
                .isInstanceOfSatisfying(SqsException.class,
                        e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidParameterValue"));
        assertThatThrownBy(() -> sqs.sendMessage(r -> r.queueUrl(url).messageBody("x").messageGroupId("has space")
                .messageDeduplicationId("d")))
                .isInstanceOfSatisfying(SqsException.class,
                        e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidParameterValue"));
        String standard = queue("std-dedup");
        assertThatThrownBy(() -> sqs.sendMessage(r -> r.queueUrl(standard).messageBody("x").messageDeduplicationId("d")))
                .isInstanceOfSatisfying(SqsException.class,
                        e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidParameterValue"));
        // Standard queues accept MessageGroupId (fair queues) and return it.
        sqs.sendMessage(r -> r.queueUrl(standard).messageBody("tenant").messageGroupId("tenant-1"));
        Message m = sqs.receiveMessage(r -> r.queueUrl(standard)
                .messageSystemAttributeNames(MessageSystemAttributeName.MESSAGE_GROUP_ID)).messages().get(0);
        assertThat(m.attributes()).containsEntry(MessageSystemAttributeName.MESSAGE_GROUP_ID, "tenant-1");
    }

    @Test
    void fifoOrderSequenceNumbersAndDeduplication() {
        String url = fifo("order", Map.of(QueueAttributeName.CONTENT_BASED_DEDUPLICATION, "true"));
        SendMessageResponse first = sqs.sendMessage(r -> r.queueUrl(url).messageBody("one").messageGroupId("g"));
        SendMessageResponse second = sqs.sendMessage(r -> r.queueUrl(url).messageBody("two").messageGroupId("g"));
        SendMessageResponse duplicate = sqs.sendMessage(r -> r.queueUrl(url).messageBody("one").messageGroupId("g"));
        assertThat(first.sequenceNumber()).hasSize(20);
        assertThat(new BigInteger(second.sequenceNumber())).isGreaterThan(new BigInteger(first.sequenceNumber()));
        assertThat(duplicate.messageId()).isEqualTo(first.messageId());

        List<Message> got = sqs.receiveMessage(r -> r.queueUrl(url).maxNumberOfMessages(10)).messages();
        assertThat(got).extracting(Message::body).containsExactly("one", "two");
        // the group is locked while its messages are in flight
        assertThat(sqs.receiveMessage(r -> r.queueUrl(url)).messages()).isEmpty();
        assertThat(attribute(url, QueueAttributeName.FIFO_QUEUE)).isEqualTo("true");
        assertThat(attribute(url, QueueAttributeName.DEDUPLICATION_SCOPE)).isEqualTo("queue");
        assertThat(attribute(url, QueueAttributeName.FIFO_THROUGHPUT_LIMIT)).isEqualTo("perQueue");
    }

    @Test
    void fifoQueueTypeCannotChange() {
        String url = fifo("type", Map.of());
        assertThatThrownBy(() -> sqs.setQueueAttributes(r -> r.queueUrl(url)
                .attributes(Map.of(QueueAttributeName.FIFO_QUEUE, "false"))))
                .isInstanceOfSatisfying(SqsException.class,
                        e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidAttributeValue"));
    }

    @Test
    void recreatingADeletedQueueWithinSixtySecondsIsRefused() {
        String name = unique("recent");
        String url = sqs.createQueue(r -> r.queueName(name)).queueUrl();
        sqs.deleteQueue(r -> r.queueUrl(url));
        assertThatThrownBy(() -> sqs.createQueue(r -> r.queueName(name)))
                .isInstanceOfSatisfying(QueueDeletedRecentlyException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(400);
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("AWS.SimpleQueueService.QueueDeletedRecently");
                });
    }
}
