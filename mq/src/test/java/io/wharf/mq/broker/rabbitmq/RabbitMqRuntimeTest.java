package io.wharf.mq.broker.rabbitmq;

import io.wharf.mq.broker.BrokerRuntime.BrokerStartException;
import io.wharf.mq.broker.BrokerSpec.BrokerUser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What the runtime answers without starting a node. */
class RabbitMqRuntimeTest {
    private static final List<BrokerUser> ADMIN = List.of(new BrokerUser("admin", "admin-password-1", true, List.of(), false));

    @Test
    void withoutRabbitMqInstalledSaysWhatToInstall(@TempDir Path nowhere) {
        RabbitMqRuntime runtime = new RabbitMqRuntime(nowhere.resolve("rabbitmq"));

        assertThat(runtime.engineType()).isEqualTo("RABBITMQ");
        assertThat(runtime.unavailableReason()).hasValueSatisfying(why -> assertThat(why)
                .startsWith("RabbitMQ brokers need rabbitmq-server installed on the Wharf host: "
                        + "apt-get install rabbitmq-server"));
        assertThatThrownBy(() -> runtime.start(RabbitMqTesting.spec(RabbitMqTesting.newBrokerId(), nowhere.resolve("b"),
                Map.of(), ADMIN, null)))
                .isInstanceOf(BrokerStartException.class)
                .hasMessageContaining("apt-get install rabbitmq-server");
    }

    @Test
    void validatesConfigurationsWithoutAnInstallationToo(@TempDir Path nowhere) {
        RabbitMqRuntime runtime = new RabbitMqRuntime(nowhere);
        runtime.validateConfiguration("consumer_timeout = 900000");
        assertThatThrownBy(() -> runtime.validateConfiguration("disk_free_limit.absolute = 1GB"))
                .isInstanceOf(io.wharf.mq.broker.BrokerRuntime.ConfigurationRejected.class);
    }

    @Test
    void aTakenPortIsAClearStartFailure(@TempDir Path data) throws Exception {
        RabbitMqRuntime runtime = RabbitMqTesting.runtimeOrSkip();
        try (ServerSocket taken = new ServerSocket()) {
            taken.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            int port = taken.getLocalPort();
            assertThatThrownBy(() -> runtime.start(RabbitMqTesting.spec(RabbitMqTesting.newBrokerId(), data,
                    Map.of("amqp", port), ADMIN, null)))
                    .isInstanceOf(BrokerStartException.class)
                    .hasMessageContaining("Port " + port + " (amqp)")
                    .hasMessageContaining("is taken");
        }
    }

    @Test
    void aDataDirectoryWithASpaceIsRefusedBeforeAnythingStarts(@TempDir Path data) {
        RabbitMqRuntime runtime = RabbitMqTesting.runtimeOrSkip();
        assertThatThrownBy(() -> runtime.start(RabbitMqTesting.spec(RabbitMqTesting.newBrokerId(),
                data.resolve("my brokers"), Map.of(), ADMIN, null)))
                .isInstanceOf(BrokerStartException.class)
                .hasMessageContaining("without spaces");
    }

    @Test
    void aBrokerWithAnInvalidConfigurationDoesNotStart(@TempDir Path data) {
        RabbitMqRuntime runtime = RabbitMqTesting.runtimeOrSkip();
        assertThatThrownBy(() -> runtime.start(RabbitMqTesting.spec(RabbitMqTesting.newBrokerId(), data, Map.of(),
                ADMIN, "heartbeat = 5")))
                .isInstanceOf(BrokerStartException.class)
                .hasMessageContaining("Invalid value 5 for configuration key heartbeat.");
    }
}
