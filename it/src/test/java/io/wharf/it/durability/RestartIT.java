package io.wharf.it.durability;

import io.wharf.server.Wharf;
import io.wharf.server.config.WharfConfig;
import io.wharf.testkit.Clients;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Everything a client set up comes back after a restart on the same data directory: queues with their
 * attributes, tags and policy, messages with their attributes, in-flight messages with their receive
 * counts, delayed messages, deletes.
 */
class RestartIT {
    @TempDir
    Path dataDir;

    private Wharf start() {
        return Wharf.start(WharfConfig.builder().port(0).dataDir(dataDir).build());
    }

    @Test
    void stateSurvivesARestart() {
        String url;
        String keptId;
        String inFlightId;
        String deletedId;
        try (Wharf wharf = start(); SqsClient sqs = Clients.sqs(URI.create(wharf.endpoint()))) {
            String dlqArn = sqs.getQueueAttributes(r -> r.queueUrl(sqs.createQueue(q -> q.queueName("restart-dlq"))
                    .queueUrl()).attributeNames(QueueAttributeName.QUEUE_ARN)).attributesAsStrings().get("QueueArn");
            url = sqs.createQueue(r -> r.queueName("restart").tags(Map.of("team", "wharf")).attributes(Map.of(
                    QueueAttributeName.VISIBILITY_TIMEOUT, "300",
                    QueueAttributeName.REDRIVE_POLICY, "{\"deadLetterTargetArn\":\"" + dlqArn + "\",\"maxReceiveCount\":5}")))
                    .queueUrl();
            String queueUrl = url;
            sqs.addPermission(r -> r.queueUrl(queueUrl).label("l").awsAccountIds("111111111111").actions("SendMessage"));
            keptId = sqs.sendMessage(r -> r.queueUrl(queueUrl).messageBody("kept").messageAttributes(Map.of(
                    "a", MessageAttributeValue.builder().dataType("Number").stringValue("42").build()))).messageId();
            sqs.sendMessage(r -> r.queueUrl(queueUrl).messageBody("delayed").delaySeconds(600));
            sqs.sendMessage(r -> r.queueUrl(queueUrl).messageBody("in flight"));
            sqs.sendMessage(r -> r.queueUrl(queueUrl).messageBody("deleted"));
            // receive "kept" last: the queue is ordered by send time, so take the two others first
            List<Message> two = sqs.receiveMessage(r -> r.queueUrl(queueUrl).maxNumberOfMessages(10)).messages();
            assertThat(two).extracting(Message::body).containsExactlyInAnyOrder("kept", "in flight", "deleted");
            Message deleted = two.stream().filter(m -> m.body().equals("deleted")).findFirst().orElseThrow();
            deletedId = deleted.messageId();
            sqs.deleteMessage(r -> r.queueUrl(queueUrl).receiptHandle(deleted.receiptHandle()));
            Message kept = two.stream().filter(m -> m.body().equals("kept")).findFirst().orElseThrow();
            sqs.changeMessageVisibility(r -> r.queueUrl(queueUrl).receiptHandle(kept.receiptHandle()).visibilityTimeout(0));
            inFlightId = two.stream().filter(m -> m.body().equals("in flight")).findFirst().orElseThrow().messageId();
        }

        try (Wharf wharf = start(); SqsClient sqs = Clients.sqs(URI.create(wharf.endpoint()))) {
            String queueUrl = url;
            Map<String, String> attributes = sqs.getQueueAttributes(r -> r.queueUrl(queueUrl)
                    .attributeNames(QueueAttributeName.ALL)).attributesAsStrings();
            assertThat(attributes).containsEntry("VisibilityTimeout", "300")
                    .containsEntry("ApproximateNumberOfMessages", "1")
                    .containsEntry("ApproximateNumberOfMessagesNotVisible", "1")
                    .containsEntry("ApproximateNumberOfMessagesDelayed", "1")
                    .containsKeys("RedrivePolicy", "Policy");
            assertThat(sqs.listQueueTags(r -> r.queueUrl(queueUrl)).tags()).containsEntry("team", "wharf");
            List<Message> visible = sqs.receiveMessage(r -> r.queueUrl(queueUrl).maxNumberOfMessages(10)
                    .messageAttributeNames("All").messageSystemAttributeNames(MessageSystemAttributeName.ALL)).messages();
            assertThat(visible).extracting(Message::messageId).containsExactly(keptId).doesNotContain(deletedId, inFlightId);
            assertThat(visible.get(0).messageAttributes().get("a").stringValue()).isEqualTo("42");
            assertThat(visible.get(0).attributes()).containsEntry(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT, "2");
            assertThat(sqs.listDeadLetterSourceQueues(r -> r.queueUrl(
                    sqs.getQueueUrl(q -> q.queueName("restart-dlq")).queueUrl())).queueUrls())
                    .singleElement().asString().endsWith("/000000000000/restart");
        }
    }
}
