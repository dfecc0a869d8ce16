package io.wharf.sns.engine;

import com.sun.net.httpserver.HttpServer;
import io.wharf.protocol.AwsException;
import io.wharf.sns.DeliveryTargets;
import io.wharf.sns.DeliveryTargets.Verdict;
import io.wharf.sns.SmtpSettings;
import io.wharf.sns.SqsDelivery;
import io.wharf.storage.MemoryStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The delivery gate: consulted at Subscribe and before every HTTP/S or mail attempt (a fake gate here). */
class DeliveryGateTest {
    private static final SnsLimits LIMITS = new SnsLimits(100, 262_144, 10, 200, 2, 3, Duration.ofMillis(1),
            Duration.ofMillis(5), Duration.ofMinutes(5));
    private static final String DLQ = "arn:aws:sqs:us-east-1:000000000000:dlq";
    /** Retries 1 s apart, so the tests that hold a delivery back stay short. */
    private static final String FAST_RETRIES = "{\"healthyRetryPolicy\":{\"minDelayTarget\":1,\"maxDelayTarget\":1,"
            + "\"numRetries\":5,\"backoffFunction\":\"linear\"}}";

    /** Answers what {@link #answer} holds for every URL and address, and records what it was asked. */
    private static final class FakeTargets implements DeliveryTargets {
        final AtomicReference<Verdict> answer = new AtomicReference<>(Verdict.ALLOWED);
        /**
         * URLs and addresses whose first question is allowed whatever {@link #answer} says (their Subscribe), however
         * the asynchronous deliveries' questions interleave with it.
         */
        final java.util.Set<String> allowedOnce = java.util.concurrent.ConcurrentHashMap.newKeySet();
        final List<String> asked = new CopyOnWriteArrayList<>();

        @Override
        public Verdict check(URI endpoint) {
            asked.add(endpoint.toString());
            return endpoint.getHost().endsWith(".denied.test") ? Verdict.denied("host pattern *.denied.test")
                    : next(endpoint.toString());
        }

        @Override
        public Verdict checkEmail(String address) {
            asked.add(address);
            return address.endsWith("@blocked.test") ? Verdict.denied("mail domain blocked.test") : next(address);
        }

        private Verdict next(String target) {
            return allowedOnce.remove(target) ? Verdict.ALLOWED : answer.get();
        }
    }

    private final FakeTargets targets = new FakeTargets();
    private final List<String> deadLettered = new CopyOnWriteArrayList<>();
    private final List<String> posts = new CopyOnWriteArrayList<>();
    private final SqsDelivery sqs = (queue, body, attributes, groupId, dedupId) -> deadLettered.add(queue + " " + body);
    private HttpServer server;
    private SnsEngine engine;

    @AfterEach
    void stop() {
        if (engine != null) {
            engine.close();
        }
        if (server != null) {
            server.stop(0);
        }
    }

    private SnsEngine start() {
        engine = new SnsEngine(new MemoryStore(), Clock.systemUTC(), sqs, LIMITS, SmtpSettings.NONE, targets,
                io.wharf.storage.crypto.MasterKey.ephemeral());
        return engine;
    }

    private String webhook() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            posts.add(exchange.getRequestHeaders().getFirst("x-amz-sns-message-type") + " "
                    + new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        server.start();
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
    }

    private String topic() {
        return engine.createTopic("us-east-1", "000000000000", "t", Map.of(), Map.of(), null);
    }

    private static void await(BooleanSupplier condition) throws InterruptedException {
        for (int i = 0; i < 1_000 && !condition.getAsBoolean(); i++) {
            Thread.sleep(10);
        }
        assertThat(condition.getAsBoolean()).as("condition reached in time").isTrue();
    }

    /** A confirmed HTTP subscription of the webhook, with fast retries and a dead-letter queue. */
    private String confirmedSubscription(String topic, String url) throws Exception {
        String arn = engine.subscriptions().subscribe(topic, "http", url, Map.of("DeliveryPolicy", FAST_RETRIES,
                "RedrivePolicy", "{\"deadLetterTargetArn\":\"" + DLQ + "\"}"), true);
        await(() -> !posts.isEmpty());
        String confirmation = posts.remove(0);
        engine.subscriptions().confirmSubscription(topic,
                Json.parseObject(confirmation.substring(confirmation.indexOf(' ') + 1)).path("Token").asText());
        return arn;
    }

    @Test
    void subscribeRefusesADeniedEndpointWithAwsAnswer() {
        start();
        String topic = topic();
        for (String[] denied : new String[][]{{"http", "http://hooks.denied.test/x"},
                {"https", "https://user:secret@api.denied.test:8443/"}, {"email", "someone@blocked.test"},
                {"email-json", "someone@blocked.test"}}) {
            assertThatThrownBy(() -> engine.subscriptions().subscribe(topic, denied[0], denied[1], Map.of(), true))
                    .isInstanceOfSatisfying(AwsException.class, e -> {
                        assertThat(e.code()).isEqualTo("InvalidParameter");
                        assertThat(e.httpStatus()).isEqualTo(400);
                        assertThat(e.getMessage()).isEqualTo("Invalid parameter: Unreachable Endpoint");
                    });
        }
        assertThat(engine.subscriptions().listByTopic(topic, null).items()).isEmpty();
        // The gate never sees the credentials of the URL.
        assertThat(targets.asked).contains("https://api.denied.test:8443/").noneMatch(a -> a.contains("secret"));
    }

    @Test
    void onlyHttpAndMailEndpointsAreAskedAbout() {
        start();
        String topic = topic();
        targets.answer.set(Verdict.denied("everything"));
        engine.subscriptions().subscribe(topic, "sqs", "arn:aws:sqs:us-east-1:000000000000:q", Map.of(), true);
        engine.subscriptions().subscribe(topic, "sms", "+15555550100", Map.of(), true);
        assertThat(targets.asked).isEmpty();
    }

    @Test
    void aNameThatDoesNotResolveYetIsAcceptedAtSubscribe() {
        start();
        targets.answer.set(Verdict.unresolved("hooks.example: no such host"));
        assertThat(engine.subscriptions().subscribe(topic(), "https", "https://hooks.example/", Map.of(), true))
                .contains(":t:");
    }

    @Test
    void aDeliveryToATargetDeniedSinceSubscribeIsDeadLetteredWithoutConnecting() throws Exception {
        String url = webhook();
        start();
        String topic = topic();
        confirmedSubscription(topic, url);
        int askedBefore = targets.asked.size();

        targets.answer.set(Verdict.denied("127.0.0.1 is loopback"));
        engine.publish(PublishCommand.of(topic, "must not reach the webhook"));
        await(() -> !deadLettered.isEmpty());
        assertThat(deadLettered.get(0)).startsWith(DLQ + " ").contains("must not reach the webhook");
        Thread.sleep(200);
        assertThat(posts).isEmpty();
        assertThat(targets.asked).hasSize(askedBefore + 1); // one attempt: a denial is not retried
        assertThat(engine.pendingDeliveries()).isZero();
    }

    @Test
    void anUnresolvedHostIsRetriedAndDeliveredOnceItResolves() throws Exception {
        String url = webhook();
        start();
        String topic = topic();
        confirmedSubscription(topic, url);
        int askedBefore = targets.asked.size();

        targets.answer.set(Verdict.unresolved("no address for the host yet"));
        engine.publish(PublishCommand.of(topic, "later"));
        await(() -> targets.asked.size() >= askedBefore + 1);
        assertThat(posts).isEmpty();
        targets.answer.set(Verdict.ALLOWED);
        await(() -> !posts.isEmpty());
        assertThat(posts.get(0)).startsWith("Notification ").contains("later");
        assertThat(deadLettered).isEmpty();
    }

    @Test
    void confirmationsAndMailWithoutAnSmtpServerAreCheckedAgainWhenSent() throws Exception {
        String url = webhook();
        start();
        String topic = topic();
        targets.answer.set(Verdict.denied("rules changed"));
        // Each Subscribe is let through; the SubscriptionConfirmation (sent asynchronously, perhaps before the second
        // Subscribe asks) is not
        targets.allowedOnce.add(url);
        targets.allowedOnce.add("someone@example.com");
        engine.subscriptions().subscribe(topic, "http", url, Map.of(), true);
        engine.subscriptions().subscribe(topic, "email", "someone@example.com", Map.of(), true);
        await(() -> targets.asked.size() >= 4);
        await(() -> engine.pendingDeliveries() == 0);
        Thread.sleep(200);
        assertThat(posts).isEmpty();
        assertThat(targets.asked).containsExactlyInAnyOrder(url, url, "someone@example.com", "someone@example.com");
        assertThat(deadLettered).isEmpty(); // confirmations never go to a dead-letter queue
    }
}
