package io.wharf.it.sns;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sns.model.InvalidParameterException;
import software.amazon.awssdk.services.sns.model.MessageAttributeValue;
import software.amazon.awssdk.services.sns.model.NotFoundException;
import software.amazon.awssdk.services.sns.model.Subscription;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Subscriptions through the SDK: subscribe rules, attributes, filter policies applied on publish, lists. */
class SnsSubscriptionsIT extends SnsTestBase {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void subscribeIsIdempotentAndListed() {
        String topic = topic("subs");
        Queue queue = queue("subs");
        String arn = subscribe(topic, queue, Map.of());
        assertThat(arn).startsWith(topic + ":");
        assertThat(subscribe(topic, queue, Map.of())).isEqualTo(arn);
        assertThatThrownBy(() -> subscribe(topic, queue, Map.of("RawMessageDelivery", "true")))
                .hasMessageContaining("Subscription already exists with different attributes");
        assertThat(sns.listSubscriptionsByTopic(r -> r.topicArn(topic)).subscriptions())
                .extracting(Subscription::subscriptionArn, Subscription::protocol, Subscription::endpoint)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(arn, "sqs", queue.arn()));
        assertThat(sns.listSubscriptions().subscriptions()).extracting(Subscription::subscriptionArn).contains(arn);
        assertThat(sns.getTopicAttributes(r -> r.topicArn(topic)).attributes())
                .containsEntry("SubscriptionsConfirmed", "1");
        sns.unsubscribe(r -> r.subscriptionArn(arn));
        sns.unsubscribe(r -> r.subscriptionArn(arn));
        assertThat(sns.listSubscriptionsByTopic(r -> r.topicArn(topic)).subscriptions()).isEmpty();
        assertThatThrownBy(() -> sns.getSubscriptionAttributes(r -> r.subscriptionArn(arn)))
                .isInstanceOf(NotFoundException.class).hasMessageContaining("Subscription does not exist");
    }

    @Test
    void subscribeErrors() {
        String topic = topic("suberr");
        assertThatThrownBy(() -> sns.subscribe(r -> r.topicArn(topic).protocol("carrier-pigeon").endpoint("x")))
                .hasMessageContaining("Amazon SNS does not support this protocol string: carrier-pigeon");
        assertThatThrownBy(() -> sns.subscribe(r -> r.topicArn(topic).protocol("sqs")
                .endpoint("http://localhost/000000000000/q"))).hasMessageContaining("Invalid parameter: SQS endpoint ARN");
        Queue fifo = queue("fifoq", Map.of(QueueAttributeName.FIFO_QUEUE, "true"));
        assertThatThrownBy(() -> subscribe(topic, fifo, Map.of()))
                .hasMessageContaining("FIFO SQS Queues can not be subscribed to standard SNS topics");
        Queue queue = queue("suberr");
        assertThatThrownBy(() -> subscribe(topic, queue, Map.of("RawMessageDelivery", "maybe")))
                .hasMessageContaining("Invalid parameter: Attributes Reason: RawMessageDelivery: Invalid value [maybe]. "
                        + "Must be true or false.");
        assertThatThrownBy(() -> subscribe(topic, queue, Map.of("FilterPolicy", "{\"a\": \"b\"}")))
                .isInstanceOf(InvalidParameterException.class)
                .hasMessageContaining("Invalid parameter: Attributes Reason: FilterPolicy: \"a\" must be an object or an array");
        assertThatThrownBy(() -> sns.unsubscribe(r -> r.subscriptionArn("arn:aws:sns")))
                .hasMessageContaining("An ARN must have at least 6 elements, not 3");
    }

    @Test
    void protocolsWharfDoesNotDeliverToAreValidatedAndStored() {
        String topic = topic("other");
        String lambda = "arn:aws:lambda:us-east-1:000000000000:function:handler";
        assertThat(sns.subscribe(r -> r.topicArn(topic).protocol("lambda").endpoint(lambda)).subscriptionArn())
                .startsWith(topic + ":");
        assertThatThrownBy(() -> sns.subscribe(r -> r.topicArn(topic).protocol("lambda").endpoint("handler")))
                .hasMessageContaining("Invalid parameter: Lambda endpoint ARN");
        String firehose = "arn:aws:firehose:us-east-1:000000000000:deliverystream/archive";
        assertThatThrownBy(() -> sns.subscribe(r -> r.topicArn(topic).protocol("firehose").endpoint(firehose)))
                .hasMessageContaining("SubscriptionRoleArn");
        assertThat(sns.subscribe(r -> r.topicArn(topic).protocol("firehose").endpoint(firehose)
                .attributes(Map.of("SubscriptionRoleArn", "arn:aws:iam::000000000000:role/sns"))).subscriptionArn())
                .startsWith(topic + ":");
        assertThatThrownBy(() -> sns.subscribe(r -> r.topicArn(topic).protocol("firehose").endpoint("archive")
                .attributes(Map.of("SubscriptionRoleArn", "arn:aws:iam::000000000000:role/sns"))))
                .hasMessageContaining("Invalid parameter: Firehose endpoint ARN");
        assertThat(sns.subscribe(r -> r.topicArn(topic).protocol("sms").endpoint("+15555550100")).subscriptionArn())
                .startsWith(topic + ":");
        assertThatThrownBy(() -> sns.subscribe(r -> r.topicArn(topic).protocol("email").endpoint("not-an-address")))
                .hasMessageContaining("Invalid parameter: Email address");
        String missing = "arn:aws:sns:us-east-1:000000000000:endpoint/GCM/app/00000000-0000-0000-0000-000000000000";
        assertThatThrownBy(() -> sns.subscribe(r -> r.topicArn(topic).protocol("application").endpoint(missing)))
                .hasMessageContaining("Endpoint does not exist for endpoint arn");
        String app = sns.createPlatformApplication(r -> r.name("app").platform("GCM")
                .attributes(Map.of("PlatformCredential", "key"))).platformApplicationArn();
        String device = sns.createPlatformEndpoint(r -> r.platformApplicationArn(app).token("device-token"))
                .endpointArn();
        assertThat(sns.subscribe(r -> r.topicArn(topic).protocol("application").endpoint(device)).subscriptionArn())
                .startsWith(topic + ":");
        assertThat(sns.listSubscriptionsByTopic(r -> r.topicArn(topic)).subscriptions())
                .extracting(Subscription::protocol).containsExactlyInAnyOrder("lambda", "firehose", "sms", "application");
    }

    @Test
    void httpSubscriptionsWaitForConfirmation() {
        String topic = topic("http");
        assertThat(sns.subscribe(r -> r.topicArn(topic).protocol("http").endpoint("http://127.0.0.1:1/hook"))
                .subscriptionArn()).isEqualTo("pending confirmation");
        assertThat(sns.listSubscriptionsByTopic(r -> r.topicArn(topic)).subscriptions().get(0).subscriptionArn())
                .isEqualTo("PendingConfirmation");
        assertThatThrownBy(() -> sns.confirmSubscription(r -> r.topicArn(topic).token("wrong")))
                .hasMessageContaining("Invalid parameter: Token");
        assertThat(sns.getTopicAttributes(r -> r.topicArn(topic)).attributes())
                .containsEntry("SubscriptionsPending", "1");
    }

    @Test
    void attributesAreValidatedAndShown() {
        String topic = topic("sattr");
        String arn = subscribe(topic, queue("sattr"), Map.of());
        Map<String, String> attributes = sns.getSubscriptionAttributes(r -> r.subscriptionArn(arn)).attributes();
        assertThat(attributes).containsEntry("RawMessageDelivery", "false").containsEntry("Protocol", "sqs")
                .containsEntry("PendingConfirmation", "false").containsEntry("TopicArn", topic);
        sns.setSubscriptionAttributes(r -> r.subscriptionArn(arn).attributeName("RawMessageDelivery")
                .attributeValue("True"));
        sns.setSubscriptionAttributes(r -> r.subscriptionArn(arn).attributeName("RedrivePolicy")
                .attributeValue("{\"deadLetterTargetArn\":\"arn:aws:sqs:us-east-1:000000000000:dlq\"}"));
        assertThat(sns.getSubscriptionAttributes(r -> r.subscriptionArn(arn)).attributes())
                .containsEntry("RawMessageDelivery", "true").containsKey("RedrivePolicy");
        assertThatThrownBy(() -> sns.setSubscriptionAttributes(r -> r.subscriptionArn(arn).attributeName("Bogus")
                .attributeValue("x"))).hasMessageContaining("Invalid parameter: AttributeName");
        assertThatThrownBy(() -> sns.setSubscriptionAttributes(r -> r.subscriptionArn(arn).attributeName("FilterPolicy")
                .attributeValue("{\"a\":[]}"))).hasMessageContaining("Invalid parameter: FilterPolicy: Empty arrays are not allowed");
        assertThatThrownBy(() -> sns.setSubscriptionAttributes(r -> r.subscriptionArn(arn).attributeName("RedrivePolicy")
                .attributeValue("{\"deadLetterTargetArn\":\"nope\"}")))
                .hasMessageContaining("RedrivePolicy: deadLetterTargetArn is an invalid arn");
        assertThatThrownBy(() -> sns.setSubscriptionAttributes(r -> r.subscriptionArn(arn)
                .attributeName("FilterPolicyScope").attributeValue("Everything")))
                .hasMessageContaining("Please use either MessageBody or MessageAttributes");
    }

    @Test
    void filterPoliciesSelectAndChangesApplyToTheNextPublish() throws Exception {
        String topic = topic("filter");
        Queue red = queue("red");
        Queue big = queue("big");
        Queue body = queue("body");
        String redArn = subscribe(topic, red, Map.of("FilterPolicy", "{\"color\":[\"red\"]}"));
        subscribe(topic, big, Map.of("FilterPolicy", "{\"size\":[{\"numeric\":[\">\",100]}]}"));
        subscribe(topic, body, Map.of("FilterPolicyScope", "MessageBody",
                "FilterPolicy", "{\"order\":{\"kind\":[{\"prefix\":\"vip\"}]}}"));
        publish(topic, "{\"order\":{\"kind\":\"vip-gold\"}}", "red", "5");
        publish(topic, "plain", "blue", "500");
        assertThat(receive(red, 1)).hasSize(1);
        assertThat(JSON.readTree(receive(big, 1).get(0).body()).get("Message").asText()).isEqualTo("plain");
        assertThat(JSON.readTree(receive(body, 1).get(0).body()).get("Message").asText()).contains("vip-gold");

        sns.setSubscriptionAttributes(r -> r.subscriptionArn(redArn).attributeName("FilterPolicy")
                .attributeValue("{\"color\":[\"blue\"]}"));
        publish(topic, "now blue", "blue", "1");
        assertThat(JSON.readTree(receive(red, 1).get(0).body()).get("Message").asText()).isEqualTo("now blue");
        assertThat(receive(big, 1, java.time.Duration.ofSeconds(1))).isEmpty();
        assertThat(receive(body, 1, java.time.Duration.ofSeconds(1))).isEmpty();
    }

    private void publish(String topic, String message, String color, String size) {
        sns.publish(r -> r.topicArn(topic).message(message).messageAttributes(Map.of(
                "color", MessageAttributeValue.builder().dataType("String").stringValue(color).build(),
                "size", MessageAttributeValue.builder().dataType("Number").stringValue(size).build())));
    }
}
