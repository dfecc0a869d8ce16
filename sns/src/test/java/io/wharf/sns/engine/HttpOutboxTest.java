package io.wharf.sns.engine;

import com.sun.net.httpserver.HttpServer;
import io.wharf.sns.SqsDelivery;
import io.wharf.storage.MemoryStore;
import io.wharf.storage.Store;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.Signature;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** HTTP deliveries and the signing key across an engine restart on the same store. */
class HttpOutboxTest {
    private static final SnsLimits LIMITS = new SnsLimits(100, 262_144, 10, 200, 2, 3, Duration.ofMillis(1),
            Duration.ofMillis(5), Duration.ofMinutes(5));

    private final Store store = new MemoryStore();
    private final List<String> received = new CopyOnWriteArrayList<>();
    private final List<String> authorizations = new CopyOnWriteArrayList<>();
    private final AtomicInteger status = new AtomicInteger(200);
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

    private String endpoint() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            authorizations.add(String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")));
            received.add(exchange.getRequestHeaders().getFirst("x-amz-sns-message-type") + " "
                    + new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            exchange.sendResponseHeaders(status.get(), -1);
            exchange.close();
        });
        server.start();
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/";
    }

    private SnsEngine start() {
        engine = new SnsEngine(store, Clock.systemUTC(), SqsDelivery.NONE, LIMITS,
                io.wharf.storage.crypto.MasterKey.of(new byte[32])); // fixed: restarts reopen the signing key
        return engine;
    }

    /** Until the engine has finished every delivery it started (the endpoint's answer included). */
    private void awaitIdle() throws InterruptedException {
        for (int i = 0; i < 500 && engine.pendingDeliveries() > 0; i++) {
            Thread.sleep(10);
        }
        assertThat(engine.pendingDeliveries()).isZero();
    }

    private void awaitReceived(int count) throws InterruptedException {
        for (int i = 0; i < 500 && received.size() < count; i++) {
            Thread.sleep(10);
        }
        assertThat(received).hasSizeGreaterThanOrEqualTo(count);
    }

    @Test
    void anUndeliveredNotificationIsPostedAfterTheRestartAndStillVerifies() throws Exception {
        String url = endpoint();
        start();
        String topic = engine.createTopic("us-east-1", "000000000000", "t", Map.of(), Map.of(), null);
        engine.subscriptions().subscribe(topic, "http", url, Map.of(), false);
        awaitReceived(1);
        String token = Json.parseObject(received.get(0).substring(received.get(0).indexOf(' ') + 1))
                .path("Token").asText();
        engine.subscriptions().confirmSubscription(topic, token);
        String certificate = engine.signingKey().certificateName();
        awaitIdle();

        status.set(503); // the endpoint is down: the first attempt fails, the next is 20 s away
        engine.publish(PublishCommand.of(topic, "kept in the outbox"));
        awaitReceived(2);
        engine.close();

        status.set(200);
        start();
        assertThat(engine.signingKey().certificateName()).isEqualTo(certificate);
        awaitReceived(3);
        String last = received.get(received.size() - 1);
        assertThat(last).startsWith("Notification ");
        var message = Json.parseObject(last.substring(last.indexOf(' ') + 1));
        assertThat(message.path("Message").asText()).isEqualTo("kept in the outbox");
        assertThat(message.path("SigningCertURL").asText()).endsWith(certificate);

        Signature check = Signature.getInstance("SHA1withRSA");
        check.initVerify(engine.signingKey().certificate().getPublicKey());
        check.update(("Message\nkept in the outbox\nMessageId\n" + message.path("MessageId").asText()
                + "\nTimestamp\n" + message.path("Timestamp").asText() + "\nTopicArn\n" + topic
                + "\nType\nNotification\n").getBytes(StandardCharsets.UTF_8));
        assertThat(check.verify(Base64.getDecoder().decode(message.path("Signature").asText()))).isTrue();
    }

    @Test
    void notificationsForAnUnsubscribedEndpointAreNotSent() throws Exception {
        String url = endpoint();
        start();
        String topic = engine.createTopic("us-east-1", "000000000000", "t", Map.of(), Map.of(), null);
        engine.subscriptions().subscribe(topic, "http", url, Map.of(), false);
        awaitReceived(1);
        String token = Json.parseObject(received.get(0).substring(received.get(0).indexOf(' ') + 1))
                .path("Token").asText();
        String arn = engine.subscriptions().confirmSubscription(topic, token);
        awaitIdle();
        status.set(503);
        engine.publish(PublishCommand.of(topic, "first attempt fails"));
        awaitReceived(2);
        engine.subscriptions().unsubscribe(arn);
        awaitReceived(3); // the UnsubscribeConfirmation (refused too: 503)
        engine.close();
        status.set(200);
        received.clear();
        start();
        Thread.sleep(300);
        // The notification's subscription is gone; the UnsubscribeConfirmation is still owed and goes out.
        assertThat(received).allMatch(r -> r.startsWith("UnsubscribeConfirmation "));
    }

    @Test
    void credentialsInTheUrlAreSentAsBasicAuthAndNeverShown() throws Exception {
        String url = endpoint().replace("http://", "http://hook:s3cr%40t@");
        start();
        String topic = engine.createTopic("us-east-1", "000000000000", "t", Map.of(), Map.of(), null);
        String arn = engine.subscriptions().subscribe(topic, "http", url, Map.of(), true);
        awaitReceived(1);
        assertThat(authorizations.get(0)).isEqualTo("Basic " + Base64.getEncoder()
                .encodeToString("hook:s3cr@t".getBytes(StandardCharsets.UTF_8)));

        String shown = url.replace(":s3cr%40t@", ":****@");
        assertThat(engine.subscriptions().getAttributes(arn)).containsEntry("Endpoint", shown);
        assertThat(engine.subscriptions().listByTopic(topic, null).items())
                .extracting(Subscription::shownEndpoint).containsExactly(shown);
        assertThat(engine.subscriptions().list("us-east-1", "000000000000", null).items().get(0).toString())
                .contains(shown).doesNotContain("s3cr");
        // Subscribe stays idempotent for the real URL: the stored endpoint keeps its password.
        assertThat(engine.subscriptions().subscribe(topic, "http", url, Map.of(), true)).isEqualTo(arn);
    }
}
