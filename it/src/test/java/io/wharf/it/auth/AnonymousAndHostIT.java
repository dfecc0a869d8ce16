package io.wharf.it.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.wharf.it.sns.Webhook;
import io.wharf.protocol.auth.AuthMode;
import io.wharf.testkit.Clients;
import io.wharf.testkit.WharfServerExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.model.Subscription;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;

import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * In enforce mode: what anyone may do without credentials — follow an SNS SubscribeURL and UnsubscribeURL, call an SQS
 * queue whose policy grants {@code "*"} (and nothing else: "Access to the resource … is denied.") — and that a forged
 * {@code Host} header never ends up in the URLs Wharf hands out (queue URLs, SubscribeURL, UnsubscribeURL,
 * SigningCertURL, the URL in SQS's anonymous refusal).
 */
class AnonymousAndHostIT extends AuthTestBase {
    @RegisterExtension
    static final WharfServerExtension WHARF = WharfServerExtension.builder().auth(AuthMode.ENFORCE).build();

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final String EVIL = "evil.example";

    private Webhook webhook;

    @Override
    URI endpoint() {
        return WHARF.endpoint();
    }

    /** host:port of the listening address, what every URL must name. */
    private static String hostPort() {
        return WHARF.endpoint().getHost() + ":" + WHARF.endpoint().getPort();
    }

    @BeforeEach
    void startWebhook() throws Exception {
        webhook = new Webhook();
    }

    @AfterEach
    void stopWebhook() {
        webhook.close();
    }

    private static HandSigned.Answer unsignedGet(String url) {
        URI uri = URI.create(url);
        return HandSigned.get(WHARF.endpoint(), "sns", uri.getRawPath(), Map.of()).query(uri.getRawQuery()).send();
    }

    // ---------------------------------------------------------------- SNS: the URLs SNS sends work for anyone

    @Test
    void subscribeUrlAndUnsubscribeUrlWorkWithoutCredentials() throws Exception {
        SnsClient sns = sns(Clients.CREDENTIALS);
        String topic = sns.createTopic(r -> r.name(unique("anon"))).topicArn();
        assertThat(sns.subscribe(r -> r.topicArn(topic).protocol("http").endpoint(webhook.url("/hook")))
                .subscriptionArn()).isEqualTo("pending confirmation");
        JsonNode confirmation = JSON.readTree(webhook.next("SubscriptionConfirmation", WAIT).body());
        String subscribeUrl = confirmation.path("SubscribeURL").asText();
        assertThat(subscribeUrl).startsWith("http://" + hostPort() + "/?Action=ConfirmSubscription");

        HandSigned.Answer confirmed = unsignedGet(subscribeUrl);
        assertThat(confirmed.status()).as(confirmed.body()).isEqualTo(200);
        assertThat(confirmed.body()).contains("<SubscriptionArn>" + topic + ":");
        Subscription subscription = sns.listSubscriptionsByTopic(r -> r.topicArn(topic)).subscriptions().get(0);
        assertThat(subscription.subscriptionArn()).startsWith(topic + ":");

        sns.publish(r -> r.topicArn(topic).message("hello"));
        JsonNode notification = JSON.readTree(webhook.next("Notification", WAIT).body());
        String unsubscribeUrl = notification.path("UnsubscribeURL").asText();
        assertThat(unsubscribeUrl).startsWith("http://" + hostPort() + "/?Action=Unsubscribe");
        HandSigned.Answer unsubscribed = unsignedGet(unsubscribeUrl);
        assertThat(unsubscribed.status()).as(unsubscribed.body()).isEqualTo(200);
        assertThat(sns.listSubscriptionsByTopic(r -> r.topicArn(topic)).subscriptions()).isEmpty();
    }

    @Test
    void aSubscriptionConfirmedWithAuthenticateOnUnsubscribeCannotBeUnsubscribedAnonymously() throws Exception {
        SnsClient sns = sns(Clients.CREDENTIALS);
        String topic = sns.createTopic(r -> r.name(unique("auth-unsub"))).topicArn();
        sns.subscribe(r -> r.topicArn(topic).protocol("http").endpoint(webhook.url("/hook")));
        String token = JSON.readTree(webhook.next("SubscriptionConfirmation", WAIT).body()).path("Token").asText();
        String subscription = sns.confirmSubscription(r -> r.topicArn(topic).token(token)
                .authenticateOnUnsubscribe("true")).subscriptionArn();

        sns.publish(r -> r.topicArn(topic).message("hello"));
        String unsubscribeUrl = JSON.readTree(webhook.next("Notification", WAIT).body()).path("UnsubscribeURL").asText();
        HandSigned.Answer refused = unsignedGet(unsubscribeUrl);
        assertThat(refused.status()).as(refused.body()).isEqualTo(403);
        assertThat(refused.code()).isEqualTo("AuthorizationError");
        assertThat(sns.listSubscriptionsByTopic(r -> r.topicArn(topic)).subscriptions()).hasSize(1);
        assertThat(sns.getSubscriptionAttributes(r -> r.subscriptionArn(subscription)).attributes())
                .doesNotContainKey("wharf:AuthenticateOnUnsubscribe");

        sns.unsubscribe(r -> r.subscriptionArn(subscription)); // signed by the topic's owner: allowed
        assertThat(sns.listSubscriptionsByTopic(r -> r.topicArn(topic)).subscriptions()).isEmpty();
    }

    @Test
    void authenticateOnUnsubscribeFromAnUnsignedConfirmationIsIgnored() throws Exception {
        SnsClient sns = sns(Clients.CREDENTIALS);
        String topic = sns.createTopic(r -> r.name(unique("anon-auth-unsub"))).topicArn();
        sns.subscribe(r -> r.topicArn(topic).protocol("http").endpoint(webhook.url("/hook")));
        String subscribeUrl = JSON.readTree(webhook.next("SubscriptionConfirmation", WAIT).body())
                .path("SubscribeURL").asText();
        assertThat(unsignedGet(subscribeUrl + "&AuthenticateOnUnsubscribe=true").status()).isEqualTo(200);

        sns.publish(r -> r.topicArn(topic).message("hello"));
        String unsubscribeUrl = JSON.readTree(webhook.next("Notification", WAIT).body()).path("UnsubscribeURL").asText();
        assertThat(unsignedGet(unsubscribeUrl).status()).isEqualTo(200);
        assertThat(sns.listSubscriptionsByTopic(r -> r.topicArn(topic)).subscriptions()).isEmpty();
    }

    @Test
    void aWrongTokenIsStillRefusedAndOtherSnsCallsStillNeedASignature() throws Exception {
        SnsClient sns = sns(Clients.CREDENTIALS);
        String topic = sns.createTopic(r -> r.name(unique("anon-bad"))).topicArn();
        sns.subscribe(r -> r.topicArn(topic).protocol("http").endpoint(webhook.url("/hook")));
        String subscribeUrl = JSON.readTree(webhook.next("SubscriptionConfirmation", WAIT).body())
                .path("SubscribeURL").asText();
        String forged = subscribeUrl.replaceAll("Token=[^&]+", "Token=" + "0".repeat(64));
        HandSigned.Answer refused = unsignedGet(forged);
        assertThat(refused.status()).isBetween(400, 499);
        assertThat(sns.listSubscriptionsByTopic(r -> r.topicArn(topic)).subscriptions().get(0).subscriptionArn())
                .isEqualTo("PendingConfirmation");

        Map<String, String> publish = new LinkedHashMap<>();
        publish.put("Action", "Publish");
        publish.put("TopicArn", topic);
        publish.put("Message", "anonymous");
        HandSigned.Answer unsigned = HandSigned.get(endpoint(), "sns", "/", publish).send();
        assertThat(unsigned.status()).isEqualTo(403);
        assertThat(unsigned.code()).isEqualTo("MissingAuthenticationToken");
        assertThat(unsigned.message()).isEqualTo("Request is missing Authentication Token");
    }

    // ---------------------------------------------------------------- SQS: anonymous callers decided by the queue policy

    @Test
    void anUnsignedSqsCallIsRefusedUnlessTheQueuePolicyGrantsEveryone() {
        SqsClient sqs = sqs(Clients.CREDENTIALS);
        String name = unique("public");
        String url = sqs.createQueue(r -> r.queueName(name)).queueUrl();
        String path = "/" + ACCOUNT + "/" + name;
        assertThat(url).isEqualTo("http://" + hostPort() + path);

        HandSigned.Answer refused = HandSigned.form(endpoint(), "sqs", path, sendMessage("anonymous")).send();
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.code()).isEqualTo("AccessDenied");
        assertThat(refused.message()).isEqualTo("Access to the resource " + url + " is denied.");
        // over JSON the request goes to the endpoint's root, which is the resource named
        HandSigned.Answer json = HandSigned.json(endpoint(), "sqs", "AmazonSQS.SendMessage",
                "application/x-amz-json-1.0", "{\"QueueUrl\":\"" + url + "\",\"MessageBody\":\"anonymous\"}").send();
        assertThat(json.status()).isEqualTo(403);
        assertThat(json.header("x-amzn-query-error")).isEqualTo("AccessDenied;Sender");
        assertThat(json.jsonMessage()).isEqualTo("Access to the resource http://" + hostPort() + "/ is denied.");

        sqs.setQueueAttributes(r -> r.queueUrl(url).attributesWithStrings(Map.of("Policy",
                "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":\"*\","
                        + "\"Action\":\"sqs:SendMessage\",\"Resource\":\"arn:aws:sqs:us-east-1:" + ACCOUNT + ":" + name
                        + "\"}]}")));
        HandSigned.Answer sent = HandSigned.form(endpoint(), "sqs", path, sendMessage("anonymous")).send();
        assertThat(sent.status()).as(sent.body()).isEqualTo(200);
        assertThat(HandSigned.json(endpoint(), "sqs", "AmazonSQS.SendMessage", "application/x-amz-json-1.0",
                "{\"QueueUrl\":\"" + url + "\",\"MessageBody\":\"anonymous json\"}").send().status()).isEqualTo(200);
        List<Message> messages = sqs.receiveMessage(r -> r.queueUrl(url).maxNumberOfMessages(10).waitTimeSeconds(2))
                .messages();
        assertThat(messages).extracting(Message::body).containsExactlyInAnyOrder("anonymous", "anonymous json");

        // the grant is for SendMessage only
        Map<String, String> receive = new LinkedHashMap<>();
        receive.put("Action", "ReceiveMessage");
        receive.put("Version", "2012-11-05");
        HandSigned.Answer notReceive = HandSigned.form(endpoint(), "sqs", path, receive).send();
        assertThat(notReceive.status()).isEqualTo(403);
        assertThat(notReceive.message()).isEqualTo("Access to the resource " + url + " is denied.");
    }

    // ---------------------------------------------------------------- a forged Host header

    @Test
    void aForgedHostHeaderNeverEndsUpInQueueUrls() {
        String name = unique("host");
        Map<String, String> create = new LinkedHashMap<>();
        create.put("Action", "CreateQueue");
        create.put("QueueName", name);
        create.put("Version", "2012-11-05");
        HandSigned.Answer created = HandSigned.form(endpoint(), "sqs", "/", create).header("Host", EVIL).sign().send();
        assertThat(created.status()).as(created.body()).isEqualTo(200);
        String url = "http://" + hostPort() + "/" + ACCOUNT + "/" + name;
        assertThat(created.body()).contains("<QueueUrl>" + url + "</QueueUrl>").doesNotContain(EVIL);

        HandSigned.Answer json = HandSigned.json(endpoint(), "sqs", "AmazonSQS.GetQueueUrl",
                "application/x-amz-json-1.0", "{\"QueueName\":\"" + name + "\"}").header("Host", EVIL + ":80").sign()
                .send();
        assertThat(json.status()).as(json.body()).isEqualTo(200);
        assertThat(json.body()).contains(url).doesNotContain(EVIL);

        Map<String, String> list = new LinkedHashMap<>();
        list.put("Action", "ListQueues");
        list.put("Version", "2012-11-05");
        HandSigned.Answer listed = HandSigned.form(endpoint(), "sqs", "/", list).header("Host", EVIL).sign().send();
        assertThat(listed.body()).contains(url).doesNotContain(EVIL);

        // nor in the URL SQS's refusal of an anonymous caller names
        HandSigned.Answer refused = HandSigned.form(endpoint(), "sqs", "/" + ACCOUNT + "/" + name,
                sendMessage("m")).header("Host", EVIL).send();
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.message()).isEqualTo("Access to the resource " + url + " is denied.");
    }

    @Test
    void aForgedHostHeaderNeverEndsUpInTheUrlsSnsSends() throws Exception {
        String topic = sns(Clients.CREDENTIALS).createTopic(r -> r.name(unique("host"))).topicArn();
        Map<String, String> subscribe = new LinkedHashMap<>();
        subscribe.put("Action", "Subscribe");
        subscribe.put("TopicArn", topic);
        subscribe.put("Protocol", "http");
        subscribe.put("Endpoint", webhook.url("/hook"));
        subscribe.put("Version", "2010-03-31");
        HandSigned.Answer answer = HandSigned.form(endpoint(), "sns", "/", subscribe).header("Host", EVIL).sign()
                .send();
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        Webhook.Post post = webhook.next("SubscriptionConfirmation", WAIT);
        JsonNode confirmation = JSON.readTree(post.body());
        assertThat(post.body()).doesNotContain(EVIL);
        assertThat(confirmation.path("SubscribeURL").asText()).startsWith("http://" + hostPort() + "/");
        assertThat(confirmation.path("SigningCertURL").asText()).startsWith("http://" + hostPort() + "/");

        // confirmed with a forged Host too: the notification's UnsubscribeURL is still the real address
        HandSigned.Answer confirmed = unsignedGetWithHost(confirmation.path("SubscribeURL").asText());
        assertThat(confirmed.status()).as(confirmed.body()).isEqualTo(200);
        Map<String, String> publish = new LinkedHashMap<>();
        publish.put("Action", "Publish");
        publish.put("TopicArn", topic);
        publish.put("Message", "m");
        publish.put("Version", "2010-03-31");
        assertThat(HandSigned.form(endpoint(), "sns", "/", publish).header("Host", EVIL).sign().send().status())
                .isEqualTo(200);
        Webhook.Post notification = webhook.next("Notification", WAIT);
        assertThat(notification.body()).doesNotContain(EVIL);
        assertThat(JSON.readTree(notification.body()).path("UnsubscribeURL").asText())
                .startsWith("http://" + hostPort() + "/");
    }

    private static HandSigned.Answer unsignedGetWithHost(String url) {
        URI uri = URI.create(url);
        return HandSigned.get(WHARF.endpoint(), "sns", uri.getRawPath(), Map.of()).query(uri.getRawQuery())
                .header("Host", EVIL).send();
    }
}
