package io.wharf.it.s3;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.wharf.testkit.Clients;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.model.Event;
import software.amazon.awssdk.services.s3.model.FilterRuleName;
import software.amazon.awssdk.services.s3.model.QueueConfiguration;
import software.amazon.awssdk.services.s3.model.TopicConfiguration;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Event notifications through the SDKs: to an SQS queue, and through an SNS topic to a queue; AWS's validation. */
class S3NotificationsIT extends S3TestBase {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static String allowS3(String resourceArn, String action) {
        return "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"Service\":"
                + "\"s3.amazonaws.com\"},\"Action\":\"" + action + "\",\"Resource\":\"" + resourceArn + "\"}]}";
    }

    private static String queue(SqsClient sqs, String name) {
        String url = sqs.createQueue(r -> r.queueName(name)).queueUrl();
        String arn = sqs.getQueueAttributes(r -> r.queueUrl(url).attributeNames(QueueAttributeName.QUEUE_ARN))
                .attributes().get(QueueAttributeName.QUEUE_ARN);
        sqs.setQueueAttributes(r -> r.queueUrl(url).attributes(Map.of(QueueAttributeName.POLICY,
                allowS3(arn, "sqs:SendMessage"))));
        return url;
    }

    /** Receives until {@code count} messages came (each test's queue is its own), at most 20 long polls. */
    private static List<Message> receive(SqsClient sqs, String url, int count) {
        List<Message> all = new ArrayList<>();
        for (int i = 0; i < 20 && all.size() < count; i++) {
            all.addAll(sqs.receiveMessage(r -> r.queueUrl(url).waitTimeSeconds(1).maxNumberOfMessages(10)).messages());
        }
        return all;
    }

    @Test
    void eventsReachAQueue() throws Exception {
        try (SqsClient sqs = Clients.sqs(WHARF.endpoint())) {
            String url = queue(sqs, unique("events"));
            String arn = sqs.getQueueAttributes(r -> r.queueUrl(url).attributeNames(QueueAttributeName.QUEUE_ARN))
                    .attributes().get(QueueAttributeName.QUEUE_ARN);
            String bucket = bucket();
            s3.putBucketNotificationConfiguration(r -> r.bucket(bucket).notificationConfiguration(n -> n
                    .queueConfigurations(QueueConfiguration.builder().id("logs").queueArn(arn)
                            .events(Event.S3_OBJECT_CREATED, Event.S3_OBJECT_REMOVED_DELETE)
                            .filter(f -> f.key(k -> k.filterRules(fr -> fr.name(FilterRuleName.PREFIX).value("logs/"))))
                            .build())));
            var config = s3.getBucketNotificationConfiguration(r -> r.bucket(bucket));
            assertThat(config.queueConfigurations()).hasSize(1);
            assertThat(config.queueConfigurations().get(0).eventsAsStrings())
                    .containsExactly("s3:ObjectCreated:*", "s3:ObjectRemoved:Delete");

            List<Message> test = receive(sqs, url, 1);
            assertThat(JSON.readTree(test.get(0).body()).get("Event").asText()).isEqualTo("s3:TestEvent");
            sqs.deleteMessage(r -> r.queueUrl(url).receiptHandle(test.get(0).receiptHandle()));

            s3.putObject(r -> r.bucket(bucket).key("logs/a b.txt"), RequestBody.fromString("hello"));
            s3.putObject(r -> r.bucket(bucket).key("ignored.txt"), RequestBody.fromString("not under logs/"));
            s3.deleteObject(r -> r.bucket(bucket).key("logs/a b.txt"));
            List<Message> events = receive(sqs, url, 2);
            List<String> names = new ArrayList<>();
            for (Message m : events) {
                JsonNode record = JSON.readTree(m.body()).get("Records").get(0);
                names.add(record.get("eventName").asText());
                assertThat(record.get("eventVersion").asText()).isEqualTo("2.1");
                assertThat(record.at("/s3/bucket/name").asText()).isEqualTo(bucket);
                assertThat(record.at("/s3/object/key").asText()).isEqualTo("logs/a+b.txt");
                assertThat(record.at("/s3/configurationId").asText()).isEqualTo("logs");
            }
            assertThat(names).containsExactlyInAnyOrder("ObjectCreated:Put", "ObjectRemoved:Delete");
        }
    }

    @Test
    void eventsFanOutThroughATopic() throws Exception {
        try (SqsClient sqs = Clients.sqs(WHARF.endpoint()); SnsClient sns = Clients.sns(WHARF.endpoint())) {
            String topic = sns.createTopic(r -> r.name(unique("s3-events"))).topicArn();
            sns.setTopicAttributes(r -> r.topicArn(topic).attributeName("Policy").attributeValue(
                    allowS3(topic, "sns:Publish")));
            String url = queue(sqs, unique("fanout"));
            String queueArn = sqs.getQueueAttributes(r -> r.queueUrl(url)
                    .attributeNames(QueueAttributeName.QUEUE_ARN)).attributes().get(QueueAttributeName.QUEUE_ARN);
            sqs.setQueueAttributes(r -> r.queueUrl(url).attributes(Map.of(QueueAttributeName.POLICY,
                    "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"Service\":"
                            + "\"sns.amazonaws.com\"},\"Action\":\"sqs:SendMessage\",\"Resource\":\"" + queueArn
                            + "\"}]}")));
            sns.subscribe(r -> r.topicArn(topic).protocol("sqs").endpoint(queueArn)
                    .attributes(Map.of("RawMessageDelivery", "true")));
            String bucket = bucket();
            s3.putBucketNotificationConfiguration(r -> r.bucket(bucket).notificationConfiguration(n -> n
                    .topicConfigurations(TopicConfiguration.builder().topicArn(topic)
                            .events(Event.S3_OBJECT_CREATED_PUT).build())));
            s3.putObject(r -> r.bucket(bucket).key("k"), RequestBody.fromString("v"));
            List<String> events = new ArrayList<>();
            for (Message m : receive(sqs, url, 2)) {
                JsonNode body = JSON.readTree(m.body());
                events.add(body.has("Event") ? body.get("Event").asText()
                        : body.at("/Records/0/eventName").asText());
            }
            assertThat(events).containsExactlyInAnyOrder("s3:TestEvent", "ObjectCreated:Put");
        }
    }

    @Test
    void invalidConfigurations() {
        String bucket = bucket();
        var missing = error(() -> s3.putBucketNotificationConfiguration(r -> r.bucket(bucket)
                .notificationConfiguration(n -> n.queueConfigurations(QueueConfiguration.builder()
                        .queueArn("arn:aws:sqs:us-east-1:000000000000:does-not-exist")
                        .events(Event.S3_OBJECT_CREATED).build()))));
        assertThat(missing.statusCode()).isEqualTo(400);
        assertThat(missing.awsErrorDetails().errorCode()).isEqualTo("InvalidArgument");
        assertThat(missing.awsErrorDetails().errorMessage())
                .isEqualTo("Unable to validate the following destination configurations");
        assertThat(s3.getBucketNotificationConfiguration(r -> r.bucket(bucket)).queueConfigurations()).isEmpty();
    }
}
