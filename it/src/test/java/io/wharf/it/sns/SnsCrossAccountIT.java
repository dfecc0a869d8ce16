package io.wharf.it.sns;

import com.fasterxml.jackson.databind.JsonNode;
import io.wharf.testkit.Clients;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * SNS to an SQS queue of another account (an access key of 12 digits acts as that account): the subscription waits
 * for confirmation, the SubscriptionConfirmation lands in the queue, the queue's owner confirms, then
 * notifications arrive.
 */
class SnsCrossAccountIT extends SnsTestBase {

    @Test
    void aQueueOfAnotherAccountConfirmsFromTheMessageInIt() throws Exception {
        try (SqsClient other = Clients.sqsBuilder(WHARF.endpoint()).credentialsProvider(StaticCredentialsProvider
                .create(AwsBasicCredentials.create("111111111111", io.wharf.testkit.Clients.SECRET))).build()) {
            String url = other.createQueue(r -> r.queueName("their-queue")).queueUrl();
            assertThat(url).contains("/111111111111/their-queue");
            String queueArn = other.getQueueAttributes(r -> r.queueUrl(url)
                    .attributeNames(QueueAttributeName.QUEUE_ARN)).attributes().get(QueueAttributeName.QUEUE_ARN);
            assertThat(queueArn).isEqualTo("arn:aws:sqs:us-east-1:111111111111:their-queue");
            other.setQueueAttributes(r -> r.queueUrl(url).attributes(java.util.Map.of(QueueAttributeName.POLICY,
                    snsMaySend(queueArn, "arn:aws:sns:us-east-1:000000000000:*"))));
            // the default account's client does not see that queue
            assertThat(sqs.listQueues().queueUrls()).noneMatch(u -> u.contains("their-queue"));

            String topicArn = topic("cross");
            assertThat(topicArn).contains(":000000000000:");
            assertThat(sns.subscribe(r -> r.topicArn(topicArn).protocol("sqs").endpoint(queueArn)).subscriptionArn())
                    .isEqualTo("pending confirmation");

            JsonNode confirmation = SnsSignatures.parse(receiveOne(other, url).body());
            assertThat(confirmation.path("Type").asText()).isEqualTo("SubscriptionConfirmation");
            assertThat(confirmation.path("TopicArn").asText()).isEqualTo(topicArn);
            assertThat(SnsSignatures.verify(confirmation)).isTrue();
            sns.publish(r -> r.topicArn(topicArn).message("not yet"));

            assertThat(SnsSignatures.get(confirmation.path("SubscribeURL").asText()).statusCode()).isEqualTo(200);
            sns.publish(r -> r.topicArn(topicArn).message("now confirmed"));
            JsonNode notification = SnsSignatures.parse(receiveOne(other, url).body());
            assertThat(notification.path("Message").asText()).isEqualTo("now confirmed");
        }
    }

    @Test
    void aQueueOfTheTopicsOwnAccountIsConfirmedAtOnce() {
        String topicArn = topic("same");
        Queue queue = queue("same");
        assertThat(subscribe(topicArn, queue, java.util.Map.of())).startsWith(topicArn + ":");
    }

    private static Message receiveOne(SqsClient client, String url) {
        List<Message> got = new ArrayList<>();
        for (int i = 0; i < 10 && got.isEmpty(); i++) {
            got.addAll(client.receiveMessage(r -> r.queueUrl(url).waitTimeSeconds(1)).messages());
        }
        assertThat(got).hasSize(1);
        client.deleteMessage(r -> r.queueUrl(url).receiptHandle(got.get(0).receiptHandle()));
        return got.get(0);
    }
}
