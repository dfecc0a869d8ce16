package io.wharf.it.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.wharf.protocol.auth.AuthMode;
import io.wharf.testkit.Clients;
import io.wharf.testkit.WharfServerExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.iam.model.AccessKey;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Cross-account access (accounts 111111111111 and 222222222222 calling resources of 000000000000) through resource
 * policies — an SQS queue's {@code Policy}, an SNS topic's {@code Policy}, a Kinesis stream's resource policy — with
 * the caller's own account having to allow as well; and SNS delivering to SQS as the service principal
 * {@code sns.amazonaws.com}, which a queue must let in (same account or not), the subscription's dead-letter queue
 * catching what a queue refuses when its own policy lets SNS in.
 */
class CrossAccountAndDeliveryIT extends AuthTestBase {
    @RegisterExtension
    static final WharfServerExtension WHARF = WharfServerExtension.builder().auth(AuthMode.ENFORCE)
            .configure(c -> c.kinesisTransitionMillis(0)).build();

    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    URI endpoint() {
        return WHARF.endpoint();
    }

    private static String root(String account) {
        return "arn:aws:iam::" + account + ":root";
    }

    private static String grant(String principal, String action, String resource) {
        return "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\""
                + principal + "\"},\"Action\":\"" + action + "\",\"Resource\":\"" + resource + "\"}]}";
    }

    private record Queue(String url, String arn) {
    }

    private Queue queue(SqsClient owner, String account, String base) {
        String name = unique(base);
        String url = owner.createQueue(r -> r.queueName(name)).queueUrl();
        return new Queue(url, "arn:aws:sqs:us-east-1:" + account + ":" + name);
    }

    private static void setPolicy(SqsClient owner, Queue queue, String policy) {
        owner.setQueueAttributes(r -> r.queueUrl(queue.url()).attributesWithStrings(Map.of("Policy", policy)));
    }

    private static List<Message> receive(SqsClient sqs, Queue queue, int waitSeconds) {
        return sqs.receiveMessage(r -> r.queueUrl(queue.url()).maxNumberOfMessages(10).waitTimeSeconds(waitSeconds))
                .messages();
    }

    // ---------------------------------------------------------------- cross-account calls

    @Test
    void anotherAccountSendsToAQueueOnlyWhenItsPolicyGrantsIt() {
        SqsClient owner = sqs(Clients.CREDENTIALS);
        Queue queue = queue(owner, ACCOUNT, "shared");
        SqsClient other = sqs(Clients.credentials(OTHER));
        SqsClient third = sqs(Clients.credentials(THIRD));

        assertError(error(() -> other.sendMessage(r -> r.queueUrl(queue.url()).messageBody("m"))), "AccessDenied", 403,
                notAuthorized(root(OTHER), "sqs:sendmessage", queue.arn(), noResourcePolicy("sqs:sendmessage")));

        setPolicy(owner, queue, grant(OTHER, "sqs:SendMessage", queue.arn()));
        assertThat(other.sendMessage(r -> r.queueUrl(queue.url()).messageBody("from 111")).messageId()).isNotBlank();
        // only what the policy names, only to whom it names
        assertError(error(() -> other.receiveMessage(r -> r.queueUrl(queue.url()))), "AccessDenied", 403,
                notAuthorized(root(OTHER), "sqs:receivemessage", queue.arn(), noResourcePolicy("sqs:receivemessage")));
        assertError(error(() -> third.sendMessage(r -> r.queueUrl(queue.url()).messageBody("m"))), "AccessDenied", 403,
                notAuthorized(root(THIRD), "sqs:sendmessage", queue.arn(), noResourcePolicy("sqs:sendmessage")));
        assertThat(receive(owner, queue, 1)).extracting(Message::body).containsExactly("from 111");

        // an IAM user of the granted account needs its own account's allow too
        String name = unique("their-user");
        software.amazon.awssdk.services.iam.IamClient theirIam = iam(Clients.credentials(OTHER));
        theirIam.createUser(r -> r.userName(name));
        AccessKey key = theirIam.createAccessKey(r -> r.userName(name)).accessKey();
        String theirUser = "arn:aws:iam::" + OTHER + ":user/" + name;
        SqsClient user = sqs(basic(key));
        assertError(error(() -> user.sendMessage(r -> r.queueUrl(queue.url()).messageBody("m"))), "AccessDenied", 403,
                notAuthorized(theirUser, "sqs:sendmessage", queue.arn(), noIdentityPolicy("sqs:sendmessage")));
        theirIam.putUserPolicy(r -> r.userName(name).policyName("send").policyDocument(
                policy("Allow", "sqs:SendMessage", "*")));
        assertThat(user.sendMessage(r -> r.queueUrl(queue.url()).messageBody("from their user")).messageId())
                .isNotBlank();
    }

    @Test
    void anotherAccountPublishesToATopicOnlyWhenItsPolicyGrantsIt() {
        SnsClient owner = sns(Clients.CREDENTIALS);
        String topic = owner.createTopic(r -> r.name(unique("shared"))).topicArn();
        SnsClient other = sns(Clients.credentials(OTHER));
        assertError(error(() -> other.publish(r -> r.topicArn(topic).message("m"))), "AuthorizationError", 403,
                notAuthorized(root(OTHER), "SNS:Publish", topic, noResourcePolicy("SNS:Publish")));
        owner.setTopicAttributes(r -> r.topicArn(topic).attributeName("Policy")
                .attributeValue(grant(root(OTHER), "SNS:Publish", topic)));
        assertThat(other.publish(r -> r.topicArn(topic).message("from 111")).messageId()).isNotBlank();
        assertError(error(() -> other.deleteTopic(r -> r.topicArn(topic))), "AuthorizationError", 403,
                notAuthorized(root(OTHER), "SNS:DeleteTopic", topic, noResourcePolicy("SNS:DeleteTopic")));
        assertError(error(() -> sns(Clients.credentials(THIRD)).publish(r -> r.topicArn(topic).message("m"))),
                "AuthorizationError", 403,
                notAuthorized(root(THIRD), "SNS:Publish", topic, noResourcePolicy("SNS:Publish")));
    }

    @Test
    void anotherAccountPutsRecordsOnlyWhenTheStreamsResourcePolicyGrantsIt() {
        KinesisClient owner = kinesis(Clients.CREDENTIALS);
        String stream = unique("shared");
        owner.createStream(r -> r.streamName(stream).shardCount(1));
        String streamArn = owner.describeStreamSummary(r -> r.streamName(stream)).streamDescriptionSummary()
                .streamARN();
        assertThat(streamArn).isEqualTo("arn:aws:kinesis:us-east-1:" + ACCOUNT + ":stream/" + stream);
        for (KinesisClient other : List.of(kinesis(Clients.credentials(OTHER)),
                kinesisJson(Clients.credentials(OTHER)))) {
            assertError(error(() -> other.putRecord(r -> r.streamARN(streamArn).partitionKey("k")
                            .data(SdkBytes.fromUtf8String("d")))), "AccessDeniedException", 400,
                    notAuthorized(root(OTHER), "kinesis:PutRecord", streamArn, noResourcePolicy("kinesis:PutRecord")));
        }
        owner.putResourcePolicy(r -> r.resourceARN(streamArn).policy(grant(OTHER, "kinesis:PutRecord", streamArn)));
        for (KinesisClient other : List.of(kinesis(Clients.credentials(OTHER)),
                kinesisJson(Clients.credentials(OTHER)))) {
            assertThat(other.putRecord(r -> r.streamARN(streamArn).partitionKey("k")
                    .data(SdkBytes.fromUtf8String("from 111"))).sequenceNumber()).isNotBlank();
            assertError(error(() -> other.describeStreamSummary(r -> r.streamARN(streamArn))),
                    "AccessDeniedException", 400, notAuthorized(root(OTHER), "kinesis:DescribeStreamSummary",
                            streamArn, noResourcePolicy("kinesis:DescribeStreamSummary")));
        }
        assertError(error(() -> kinesis(Clients.credentials(THIRD)).putRecord(r -> r.streamARN(streamArn)
                        .partitionKey("k").data(SdkBytes.fromUtf8String("d")))), "AccessDeniedException", 400,
                notAuthorized(root(THIRD), "kinesis:PutRecord", streamArn, noResourcePolicy("kinesis:PutRecord")));
    }

    // ---------------------------------------------------------------- SNS to SQS as sns.amazonaws.com

    @Test
    void snsDeliversToAQueueOfItsAccountOnlyWhenTheQueuePolicyLetsItIn() throws Exception {
        SnsClient sns = sns(Clients.CREDENTIALS);
        SqsClient sqs = sqs(Clients.CREDENTIALS);
        String topic = sns.createTopic(r -> r.name(unique("fanout"))).topicArn();
        Queue closed = queue(sqs, ACCOUNT, "closed");
        Queue dlq = queue(sqs, ACCOUNT, "closed-dlq");
        Queue open = queue(sqs, ACCOUNT, "open");
        Queue otherTopics = queue(sqs, ACCOUNT, "other-topics");
        setPolicy(sqs, dlq, allowSns(dlq.arn(), topic));
        setPolicy(sqs, open, allowSns(open.arn(), topic));
        setPolicy(sqs, otherTopics, allowSns(otherTopics.arn(), topic + "-not-this-one"));
        sns.subscribe(r -> r.topicArn(topic).protocol("sqs").endpoint(closed.arn()).attributes(Map.of(
                "RawMessageDelivery", "true", "RedrivePolicy", "{\"deadLetterTargetArn\":\"" + dlq.arn() + "\"}")));
        sns.subscribe(r -> r.topicArn(topic).protocol("sqs").endpoint(open.arn())
                .attributes(Map.of("RawMessageDelivery", "true")));
        sns.subscribe(r -> r.topicArn(topic).protocol("sqs").endpoint(otherTopics.arn())
                .attributes(Map.of("RawMessageDelivery", "true")));

        sns.publish(r -> r.topicArn(topic).message("fan out"));
        assertThat(receive(sqs, open, 5)).extracting(Message::body).containsExactly("fan out");
        // the refused delivery went to the subscription's dead-letter queue, whose policy lets SNS in
        List<Message> dead = receive(sqs, dlq, 5);
        assertThat(dead).hasSize(1);
        assertThat(dead.get(0).body()).contains("fan out");
        assertThat(receive(sqs, closed, 1)).isEmpty();
        assertThat(receive(sqs, otherTopics, 1)).as("the policy names another topic").isEmpty();

        // once the closed queue lets the topic in, it gets the next message
        setPolicy(sqs, closed, allowSns(closed.arn(), topic));
        sns.publish(r -> r.topicArn(topic).message("now open"));
        assertThat(receive(sqs, closed, 5)).extracting(Message::body).containsExactly("now open");
    }

    @Test
    void aRefusedDeliveryWithoutAWillingDeadLetterQueueIsDropped() {
        SnsClient sns = sns(Clients.CREDENTIALS);
        SqsClient sqs = sqs(Clients.CREDENTIALS);
        String topic = sns.createTopic(r -> r.name(unique("dropped"))).topicArn();
        Queue closed = queue(sqs, ACCOUNT, "closed");
        Queue unwillingDlq = queue(sqs, ACCOUNT, "unwilling-dlq");
        sns.subscribe(r -> r.topicArn(topic).protocol("sqs").endpoint(closed.arn()).attributes(Map.of(
                "RedrivePolicy", "{\"deadLetterTargetArn\":\"" + unwillingDlq.arn() + "\"}")));
        sns.publish(r -> r.topicArn(topic).message("nowhere"));
        assertThat(receive(sqs, closed, 2)).isEmpty();
        assertThat(receive(sqs, unwillingDlq, 1)).isEmpty();
    }

    @Test
    void snsDeliversAcrossAccountsWhenTheQueuePolicyLetsTheTopicIn() throws Exception {
        // a topic of 111111111111, a queue of 000000000000
        SnsClient theirSns = sns(Clients.credentials(OTHER));
        SqsClient sqs = sqs(Clients.CREDENTIALS);
        String topic = theirSns.createTopic(r -> r.name(unique("their-topic"))).topicArn();
        assertThat(topic).contains(":" + OTHER + ":");
        Queue refusing = queue(sqs, ACCOUNT, "refusing");
        Queue welcoming = queue(sqs, ACCOUNT, "welcoming");
        setPolicy(sqs, welcoming, allowSns(welcoming.arn(), topic));

        // a cross-account subscription waits for confirmation; the confirmation itself is an SNS delivery
        assertThat(theirSns.subscribe(r -> r.topicArn(topic).protocol("sqs").endpoint(refusing.arn()))
                .subscriptionArn()).isEqualTo("pending confirmation");
        assertThat(theirSns.subscribe(r -> r.topicArn(topic).protocol("sqs").endpoint(welcoming.arn()))
                .subscriptionArn()).isEqualTo("pending confirmation");
        assertThat(receive(sqs, refusing, 2)).as("no confirmation reaches a queue that does not let SNS in")
                .isEmpty();
        List<Message> confirmations = receive(sqs, welcoming, 5);
        assertThat(confirmations).hasSize(1);
        JsonNode confirmation = JSON.readTree(confirmations.get(0).body());
        assertThat(confirmation.path("Type").asText()).isEqualTo("SubscriptionConfirmation");
        // the queue's owner confirms by following SubscribeURL, unsigned
        HttpResponse<String> visited = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(confirmation.path("SubscribeURL").asText())).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(visited.statusCode()).as(visited.body()).isEqualTo(200);

        theirSns.publish(r -> r.topicArn(topic).message("across accounts"));
        List<Message> delivered = receive(sqs, welcoming, 5);
        assertThat(delivered).hasSize(1);
        assertThat(JSON.readTree(delivered.get(0).body()).path("Message").asText()).isEqualTo("across accounts");
        assertThat(receive(sqs, refusing, 1)).isEmpty();
    }
}
