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
import jakarta.jms.DeliveryMode;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.apache.activemq.ActiveMQConnectionFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A broker closed and started again on its directory, as after a reboot or a restart of Wharf. */
class RestartTest {
    private static final long RECEIVE_MILLIS = 10_000;

    @TempDir
    Path dir;

    @Test
    void persistentMessagesAndDurableSubscriptionsSurviveARestartOnTheSameEndpoints() throws Exception {
        BrokerSpec spec = Brokers.single(dir.resolve("broker"));
        RunningBroker first = RUNTIME.start(spec);
        var endpointsBefore = first.instances();
        try {
            ActiveMQConnectionFactory factory = new ActiveMQConnectionFactory(Brokers.endpoint(first, 0, "tcp"));
            try (Connection subscriber = factory.createConnection(BOB, BOB_PASSWORD)) {
                subscriber.setClientID("bob-client");
                Session session = subscriber.createSession(false, Session.AUTO_ACKNOWLEDGE);
                session.createDurableSubscriber(session.createTopic("events"), "bob-events").close();
            }
            try (Connection connection = factory.createConnection(ALICE, ALICE_PASSWORD)) {
                Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
                MessageProducer queue = session.createProducer(session.createQueue("kept"));
                queue.setDeliveryMode(DeliveryMode.PERSISTENT);
                for (int i = 1; i <= 3; i++) {
                    queue.send(session.createTextMessage("kept " + i));
                }
                MessageProducer transientProducer = session.createProducer(session.createQueue("kept"));
                transientProducer.setDeliveryMode(DeliveryMode.NON_PERSISTENT);
                transientProducer.send(session.createTextMessage("not kept"));
                MessageProducer topic = session.createProducer(session.createTopic("events"));
                topic.setDeliveryMode(DeliveryMode.PERSISTENT);
                topic.send(session.createTextMessage("event while down"));
            }
        } finally {
            first.close();
        }
        assertThat(first.isRunning()).isFalse();
        assertThat(dir.resolve("broker/kahadb")).isDirectory();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("broker")))).isEqualTo("rwx------");

        RunningBroker second = RUNTIME.start(Brokers.again(spec, first));
        try {
            assertThat(second.instances()).isEqualTo(endpointsBefore);
            ActiveMQConnectionFactory factory = new ActiveMQConnectionFactory(Brokers.endpoint(second, 0, "tcp"));
            try (Connection connection = factory.createConnection(BOB, BOB_PASSWORD)) {
                connection.setClientID("bob-client");
                connection.start();
                Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
                MessageConsumer queue = session.createConsumer(session.createQueue("kept"));
                for (int i = 1; i <= 3; i++) {
                    assertThat(((TextMessage) queue.receive(RECEIVE_MILLIS)).getText()).isEqualTo("kept " + i);
                }
                assertThat(queue.receive(500)).as("a non-persistent message does not outlive the broker").isNull();
                MessageConsumer durable = session.createDurableSubscriber(session.createTopic("events"), "bob-events");
                assertThat(((TextMessage) durable.receive(RECEIVE_MILLIS)).getText()).isEqualTo("event while down");
            }
        } finally {
            second.close();
        }
    }

    @Test
    void aSecondStartOnADirectoryInUseFailsInsteadOfWaiting() {
        BrokerSpec spec = Brokers.single(dir.resolve("busy"));
        RunningBroker running = RUNTIME.start(spec);
        try {
            BrokerSpec other = Brokers.spec(dir.resolve("busy"), "SINGLE_INSTANCE", java.util.Map.of(), null, null);
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> RUNTIME.start(other).close())
                    .isInstanceOf(io.wharf.mq.broker.BrokerRuntime.BrokerStartException.class);
            assertThat(running.isRunning()).isTrue();
        } finally {
            running.close();
        }
    }

    @Test
    void aBrokerThatCannotStartSaysWhyAndLeavesNothingRunning() throws Exception {
        BrokerSpec badKey = Brokers.spec(dir.resolve("bad-tls"), "SINGLE_INSTANCE", java.util.Map.of(), null,
                new BrokerSpec.Tls(new SelfSignedCertificate().tls().certificateChainPem(), "not a key"));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> RUNTIME.start(badKey).close())
                .isInstanceOf(io.wharf.mq.broker.BrokerRuntime.BrokerStartException.class)
                .hasMessageContaining("PKCS#8");
        BrokerSpec cluster = Brokers.spec(dir.resolve("cluster"), "CLUSTER_MULTI_AZ", java.util.Map.of(), null, null);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> RUNTIME.start(cluster).close())
                .isInstanceOf(io.wharf.mq.broker.BrokerRuntime.BrokerStartException.class)
                .hasMessageContaining("CLUSTER_MULTI_AZ");

        // a port taken by another program: the start fails, and releases the ports it had bound
        BrokerSpec first = Brokers.single(dir.resolve("ports"));
        RunningBroker running = RUNTIME.start(first);
        java.util.Map<String, Integer> ports = running.ports();
        running.close();
        try (java.net.ServerSocket squatter = new java.net.ServerSocket()) {
            squatter.bind(new java.net.InetSocketAddress("127.0.0.1", ports.get("mqtt")));
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> RUNTIME.start(Brokers.again(first, running)).close())
                    .isInstanceOf(io.wharf.mq.broker.BrokerRuntime.BrokerStartException.class);
        }
        RunningBroker again = RUNTIME.start(Brokers.again(first, running));
        try {
            assertThat(again.ports()).isEqualTo(ports);
            assertThat(again.isRunning()).isTrue();
        } finally {
            again.close();
        }
    }
}
