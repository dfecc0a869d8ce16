package io.wharf.mq.broker.activemq;

import static io.wharf.mq.broker.activemq.Brokers.ALICE;
import static io.wharf.mq.broker.activemq.Brokers.ALICE_PASSWORD;
import static io.wharf.mq.broker.activemq.Brokers.BOB;
import static io.wharf.mq.broker.activemq.Brokers.BOB_PASSWORD;
import static io.wharf.mq.broker.activemq.Brokers.RUNTIME;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wharf.mq.broker.RunningBroker;
import jakarta.jms.BytesMessage;
import jakarta.jms.Connection;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.apache.activemq.ActiveMQConnectionFactory;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttSecurityException;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The WebSocket transport ({@code ws://}, {@code wss://} with a certificate): STOMP over WebSocket with the JDK's
 * WebSocket client and MQTT over WebSocket with Eclipse Paho, each reaching the broker's other transports, each
 * refusing a wrong password. ActiveMQ's {@code activemq-http} here is 6.1.8 on the 6.3.1 broker (the root pom says
 * why): these tests are what shows the two work together.
 */
class WebSocketTest {
    private static final long RECEIVE_MILLIS = 10_000;

    @TempDir
    static Path dir;

    /** Without a certificate: {@code ws://}. */
    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class Plain {
        private RunningBroker broker;

        @BeforeAll
        void start() {
            broker = RUNTIME.start(Brokers.single(dir.resolve("plain")));
        }

        @AfterAll
        void stop() {
            if (broker != null) {
                broker.close();
            }
        }

        @Test
        void describeBrokerListsTheWebSocketEndpointLast() {
            assertThat(broker.instances().getFirst().endpoints())
                    .extracting(endpoint -> endpoint.substring(0, endpoint.indexOf("://")))
                    .containsExactly("tcp", "amqp", "stomp", "mqtt", "ws");
            assertThat(broker.ports()).containsKey("wss");
            assertThat(Brokers.endpoint(broker, 0, "ws").getPort()).isEqualTo(broker.ports().get("wss")).isPositive();
        }

        @Test
        void stompOverWebSocketReachesAnOpenWireConsumer() throws Exception {
            try (Connection receiver = openWire(broker).createConnection(BOB, BOB_PASSWORD);
                 StompWebSocket stomp = StompWebSocket.open(Brokers.endpoint(broker, 0, "ws"), null)) {
                receiver.start();
                Session session = receiver.createSession(false, Session.AUTO_ACKNOWLEDGE);
                MessageConsumer consumer = session.createConsumer(session.createQueue("ws-to-jms"));
                assertThat(stomp.subprotocol()).isEqualTo("v12.stomp");
                assertThat(stomp.connect(ALICE, ALICE_PASSWORD).command()).isEqualTo("CONNECTED");
                stomp.send("SEND", Map.of("destination", "/queue/ws-to-jms", "receipt", "r1"), "from a web socket");
                assertThat(stomp.receive().command()).isEqualTo("RECEIPT");

                assertThat(text(consumer.receive(RECEIVE_MILLIS))).isEqualTo("from a web socket");
            }
        }

        @Test
        void aMessageOfOneMebibyteCrossesTheWebSocket() throws Exception {
            String body = "x".repeat(1024 * 1024);
            try (Connection receiver = openWire(broker).createConnection(BOB, BOB_PASSWORD);
                 StompWebSocket stomp = StompWebSocket.open(Brokers.endpoint(broker, 0, "ws"), null)) {
                receiver.start();
                Session session = receiver.createSession(false, Session.AUTO_ACKNOWLEDGE);
                MessageConsumer consumer = session.createConsumer(session.createQueue("ws-large"));
                assertThat(stomp.connect(ALICE, ALICE_PASSWORD).command()).isEqualTo("CONNECTED");
                stomp.send("SEND", Map.of("destination", "/queue/ws-large", "receipt", "r1"), body);
                assertThat(stomp.receive().command()).isEqualTo("RECEIPT");

                assertThat(text(consumer.receive(RECEIVE_MILLIS))).isEqualTo(body);
            }
        }

        @Test
        void anOpenWireMessageReachesAStompWebSocketSubscriber() throws Exception {
            try (StompWebSocket stomp = StompWebSocket.open(Brokers.endpoint(broker, 0, "ws"), null);
                 Connection sender = openWire(broker).createConnection(ALICE, ALICE_PASSWORD)) {
                assertThat(stomp.connect(BOB, BOB_PASSWORD).command()).isEqualTo("CONNECTED");
                stomp.send("SUBSCRIBE", Map.of("id", "0", "destination", "/queue/jms-to-ws", "ack", "auto",
                        "receipt", "subscribed"), "");
                assertThat(stomp.receive().command()).isEqualTo("RECEIPT");
                Session session = sender.createSession(false, Session.AUTO_ACKNOWLEDGE);
                session.createProducer(session.createQueue("jms-to-ws")).send(session.createTextMessage("to a browser"));

                StompFrames.Frame message = stomp.receive();
                assertThat(message.command()).isEqualTo("MESSAGE");
                assertThat(message.body()).isEqualTo("to a browser");
            }
        }

        @Test
        void stompOverWebSocketRefusesAWrongPassword() throws Exception {
            try (StompWebSocket stomp = StompWebSocket.open(Brokers.endpoint(broker, 0, "ws"), null)) {
                StompFrames.Frame answer = stomp.connect(ALICE, "not-the-password");
                assertThat(answer.command()).isEqualTo("ERROR");
            }
        }

        @Test
        void mqttOverWebSocketWithPahoReachesAJmsTopicSubscriber() throws Exception {
            try (Connection receiver = openWire(broker).createConnection(BOB, BOB_PASSWORD)) {
                receiver.start();
                Session session = receiver.createSession(false, Session.AUTO_ACKNOWLEDGE);
                MessageConsumer consumer = session.createConsumer(session.createTopic("browsers.door"));
                BlockingQueue<String> received = new ArrayBlockingQueue<>(10);
                MqttClient client = new MqttClient(Brokers.endpoint(broker, 0, "ws").toString(), "paho-ws",
                        new MemoryPersistence());
                try {
                    client.connect(options(ALICE, ALICE_PASSWORD));
                    client.subscribe("browsers/+", 1,
                            (topic, message) -> received.add(topic + "=" + new String(message.getPayload(), StandardCharsets.UTF_8)));
                    client.publish("browsers/door", "open".getBytes(StandardCharsets.UTF_8), 1, false);

                    assertThat(received.poll(RECEIVE_MILLIS, TimeUnit.MILLISECONDS)).isEqualTo("browsers/door=open");
                    assertThat(text(consumer.receive(RECEIVE_MILLIS))).isEqualTo("open");
                } finally {
                    disconnect(client);
                }
            }
        }

        @Test
        void mqttOverWebSocketRefusesAWrongPassword() throws Exception {
            MqttClient client = new MqttClient(Brokers.endpoint(broker, 0, "ws").toString(), "paho-ws-wrong",
                    new MemoryPersistence());
            try {
                assertThatThrownBy(() -> client.connect(options(ALICE, "not-the-password")))
                        .isInstanceOf(MqttSecurityException.class)
                        .satisfies(e -> assertThat(((MqttException) e).getReasonCode())
                                .isIn((int) MqttException.REASON_CODE_FAILED_AUTHENTICATION,
                                        (int) MqttException.REASON_CODE_NOT_AUTHORIZED));
            } finally {
                client.close();
            }
        }
    }

    /** With a certificate: {@code wss://} only, with the broker's certificate. */
    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class Tls {
        private SelfSignedCertificate certificate;
        private RunningBroker broker;

        @BeforeAll
        void start() throws Exception {
            certificate = new SelfSignedCertificate();
            broker = RUNTIME.start(Brokers.spec(dir.resolve("tls"), "SINGLE_INSTANCE", Map.of(), null, certificate.tls()));
        }

        @AfterAll
        void stop() {
            if (broker != null) {
                broker.close();
            }
        }

        @Test
        void theWebSocketEndpointIsWss() {
            assertThat(broker.instances().getFirst().endpoints())
                    .extracting(endpoint -> endpoint.substring(0, endpoint.indexOf("://")))
                    .containsExactly("ssl", "amqp+ssl", "stomp+ssl", "mqtt+ssl", "wss");
        }

        @Test
        void stompOverSecureWebSocket() throws Exception {
            URI endpoint = Brokers.endpoint(broker, 0, "wss");
            try (StompWebSocket stomp = StompWebSocket.open(endpoint, certificate.clientContext())) {
                assertThat(stomp.connect(BOB, BOB_PASSWORD).command()).isEqualTo("CONNECTED");
                stomp.send("SUBSCRIBE", Map.of("id", "0", "destination", "/queue/wss-queue", "ack", "auto"), "");
                stomp.send("SEND", Map.of("destination", "/queue/wss-queue", "receipt", "r1"), "over wss");
                StompFrames.Frame receipt = stomp.receive();
                StompFrames.Frame message = receipt.command().equals("RECEIPT") ? stomp.receive() : receipt;
                assertThat(message.command()).isEqualTo("MESSAGE");
                assertThat(message.body()).isEqualTo("over wss");
            }
            try (StompWebSocket stomp = StompWebSocket.open(endpoint, certificate.clientContext())) {
                assertThat(stomp.connect(BOB, "not-the-password").command()).isEqualTo("ERROR");
            }
        }

        @Test
        void mqttOverSecureWebSocketWithPaho() throws Exception {
            BlockingQueue<String> received = new ArrayBlockingQueue<>(1);
            MqttClient client = new MqttClient(Brokers.endpoint(broker, 0, "wss").toString(), "paho-wss",
                    new MemoryPersistence());
            try {
                MqttConnectOptions options = options(ALICE, ALICE_PASSWORD);
                options.setSocketFactory(certificate.clientContext().getSocketFactory());
                client.connect(options);
                client.subscribe("secure/ws", 1, (topic, message) -> received.add(new String(message.getPayload(), StandardCharsets.UTF_8)));
                client.publish("secure/ws", "mqtt over wss".getBytes(StandardCharsets.UTF_8), 1, false);
                assertThat(received.poll(RECEIVE_MILLIS, TimeUnit.MILLISECONDS)).isEqualTo("mqtt over wss");
            } finally {
                disconnect(client);
            }
        }

        @Test
        void aClientThatDoesNotTrustTheCertificateCannotOpenTheSocket() {
            URI endpoint = Brokers.endpoint(broker, 0, "wss");
            assertThatThrownBy(() -> StompWebSocket.open(endpoint, new SelfSignedCertificate().clientContext()).close())
                    .hasCauseInstanceOf(javax.net.ssl.SSLHandshakeException.class);
        }
    }

    private static ActiveMQConnectionFactory openWire(RunningBroker broker) {
        return new ActiveMQConnectionFactory(Brokers.endpoint(broker, 0, "tcp"));
    }

    /** A JMS message's text: STOMP without content-length and MQTT payloads reach JMS as bytes, STOMP with it as text. */
    private static String text(Message message) throws Exception {
        assertThat(message).as("a message within %d ms", RECEIVE_MILLIS).isNotNull();
        return message instanceof TextMessage textMessage ? textMessage.getText()
                : new String(((BytesMessage) message).getBody(byte[].class), StandardCharsets.UTF_8);
    }

    private static MqttConnectOptions options(String user, String password) {
        MqttConnectOptions options = new MqttConnectOptions();
        options.setUserName(user);
        options.setPassword(password.toCharArray());
        options.setCleanSession(true);
        options.setConnectionTimeout(10);
        options.setAutomaticReconnect(false);
        // 3.1.1 only: with the default, a refused 3.1.1 attempt is retried as 3.1 on the same WebSocket module, which
        // Paho 1.2.5 cannot reconnect ("Already connected", eclipse-paho/paho.mqtt.java#846), hiding the refusal.
        options.setMqttVersion(MqttConnectOptions.MQTT_VERSION_3_1_1);
        return options;
    }

    private static void disconnect(MqttClient client) throws MqttException {
        if (client.isConnected()) {
            client.disconnect();
        }
        client.close();
    }
}
