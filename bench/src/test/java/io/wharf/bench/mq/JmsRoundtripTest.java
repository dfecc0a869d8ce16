package io.wharf.bench.mq;

import io.wharf.bench.kinesis.KinesisSettings;
import io.wharf.bench.measure.Result;
import io.wharf.bench.scenario.ScenarioSettings;
import io.wharf.bench.scenario.Scenarios;
import jakarta.jms.Connection;
import jakarta.jms.Session;
import org.apache.activemq.ActiveMQConnectionFactory;
import org.apache.activemq.broker.BrokerService;
import org.apache.activemq.broker.TransportConnector;
import org.apache.activemq.command.ActiveMQDestination;
import org.apache.activemq.command.ActiveMQQueue;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@code mq-jms} against the broker the {@code activemq} target runs ({@link StandaloneActiveMq#broker}), here in this
 * JVM on a port the system picks: messages flow persistently, the queue is gone afterwards, and a wrong password or a
 * missing broker stops the run before it starts.
 */
class JmsRoundtripTest {
    private static final String USER = "bench";
    private static final String PASSWORD = "bench-password-123";

    @TempDir
    static Path data;
    private static BrokerService broker;
    private static URI openWire;

    @BeforeAll
    static void startBroker() throws Exception {
        broker = StandaloneActiveMq.broker(data.resolve("broker"), USER, PASSWORD);
        TransportConnector connector = broker.addConnector("tcp://127.0.0.1:0");
        broker.start();
        broker.waitUntilStarted();
        openWire = URI.create("tcp://127.0.0.1:" + connector.getServer().getSocketAddress().getPort());
    }

    @AfterAll
    static void stopBroker() throws Exception {
        broker.stop();
        broker.waitUntilStopped();
    }

    private static ScenarioSettings settings(BrokerSettings brokerSettings, int rate) {
        return new ScenarioSettings(URI.create("http://unused"), "activemq", Duration.ofMillis(300),
                Duration.ofSeconds(1), 2, 2, 2, 200, rate, 1024, ProcessHandle.current().pid(), KinesisSettings.DEFAULTS)
                .withBroker(brokerSettings);
    }

    @Test
    void persistentMessagesGoRoundAndTheQueueIsRemovedAfterwards() throws Exception {
        Result result = Scenarios.named("mq-jms").run(settings(new BrokerSettings(openWire, USER, PASSWORD), 0));

        assertThat(result.errors()).as(result.firstError()).isZero();
        assertThat(result.messages()).isPositive();
        assertThat(result.primaryLatency()).isEqualTo("send-to-receive");
        assertThat(result.latencies().get("send-to-receive").count()).isPositive();
        assertThat(result.latencies().get("send").count()).isPositive();
        assertThat(result.parameters()).containsEntry("deliveryMode", "persistent")
                .containsEntry("broker", openWire.toString()).containsEntry("producers", "2");
        assertThat(result.serverCpuMillis()).isPresent();
        assertThat(Arrays.stream(broker.getRegionBroker().getDestinations()).map(ActiveMQDestination::getPhysicalName))
                .as("the run's queue is destroyed").noneMatch(name -> name.startsWith("wharf-bench.mq-jms."));
        assertThat(broker.getPersistenceAdapter().getDestinations()).extracting(ActiveMQDestination::getPhysicalName)
                .noneMatch(name -> name.startsWith("wharf-bench.mq-jms."));
    }

    @Test
    void aFixedRateIsKept() throws Exception {
        Result result = Scenarios.named("mq-jms").run(settings(new BrokerSettings(openWire, USER, PASSWORD), 200));

        assertThat(result.errors()).as(result.firstError()).isZero();
        assertThat(result.parameters()).containsEntry("rate", "200");
        // 200 msgs/s for about a second; far from the hundreds of thousands a free-running loop would send
        assertThat(result.messages()).isBetween(50L, 400L);
    }

    @Test
    void theBrokerStoresWhatProducersSendPersistently() throws Exception {
        // What the scenario's producers rely on: this broker keeps persistent messages in KahaDB across a restart.
        Path store = data.resolve("restart");
        BrokerService first = StandaloneActiveMq.broker(store, USER, PASSWORD);
        TransportConnector connector = first.addConnector("tcp://127.0.0.1:0");
        first.start();
        String url = "tcp://127.0.0.1:" + connector.getServer().getSocketAddress().getPort();
        try (Connection connection = new ActiveMQConnectionFactory(USER, PASSWORD, url).createConnection()) {
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            session.createProducer(new ActiveMQQueue("kept")).send(session.createTextMessage("still here"));
        }
        first.stop();
        first.waitUntilStopped();
        assertThat(Files.getPosixFilePermissions(store)).isEqualTo(PosixFilePermissions.fromString("rwx------"));

        BrokerService second = StandaloneActiveMq.broker(store, USER, PASSWORD);
        TransportConnector again = second.addConnector("tcp://127.0.0.1:0");
        second.start();
        try (Connection connection = new ActiveMQConnectionFactory(USER, PASSWORD,
                "tcp://127.0.0.1:" + again.getServer().getSocketAddress().getPort()).createConnection()) {
            connection.start();
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            var message = (jakarta.jms.TextMessage) session.createConsumer(new ActiveMQQueue("kept")).receive(5_000);
            assertThat(message).isNotNull();
            assertThat(message.getText()).isEqualTo("still here");
            assertThat(message.getJMSDeliveryMode()).isEqualTo(jakarta.jms.DeliveryMode.PERSISTENT);
        } finally {
            second.stop();
            second.waitUntilStopped();
        }
    }

    @Test
    void aWrongPasswordStopsTheRunBeforeItStarts() {
        assertThatThrownBy(() -> Scenarios.named("mq-jms").run(settings(new BrokerSettings(openWire, USER, "wrong"), 0)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining(openWire.toString())
                .hasCauseInstanceOf(jakarta.jms.JMSException.class); // JMSSecurityException, or "Disposed" if the broker's close wins
    }

    @Test
    void withoutABrokerTheScenarioSaysWhatItNeeds() {
        assertThatThrownBy(() -> Scenarios.named("mq-jms").run(settings(BrokerSettings.NONE, 0)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--broker-url");
        assertThatThrownBy(() -> new BrokerSettings(URI.create("http://127.0.0.1:4566"), USER, PASSWORD))
                .hasMessageContaining("OpenWire");
        assertThatThrownBy(() -> new BrokerSettings(openWire, USER, null)).hasMessageContaining("password");
        assertThat(new BrokerSettings(openWire, USER, PASSWORD).toString()).doesNotContain(PASSWORD);
    }
}
