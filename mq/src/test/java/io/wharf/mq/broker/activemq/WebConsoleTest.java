package io.wharf.mq.broker.activemq;

import static io.wharf.mq.broker.activemq.Brokers.ALICE;
import static io.wharf.mq.broker.activemq.Brokers.ALICE_PASSWORD;
import static io.wharf.mq.broker.activemq.Brokers.BOB;
import static io.wharf.mq.broker.activemq.Brokers.BOB_PASSWORD;
import static io.wharf.mq.broker.activemq.Brokers.RUNTIME;
import static org.assertj.core.api.Assertions.assertThat;

import io.wharf.mq.broker.BrokerSpec;
import io.wharf.mq.broker.RunningBroker;
import jakarta.jms.Connection;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import java.io.FileInputStream;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.TrustManagerFactory;
import org.apache.activemq.ActiveMQConnectionFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The ActiveMQ web console (Apache ActiveMQ's own, in Tomcat): only users with {@code ConsoleAccess} sign in, and what
 * it shows and does is the broker's — a queue a JMS client filled, a message sent from the console reaching a JMS
 * consumer, a purge emptying a queue. Plain HTTP without a certificate, HTTPS with the broker's certificate.
 */
class WebConsoleTest {
    private static final Pattern SECRET = Pattern.compile("name=\"secret\" value=\"([^\"]+)\"");

    @TempDir
    static Path dir;

    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class Plain {
        private BrokerSpec spec;
        private RunningBroker broker;
        private final HttpClient http = HttpClient.newBuilder().cookieHandler(new CookieManager())
                .connectTimeout(Duration.ofSeconds(10)).build();

        @BeforeAll
        void start() {
            spec = Brokers.single(dir.resolve("plain"));
            broker = RUNTIME.start(spec);
        }

        @AfterAll
        void stop() {
            if (broker != null) {
                broker.close();
            }
        }

        private URI console() {
            return URI.create(broker.instances().getFirst().consoleUrl());
        }

        @Test
        void describeBrokerGivesTheConsoleUrlAndItsPortIsKept() {
            assertThat(broker.instances().getFirst().consoleUrl()).matches("http://localhost:\\d+");
            assertThat(broker.ports()).containsEntry("console", console().getPort());
        }

        @Test
        void theBareUrlLeadsToTheConsole() throws Exception {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(console()).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).isEqualTo(302);
            assertThat(response.headers().firstValue("Location")).hasValueSatisfying(
                    location -> assertThat(location).endsWith("/admin/"));
        }

        @Test
        void onlyUsersWithConsoleAccessSignIn() throws Exception {
            URI admin = console().resolve("/admin/");
            HttpClient http = HttpClient.newHttpClient(); // no cookies: a signed-in session would answer for its user
            HttpResponse<String> anonymous = http.send(HttpRequest.newBuilder(admin).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(anonymous.statusCode()).isEqualTo(401);
            assertThat(anonymous.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(
                    challenge -> assertThat(challenge).startsWith("Basic"));
            assertThat(get(http, admin, BOB, BOB_PASSWORD).statusCode()).as("bob has no ConsoleAccess").isEqualTo(401);
            assertThat(get(http, admin, ALICE, BOB_PASSWORD).statusCode()).isEqualTo(401);
            assertThat(get(http, admin, WebConsole.USER, "").statusCode()).isEqualTo(401);

            HttpResponse<String> alice = get(http, admin, ALICE, ALICE_PASSWORD);
            assertThat(alice.statusCode()).isEqualTo(200);
            assertThat(alice.body()).contains("ActiveMQ").contains(spec.brokerId() + "-1");
        }

        @Test
        void theQueuesPageShowsWhatAJmsClientSent() throws Exception {
            try (Connection connection = openWire().createConnection(BOB, BOB_PASSWORD)) {
                Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
                session.createProducer(session.createQueue("console.seen")).send(session.createTextMessage("hello"));
            }
            HttpResponse<String> queues = get(console().resolve("/admin/queues.jsp"), ALICE, ALICE_PASSWORD);
            assertThat(queues.statusCode()).isEqualTo(200);
            assertThat(queues.body()).contains("console.seen");

            HttpResponse<String> browse = get(console().resolve("/admin/browse.jsp?JMSDestination=console.seen"),
                    ALICE, ALICE_PASSWORD);
            assertThat(browse.statusCode()).isEqualTo(200);
            assertThat(browse.body()).contains("ID:"); // the message's JMS id, read over the console's connection
        }

        @Test
        void aMessageSentFromTheConsoleReachesAJmsConsumerAndAPurgeEmptiesAQueue() throws Exception {
            String secret = secret(get(console().resolve("/admin/send.jsp"), ALICE, ALICE_PASSWORD));
            HttpResponse<String> sent = post(console().resolve("/admin/sendMessage.action"), Map.of(
                    "secret", secret, "JMSDestination", "console.sent", "JMSDestinationType", "queue",
                    "JMSText", "from the console", "JMSMessageCount", "1", "JMSPersistent", "true"));
            assertThat(sent.statusCode()).isIn(200, 302);
            try (Connection connection = openWire().createConnection(BOB, BOB_PASSWORD)) {
                connection.start();
                Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
                MessageConsumer consumer = session.createConsumer(session.createQueue("console.sent"));
                Message message = consumer.receive(10_000);
                assertThat(message).isInstanceOf(TextMessage.class);
                assertThat(((TextMessage) message).getText()).isEqualTo("from the console");

                session.createProducer(session.createQueue("console.purged"))
                        .send(session.createTextMessage("to be purged"));
            }
            String purgeSecret = secret(get(console().resolve("/admin/queues.jsp"), ALICE, ALICE_PASSWORD));
            HttpResponse<String> purged = get(console().resolve("/admin/purgeDestination.action?JMSDestination="
                    + "console.purged&JMSDestinationType=queue&secret=" + purgeSecret), ALICE, ALICE_PASSWORD);
            assertThat(purged.statusCode()).isIn(200, 302);
            try (Connection connection = openWire().createConnection(BOB, BOB_PASSWORD)) {
                connection.start();
                Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
                assertThat(session.createConsumer(session.createQueue("console.purged")).receive(1_000)).isNull();
            }
        }

        @Test
        void theConsoleKeepsItsPortAcrossAReboot() throws Exception {
            int before = console().getPort();
            RunningBroker again = null;
            broker.close();
            try {
                again = RUNTIME.start(Brokers.again(spec, broker));
                assertThat(URI.create(again.instances().getFirst().consoleUrl()).getPort()).isEqualTo(before);
            } finally {
                broker = again != null ? again : RUNTIME.start(Brokers.again(spec, broker));
            }
            assertThat(get(console().resolve("/admin/"), ALICE, ALICE_PASSWORD).statusCode()).isEqualTo(200);
        }

        private ActiveMQConnectionFactory openWire() {
            return new ActiveMQConnectionFactory(Brokers.endpoint(broker, 0, "tcp"));
        }

        private HttpResponse<String> get(URI uri, String user, String password) throws Exception {
            return get(http, uri, user, password);
        }

        private HttpResponse<String> get(HttpClient http, URI uri, String user, String password) throws Exception {
            return http.send(HttpRequest.newBuilder(uri).header("Authorization", basic(user, password)).build(),
                    HttpResponse.BodyHandlers.ofString());
        }

        private HttpResponse<String> post(URI uri, Map<String, String> form) throws Exception {
            String body = form.entrySet().stream()
                    .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                    .collect(Collectors.joining("&"));
            return http.send(HttpRequest.newBuilder(uri).header("Authorization", basic(ALICE, ALICE_PASSWORD))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        }
    }

    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class Tls {
        private SelfSignedCertificate certificate;
        private Path trustStore;
        private RunningBroker broker;

        @BeforeAll
        void start() throws Exception {
            certificate = new SelfSignedCertificate();
            trustStore = certificate.writeTrustStore(dir.resolve("trust.p12"));
            broker = RUNTIME.start(Brokers.spec(dir.resolve("tls"), "SINGLE_INSTANCE", Map.of(), null,
                    certificate.tls()));
        }

        @AfterAll
        void stop() {
            if (broker != null) {
                broker.close();
            }
        }

        @Test
        void theConsoleServesHttpsWithTheBrokersCertificate() throws Exception {
            URI console = URI.create(broker.instances().getFirst().consoleUrl());
            assertThat(console.getScheme()).isEqualTo("https");
            HttpClient trusting = HttpClient.newBuilder().sslContext(trusting()).build();
            HttpResponse<String> alice = trusting.send(HttpRequest.newBuilder(console.resolve("/admin/"))
                    .header("Authorization", basic(ALICE, ALICE_PASSWORD)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(alice.statusCode()).isEqualTo(200);

            HttpClient untrusting = HttpClient.newHttpClient();
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> untrusting.send(
                            HttpRequest.newBuilder(console.resolve("/admin/")).build(), HttpResponse.BodyHandlers.ofString()))
                    .isInstanceOf(SSLHandshakeException.class);
        }

        private SSLContext trusting() throws Exception {
            KeyStore store = KeyStore.getInstance("PKCS12");
            try (FileInputStream in = new FileInputStream(trustStore.toFile())) {
                store.load(in, SelfSignedCertificate.TRUST_STORE_PASSWORD.toCharArray());
            }
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(store);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trust.getTrustManagers(), null);
            return context;
        }
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    private static String secret(HttpResponse<String> page) {
        assertThat(page.statusCode()).isEqualTo(200);
        Matcher matcher = SECRET.matcher(page.body());
        assertThat(matcher.find()).as("a form secret in %s", page.uri()).isTrue();
        return matcher.group(1);
    }
}
