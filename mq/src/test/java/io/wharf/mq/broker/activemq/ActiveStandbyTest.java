package io.wharf.mq.broker.activemq;

import static io.wharf.mq.broker.activemq.Brokers.ALICE;
import static io.wharf.mq.broker.activemq.Brokers.ALICE_PASSWORD;
import static io.wharf.mq.broker.activemq.Brokers.RUNTIME;
import static org.assertj.core.api.Assertions.assertThat;

import io.wharf.mq.broker.BrokerSpec;
import io.wharf.mq.broker.RunningBroker;
import jakarta.jms.Connection;
import jakarta.jms.DeliveryMode;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import java.net.URI;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.apache.activemq.ActiveMQConnectionFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * ACTIVE_STANDBY_MULTI_AZ: two brokers on one KahaDB directory; the standby takes over when the active one stops and a
 * {@code failover:} client carries on against it, with the persistent messages the first one had.
 */
class ActiveStandbyTest {
    private static final long RECEIVE_MILLIS = 30_000;

    @TempDir
    Path dir;

    @Test
    void theStandbyTakesOverAndAFailoverClientKeepsReceiving() throws Exception {
        BrokerSpec spec = Brokers.spec(dir.resolve("broker"), "ACTIVE_STANDBY_MULTI_AZ", Map.of(), null, null);
        ActiveMqBroker broker = (ActiveMqBroker) RUNTIME.start(spec);
        try {
            assertThat(broker.instances()).hasSize(2);
            assertThat(broker.ports()).containsKeys("openwire", "openwire.1", "amqp", "amqp.1", "stomp.1", "mqtt.1",
                    "wss", "wss.1", "console", "console.1");
            Set<Integer> ports = new HashSet<>(broker.ports().values());
            assertThat(ports).hasSize(12);
            assertThat(broker.instances()).allSatisfy(instance -> assertThat(instance.consoleUrl()).isNotNull());
            URI first = Brokers.endpoint(broker, 0, "tcp");
            URI second = Brokers.endpoint(broker, 1, "tcp");
            ActiveMQConnectionFactory factory = new ActiveMQConnectionFactory(
                    "failover:(" + first + "," + second + ")?randomize=false&initialReconnectDelay=100&maxReconnectDelay=1000");
            try (Connection connection = factory.createConnection(ALICE, ALICE_PASSWORD)) {
                connection.start();
                Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
                MessageProducer producer = session.createProducer(session.createQueue("work"));
                producer.setDeliveryMode(DeliveryMode.PERSISTENT);
                MessageConsumer consumer = session.createConsumer(session.createQueue("work"));
                producer.send(session.createTextMessage("before"));
                assertThat(((TextMessage) consumer.receive(RECEIVE_MILLIS)).getText()).isEqualTo("before");
                consumer.close();
                producer.send(session.createTextMessage("queued before the failure"));

                BrokerInstance active = broker.activeInstance();
                assertThat(active).isNotNull();
                assertThat(active.index).isZero();
                active.stop(); // the active instance fails

                consumer = session.createConsumer(session.createQueue("work"));
                assertThat(((TextMessage) consumer.receive(RECEIVE_MILLIS)).getText())
                        .isEqualTo("queued before the failure");
                producer.send(session.createTextMessage("after"));
                assertThat(((TextMessage) consumer.receive(RECEIVE_MILLIS)).getText()).isEqualTo("after");
                // ActiveMQ's connectors accept clients a moment before its start completes (BrokerService.isStarted
                // waits for the end of the start): the messages above can arrive first (seen once in CI, 7 December)
                long deadline = System.nanoTime() + RECEIVE_MILLIS * 1_000_000;
                while (!broker.isRunning() && System.nanoTime() - deadline < 0) {
                    Thread.sleep(20);
                }
                assertThat(broker.isRunning()).isTrue();
                assertThat(broker.activeInstance().index).isEqualTo(1);
            }
            // the standby that took over serves its WebSocket port too (Jetty's server, started with the broker)
            try (StompWebSocket stomp = StompWebSocket.open(Brokers.endpoint(broker, 1, "ws"), null)) {
                assertThat(stomp.connect(ALICE, ALICE_PASSWORD).command()).isEqualTo("CONNECTED");
            }
        } finally {
            broker.close();
        }
        assertThat(broker.isRunning()).isFalse();
    }

    @Test
    void aPairComesBackOnItsPortsWithItsMessages() throws Exception {
        BrokerSpec spec = Brokers.spec(dir.resolve("broker"), "ACTIVE_STANDBY_MULTI_AZ", Map.of(), null, null);
        RunningBroker first = RUNTIME.start(spec);
        try {
            ActiveMQConnectionFactory factory = new ActiveMQConnectionFactory(Brokers.endpoint(first, 0, "tcp"));
            try (Connection connection = factory.createConnection(ALICE, ALICE_PASSWORD)) {
                Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
                session.createProducer(session.createQueue("kept")).send(session.createTextMessage("kept"));
            }
        } finally {
            first.close();
        }
        RunningBroker second = RUNTIME.start(Brokers.again(spec, first));
        try {
            assertThat(second.ports()).isEqualTo(first.ports());
            URI endpoint0 = Brokers.endpoint(second, 0, "tcp");
            URI endpoint1 = Brokers.endpoint(second, 1, "tcp");
            ActiveMQConnectionFactory factory = new ActiveMQConnectionFactory(
                    "failover:(" + endpoint0 + "," + endpoint1 + ")?randomize=false&maxReconnectDelay=1000");
            try (Connection connection = factory.createConnection(ALICE, ALICE_PASSWORD)) {
                connection.start();
                Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
                MessageConsumer consumer = session.createConsumer(session.createQueue("kept"));
                assertThat(((TextMessage) consumer.receive(RECEIVE_MILLIS)).getText()).isEqualTo("kept");
            }
        } finally {
            second.close();
        }
    }

    @Test
    void aQpidJmsFailoverClientFollowsTheTakeOverOverAmqp() throws Exception {
        BrokerSpec spec = Brokers.spec(dir.resolve("broker"), "ACTIVE_STANDBY_MULTI_AZ", Map.of(), null, null);
        ActiveMqBroker broker = (ActiveMqBroker) RUNTIME.start(spec);
        try {
            URI first = Brokers.endpoint(broker, 0, "amqp");
            URI second = Brokers.endpoint(broker, 1, "amqp");
            org.apache.qpid.jms.JmsConnectionFactory factory = new org.apache.qpid.jms.JmsConnectionFactory(
                    "failover:(amqp://localhost:" + first.getPort() + ",amqp://localhost:" + second.getPort()
                            + ")?failover.initialReconnectDelay=100&failover.reconnectDelay=200&failover.useReconnectBackOff=false");
            try (Connection connection = factory.createConnection(ALICE, ALICE_PASSWORD)) {
                connection.start();
                Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
                MessageProducer producer = session.createProducer(session.createQueue("amqp-work"));
                producer.setDeliveryMode(DeliveryMode.PERSISTENT);
                producer.send(session.createTextMessage("sent to the first"));

                broker.activeInstance().stop();

                producer.send(session.createTextMessage("sent after the take-over"));
                MessageConsumer consumer = session.createConsumer(session.createQueue("amqp-work"));
                assertThat(((TextMessage) consumer.receive(RECEIVE_MILLIS)).getText()).isEqualTo("sent to the first");
                assertThat(((TextMessage) consumer.receive(RECEIVE_MILLIS)).getText()).isEqualTo("sent after the take-over");
                assertThat(broker.activeInstance().index).isEqualTo(1);
            }
            // the standby that took over serves its WebSocket port too (Jetty's server, started with the broker)
            try (StompWebSocket stomp = StompWebSocket.open(Brokers.endpoint(broker, 1, "ws"), null)) {
                assertThat(stomp.connect(ALICE, ALICE_PASSWORD).command()).isEqualTo("CONNECTED");
            }
        } finally {
            broker.close();
        }
    }
}
