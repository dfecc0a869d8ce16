package io.wharf.mq.broker.activemq;

import static io.wharf.mq.broker.activemq.Brokers.ALICE;
import static io.wharf.mq.broker.activemq.Brokers.ALICE_PASSWORD;
import static io.wharf.mq.broker.activemq.Brokers.BOB;
import static io.wharf.mq.broker.activemq.Brokers.BOB_PASSWORD;
import static io.wharf.mq.broker.activemq.Brokers.RUNTIME;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wharf.mq.broker.RunningBroker;
import jakarta.jms.Connection;
import jakarta.jms.JMSSecurityException;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.apache.activemq.ActiveMQConnectionFactory;
import org.apache.qpid.jms.JmsConnectionFactory;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttSecurityException;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * AMQP 1.0 (Qpid JMS), STOMP (frames on a socket) and MQTT (Eclipse Paho) against one broker the runtime started,
 * each reaching OpenWire's JMS users too (one broker, four protocols), and each refusing a wrong password.
 */
class OtherProtocolsTest {
    private static final long RECEIVE_MILLIS = 10_000;

    @TempDir
    static Path dir;
    private static RunningBroker broker;

    @BeforeAll
    static void start() {
        broker = RUNTIME.start(Brokers.single(dir.resolve("broker")));
    }

    @AfterAll
    static void stop() {
        broker.close();
    }

    private static ActiveMQConnectionFactory openWire() {
        return new ActiveMQConnectionFactory(Brokers.endpoint(broker, 0, "tcp"));
    }

    private static JmsConnectionFactory amqp() {
        URI endpoint = Brokers.endpoint(broker, 0, "amqp");
        return new JmsConnectionFactory("amqp://" + endpoint.getHost() + ":" + endpoint.getPort());
    }

    @Test
    void amqpQueueAndTopicWithQpidJms() throws Exception {
        try (Connection connection = amqp().createConnection(ALICE, ALICE_PASSWORD)) {
            connection.start();
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            MessageConsumer queueConsumer = session.createConsumer(session.createQueue("amqp-queue"));
            MessageConsumer topicConsumer = session.createConsumer(session.createTopic("amqp-topic"));
            session.createProducer(session.createQueue("amqp-queue")).send(session.createTextMessage("over amqp"));
            session.createProducer(session.createTopic("amqp-topic")).send(session.createTextMessage("published"));

            assertThat(((TextMessage) queueConsumer.receive(RECEIVE_MILLIS)).getText()).isEqualTo("over amqp");
            assertThat(((TextMessage) topicConsumer.receive(RECEIVE_MILLIS)).getText()).isEqualTo("published");
        }
    }

    @Test
    void amqpSendsToAnOpenWireConsumer() throws Exception {
        try (Connection receiver = openWire().createConnection(BOB, BOB_PASSWORD);
             Connection sender = amqp().createConnection(ALICE, ALICE_PASSWORD)) {
            receiver.start();
            Session receiving = receiver.createSession(false, Session.AUTO_ACKNOWLEDGE);
            MessageConsumer consumer = receiving.createConsumer(receiving.createQueue("mixed"));
            Session sending = sender.createSession(false, Session.AUTO_ACKNOWLEDGE);
            sending.createProducer(sending.createQueue("mixed")).send(sending.createTextMessage("from amqp"));

            assertThat(((TextMessage) consumer.receive(RECEIVE_MILLIS)).getText()).isEqualTo("from amqp");
        }
    }

    @Test
    void amqpRefusesAWrongPassword() {
        assertThatThrownBy(() -> {
            try (Connection connection = amqp().createConnection(ALICE, "not-the-password")) {
                connection.start();
            }
        }).isInstanceOf(JMSSecurityException.class);
    }

    @Test
    void stompSendAndSubscribe() throws Exception {
        URI endpoint = Brokers.endpoint(broker, 0, "stomp");
        try (StompFrames stomp = new StompFrames(endpoint)) {
            assertThat(stomp.connect(BOB, BOB_PASSWORD).command()).isEqualTo("CONNECTED");
            stomp.send("SUBSCRIBE", Map.of("id", "0", "destination", "/queue/stomp-queue", "ack", "auto"), "");
            stomp.send("SEND", Map.of("destination", "/queue/stomp-queue", "receipt", "r1"), "hello stomp");
            StompFrames.Frame receipt = stomp.receive();
            StompFrames.Frame message = receipt.command().equals("RECEIPT") ? stomp.receive() : receipt;

            assertThat(message.command()).isEqualTo("MESSAGE");
            assertThat(message.body()).isEqualTo("hello stomp");
        }
    }

    @Test
    void stompReachesAJmsConsumer() throws Exception {
        try (Connection receiver = openWire().createConnection(BOB, BOB_PASSWORD);
             StompFrames stomp = new StompFrames(Brokers.endpoint(broker, 0, "stomp"))) {
            receiver.start();
            Session session = receiver.createSession(false, Session.AUTO_ACKNOWLEDGE);
            MessageConsumer consumer = session.createConsumer(session.createQueue("stomp-to-jms"));
            assertThat(stomp.connect(ALICE, ALICE_PASSWORD).command()).isEqualTo("CONNECTED");
            stomp.send("SEND", Map.of("destination", "/queue/stomp-to-jms", "receipt", "r1"), "from stomp");
            assertThat(stomp.receive().command()).isEqualTo("RECEIPT");

            jakarta.jms.Message message = consumer.receive(RECEIVE_MILLIS);
            String text = message instanceof TextMessage textMessage ? textMessage.getText()
                    : new String(((jakarta.jms.BytesMessage) message).getBody(byte[].class), StandardCharsets.UTF_8);
            assertThat(text).isEqualTo("from stomp");
        }
    }

    @Test
    void stompRefusesAWrongPassword() throws Exception {
        try (StompFrames stomp = new StompFrames(Brokers.endpoint(broker, 0, "stomp"))) {
            Optional<StompFrames.Frame> answer = stomp.connectUnlessClosed(ALICE, "not-the-password");
            // ActiveMQ answers ERROR; rarely (5 of 1,500 refusals in a loop on this 2-core machine under load, none with
            // 20 ms between connecting and CONNECT) it closes without a frame: when the CONNECT is served before the
            // connection's start() has finished, the stop that the failed addConnection schedules is run by start() at
            // once and drops the reply (TransportConnection.start/delayedStop, ActiveMQ 6.x). A client sees the same
            // against Amazon MQ's ActiveMQ. Either way it must never answer CONNECTED, and it closes the connection.
            assertThat(answer.map(StompFrames.Frame::command).orElse("(closed)")).isIn("ERROR", "(closed)");
            stomp.awaitClosedByBroker();
        }
    }

    @Test
    void mqttPublishAndSubscribeWithPaho() throws Exception {
        BlockingQueue<String> received = new ArrayBlockingQueue<>(10);
        MqttClient client = new MqttClient(Brokers.endpoint(broker, 0, "mqtt").toString().replace("mqtt://", "tcp://"),
                "paho-test", new MemoryPersistence());
        try {
            client.connect(options(ALICE, ALICE_PASSWORD));
            client.subscribe("sensors/+/temperature", 1,
                    (topic, message) -> received.add(topic + "=" + new String(message.getPayload(), StandardCharsets.UTF_8)));
            client.publish("sensors/kitchen/temperature", "21.5".getBytes(StandardCharsets.UTF_8), 1, false);

            assertThat(received.poll(RECEIVE_MILLIS, TimeUnit.MILLISECONDS)).isEqualTo("sensors/kitchen/temperature=21.5");
        } finally {
            if (client.isConnected()) {
                client.disconnect();
            }
            client.close();
        }
    }

    @Test
    void mqttReachesAJmsTopicSubscriber() throws Exception {
        try (Connection receiver = openWire().createConnection(BOB, BOB_PASSWORD)) {
            receiver.start();
            Session session = receiver.createSession(false, Session.AUTO_ACKNOWLEDGE);
            // ActiveMQ maps MQTT's "/" levels to "." and its wildcards to its own
            MessageConsumer consumer = session.createConsumer(session.createTopic("devices.door"));
            MqttClient client = new MqttClient(Brokers.endpoint(broker, 0, "mqtt").toString().replace("mqtt://", "tcp://"),
                    "paho-to-jms", new MemoryPersistence());
            try {
                client.connect(options(ALICE, ALICE_PASSWORD));
                client.publish("devices/door", "open".getBytes(StandardCharsets.UTF_8), 1, false);
            } finally {
                client.disconnect();
                client.close();
            }
            jakarta.jms.Message message = consumer.receive(RECEIVE_MILLIS);
            assertThat(new String(((jakarta.jms.BytesMessage) message).getBody(byte[].class), StandardCharsets.UTF_8))
                    .isEqualTo("open");
        }
    }

    @Test
    void mqttRefusesAWrongPassword() throws Exception {
        MqttClient client = new MqttClient(Brokers.endpoint(broker, 0, "mqtt").toString().replace("mqtt://", "tcp://"),
                "paho-wrong", new MemoryPersistence());
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

    private static MqttConnectOptions options(String user, String password) {
        MqttConnectOptions options = new MqttConnectOptions();
        options.setUserName(user);
        options.setPassword(password.toCharArray());
        options.setCleanSession(true);
        options.setConnectionTimeout(10);
        options.setAutomaticReconnect(false);
        return options;
    }
}
