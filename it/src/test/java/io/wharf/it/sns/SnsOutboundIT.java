package io.wharf.it.sns;

import com.fasterxml.jackson.databind.JsonNode;
import io.wharf.server.Wharf;
import io.wharf.server.config.WharfConfig;
import io.wharf.testkit.Clients;
import io.wharf.testkit.WharfServerExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.model.InvalidParameterException;
import software.amazon.awssdk.services.sns.model.Subscription;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Outbound safety for SNS deliveries through the SDK: the delivery rules refuse Subscribe to a denied endpoint with
 * AWS's error, link-local and metadata endpoints are refused by default, a subscription made before a deny rule is
 * dead-lettered after the restart without a connection, and an endpoint's password is shown as {@code ****} while
 * deliveries still carry it as Basic auth.
 */
class SnsOutboundIT {
    private static final Duration WAIT = Duration.ofSeconds(10);

    @RegisterExtension
    static final WharfServerExtension WHARF = WharfServerExtension.builder()
            .configure(c -> c.deliveryDeny(List.of("127.0.0.2", "*.denied.test", "*.blocked.test"))).build();

    private SnsClient sns;
    private Webhook webhook;

    @BeforeEach
    void start() throws Exception {
        sns = Clients.sns(WHARF.endpoint());
        webhook = new Webhook();
    }

    @AfterEach
    void stop() {
        sns.close();
        webhook.close();
    }

    private static String topic(SnsClient sns, String name) {
        return sns.createTopic(r -> r.name(name + "-" + System.nanoTime())).topicArn();
    }

    private void assertRefused(String topicArn, String protocol, String endpoint) {
        assertThatThrownBy(() -> sns.subscribe(r -> r.topicArn(topicArn).protocol(protocol).endpoint(endpoint)))
                .as(protocol + " " + endpoint)
                .isInstanceOfSatisfying(InvalidParameterException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(400);
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidParameter");
                    assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("Invalid parameter: Unreachable Endpoint");
                });
    }

    @Test
    void subscribeToADeniedEndpointIsRefusedWithAwsError() throws Exception {
        String topicArn = topic(sns, "outbound-deny");
        assertRefused(topicArn, "http", "http://127.0.0.2:9/hook");
        assertRefused(topicArn, "https", "https://user:secret@hooks.denied.test/");
        assertRefused(topicArn, "http", "http://[::ffff:127.0.0.2]:9/");
        assertRefused(topicArn, "email", "someone@mx.blocked.test");
        assertRefused(topicArn, "email-json", "someone@mx.blocked.test");
        assertThat(sns.listSubscriptionsByTopic(r -> r.topicArn(topicArn)).subscriptions()).isEmpty();
        assertThat(webhook.drain(Duration.ofMillis(200))).isEmpty();
    }

    @Test
    void linkLocalAndMetadataEndpointsAreRefusedByDefault() {
        String topicArn = topic(sns, "outbound-metadata");
        for (String endpoint : List.of("http://169.254.169.254/latest/meta-data/iam/security-credentials/",
                "http://169.254.170.2/v2/credentials", "http://[fd00:ec2::254]/latest/meta-data/",
                "http://metadata.google.internal/computeMetadata/v1/", "http://100.100.100.200/latest/meta-data/",
                "http://[::ffff:169.254.169.254]/", "http://[fe80::1]/", "http://0.0.0.0:4566/",
                "http://224.0.0.1/")) {
            assertRefused(topicArn, "http", endpoint);
        }
    }

    @Test
    void aPasswordIsShownMaskedButStillSentAsBasicAuth() throws Exception {
        String topicArn = topic(sns, "outbound-credentials");
        String url = webhook.url("/hook").replace("http://", "http://hook-user:s3cr%3At@");
        String shown = webhook.url("/hook").replace("http://", "http://hook-user:****@");
        String expectedAuthorization = "Basic " + Base64.getEncoder()
                .encodeToString("hook-user:s3cr:t".getBytes(StandardCharsets.UTF_8));

        String subscriptionArn = sns.subscribe(r -> r.topicArn(topicArn).protocol("http").endpoint(url)
                .returnSubscriptionArn(true)).subscriptionArn();
        Webhook.Post confirmation = webhook.next("SubscriptionConfirmation", WAIT);
        assertThat(confirmation.path()).isEqualTo("/hook");
        assertThat(confirmation.header("authorization")).isEqualTo(expectedAuthorization);
        JsonNode body = SnsSignatures.parse(confirmation.body());
        assertThat(SnsSignatures.get(body.path("SubscribeURL").asText()).statusCode()).isEqualTo(200);

        assertThat(sns.getSubscriptionAttributes(r -> r.subscriptionArn(subscriptionArn)).attributes())
                .containsEntry("Endpoint", shown);
        List<Subscription> byTopic = sns.listSubscriptionsByTopic(r -> r.topicArn(topicArn)).subscriptions();
        assertThat(byTopic).extracting(Subscription::endpoint).containsExactly(shown);
        assertThat(sns.listSubscriptionsPaginator(r -> { }).subscriptions().stream()
                .filter(s -> s.topicArn().equals(topicArn))).extracting(Subscription::endpoint).containsExactly(shown);
        // Subscribe with the real URL is still the same subscription
        assertThat(sns.subscribe(r -> r.topicArn(topicArn).protocol("http").endpoint(url)
                .returnSubscriptionArn(true)).subscriptionArn()).isEqualTo(subscriptionArn);

        String messageId = sns.publish(r -> r.topicArn(topicArn).message("with credentials")).messageId();
        Webhook.Post notification = webhook.next("Notification", WAIT);
        assertThat(notification.header("x-amz-sns-message-id")).isEqualTo(messageId);
        assertThat(notification.header("authorization")).isEqualTo(expectedAuthorization);
    }

    @Test
    void aSubscriptionMadeBeforeADenyRuleIsDeadLetteredWithoutAConnection(@TempDir Path data) throws Exception {
        WharfConfig.Builder config = WharfConfig.builder().port(0).dataDir(data).shutdownTimeout(Duration.ofSeconds(5));
        String topicArn;
        try (Wharf before = Wharf.start(config.build()); SnsClient sns = Clients.sns(URI.create(before.endpoint()));
             SqsClient sqs = Clients.sqs(URI.create(before.endpoint()))) {
            String topic = topic(sns, "outbound-later");
            topicArn = topic;
            String dlqUrl = sqs.createQueue(r -> r.queueName("outbound-dlq")).queueUrl();
            String dlqArn = sqs.getQueueAttributes(r -> r.queueUrl(dlqUrl).attributeNames(QueueAttributeName.QUEUE_ARN))
                    .attributes().get(QueueAttributeName.QUEUE_ARN);
            sns.subscribe(r -> r.topicArn(topic).protocol("http").endpoint(webhook.url("/later"))
                    .attributes(Map.of("RedrivePolicy", "{\"deadLetterTargetArn\":\"" + dlqArn + "\"}")));
            JsonNode confirmation = SnsSignatures.parse(webhook.next("SubscriptionConfirmation", WAIT).body());
            assertThat(SnsSignatures.get(confirmation.path("SubscribeURL").asText()).statusCode()).isEqualTo(200);
        }

        // The operator denies the webhook's address; the subscription is already on disk.
        try (Wharf after = Wharf.start(config.deliveryDeny(List.of("127.0.0.1")).build());
             SnsClient sns = Clients.sns(URI.create(after.endpoint()));
             SqsClient sqs = Clients.sqs(URI.create(after.endpoint()))) {
            sns.publish(r -> r.topicArn(topicArn).message("not for a denied address"));
            String queueUrl = sqs.getQueueUrl(r -> r.queueName("outbound-dlq")).queueUrl();
            List<Message> dead = List.of();
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (dead.isEmpty() && System.nanoTime() < deadline) {
                dead = sqs.receiveMessage(r -> r.queueUrl(queueUrl).waitTimeSeconds(1)).messages();
            }
            assertThat(dead).hasSize(1);
            assertThat(SnsSignatures.parse(dead.get(0).body()).path("Message").asText())
                    .isEqualTo("not for a denied address");
            assertThat(webhook.drain(Duration.ofMillis(300))).isEmpty();
        }
    }
}
