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
import jakarta.jms.DeliveryMode;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import jakarta.jms.Topic;
import java.nio.file.Path;
import org.apache.activemq.ActiveMQConnectionFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** JMS over OpenWire with ActiveMQ's own client, against a broker the runtime started, through its endpoint. */
class OpenWireTest {
    private static final long RECEIVE_MILLIS = 10_000;

    @TempDir
    Path dir;
    private RunningBroker broker;
    private ActiveMQConnectionFactory factory;

    @BeforeEach
    void start() {
        broker = RUNTIME.start(Brokers.single(dir.resolve("broker")));
        factory = new ActiveMQConnectionFactory(Brokers.endpoint(broker, 0, "tcp"));
    }

    @AfterEach
    void stop() {
        broker.close();
    }

    @Test
    void describesOneInstanceWithThePlainEndpointsOfEachProtocol() {
        assertThat(broker.isRunning()).isTrue();
        assertThat(broker.instances()).hasSize(1);
        assertThat(broker.instances().getFirst().endpoints())
                .extracting(endpoint -> endpoint.substring(0, endpoint.indexOf("://")))
                .containsExactly("tcp", "amqp", "stomp", "mqtt", "ws");
        assertThat(broker.instances().getFirst().endpoints()).allMatch(endpoint -> endpoint.contains("://localhost:"));
        assertThat(broker.ports()).containsOnlyKeys("openwire", "amqp", "stomp", "mqtt", "wss", "console");
        assertThat(broker.ports().values()).allMatch(port -> port > 0).doesNotHaveDuplicates();
    }

    @Test
    void queueMessagesGoFromOneUserToAnother() throws Exception {
        try (Connection sender = factory.createConnection(ALICE, ALICE_PASSWORD);
             Connection receiver = factory.createConnection(BOB, BOB_PASSWORD)) {
            receiver.start();
            Session receiving = receiver.createSession(false, Session.AUTO_ACKNOWLEDGE);
            MessageConsumer consumer = receiving.createConsumer(receiving.createQueue("orders"));
            Session sending = sender.createSession(false, Session.AUTO_ACKNOWLEDGE);
            MessageProducer producer = sending.createProducer(sending.createQueue("orders"));
            producer.setDeliveryMode(DeliveryMode.PERSISTENT);
            producer.send(sending.createTextMessage("order 1"));
            producer.send(sending.createTextMessage("order 2"));

            assertThat(((TextMessage) consumer.receive(RECEIVE_MILLIS)).getText()).isEqualTo("order 1");
            assertThat(((TextMessage) consumer.receive(RECEIVE_MILLIS)).getText()).isEqualTo("order 2");
        }
    }

    @Test
    void topicMessagesReachEverySubscriber() throws Exception {
        try (Connection connection = factory.createConnection(ALICE, ALICE_PASSWORD)) {
            connection.start();
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            Topic topic = session.createTopic("prices");
            MessageConsumer first = session.createConsumer(topic);
            MessageConsumer second = session.createConsumer(topic);
            session.createProducer(topic).send(session.createTextMessage("up"));

            assertThat(((TextMessage) first.receive(RECEIVE_MILLIS)).getText()).isEqualTo("up");
            assertThat(((TextMessage) second.receive(RECEIVE_MILLIS)).getText()).isEqualTo("up");
        }
    }

    @Test
    void aDurableSubscriptionKeepsWhatWasPublishedWhileItsSubscriberWasAway() throws Exception {
        try (Connection subscriber = factory.createConnection(BOB, BOB_PASSWORD)) {
            subscriber.setClientID("bob-client");
            Session session = subscriber.createSession(false, Session.AUTO_ACKNOWLEDGE);
            session.createDurableSubscriber(session.createTopic("news"), "bob-news").close();
        }
        try (Connection publisher = factory.createConnection(ALICE, ALICE_PASSWORD)) {
            Session session = publisher.createSession(false, Session.AUTO_ACKNOWLEDGE);
            session.createProducer(session.createTopic("news")).send(session.createTextMessage("while away"));
        }
        try (Connection subscriber = factory.createConnection(BOB, BOB_PASSWORD)) {
            subscriber.setClientID("bob-client");
            subscriber.start();
            Session session = subscriber.createSession(false, Session.AUTO_ACKNOWLEDGE);
            MessageConsumer consumer = session.createDurableSubscriber(session.createTopic("news"), "bob-news");
            assertThat(((TextMessage) consumer.receive(RECEIVE_MILLIS)).getText()).isEqualTo("while away");
        }
    }

    /**
     * The broker refuses; the client reports it as a {@code JMSSecurityException}, or — when the broker's close of the
     * socket reaches it before the refusal does (seen once in CI) — as "Disposed due to prior exception". Either way
     * the connection fails, and the right password on the same factory connects (the tests above).
     */
    @Test
    void aWrongPasswordOrUnknownUserIsRefused() {
        assertThatThrownBy(() -> {
            try (Connection connection = factory.createConnection(ALICE, "not-the-password")) {
                connection.start();
            }
        }).isInstanceOf(jakarta.jms.JMSException.class);
        assertThatThrownBy(() -> {
            try (Connection connection = factory.createConnection("mallory", ALICE_PASSWORD)) {
                connection.start();
            }
        }).isInstanceOf(jakarta.jms.JMSException.class);
        assertThatThrownBy(() -> {
            try (Connection connection = factory.createConnection()) {
                connection.start();
            }
        }).isInstanceOf(jakarta.jms.JMSException.class);
    }
}
