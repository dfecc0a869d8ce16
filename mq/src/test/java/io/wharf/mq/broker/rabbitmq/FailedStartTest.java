package io.wharf.mq.broker.rabbitmq;

import io.wharf.mq.broker.BrokerRuntime.BrokerStartException;
import io.wharf.mq.broker.BrokerSpec.BrokerUser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Starts that fail, with a stand-in {@code rabbitmq-server} script (and the host's real epmd). */
@Execution(ExecutionMode.CONCURRENT) // its nodes are its own: it runs beside the other suites
class FailedStartTest {
    private static final List<BrokerUser> ADMIN = List.of(new BrokerUser("admin", "failing-start-pw", true, List.of(), false));

    @Test
    void aNodeThatExitsWhileStartingFailsTheStartWithItsOutput(@TempDir Path directory) throws Exception {
        RabbitMqTesting.runtimeOrSkip(); // for the real epmd
        Path home = fakeInstallation(directory, """
                #!/bin/sh
                echo "BOOT FAILED: simulated by the test (node $RABBITMQ_NODENAME)"
                exit 3
                """);
        RabbitMqRuntime runtime = new RabbitMqRuntime(home, Duration.ofMinutes(2), Clock.systemUTC());
        Path data = directory.resolve("broker");

        assertThatThrownBy(() -> runtime.start(RabbitMqTesting.spec("b-failing", data, Map.of(), ADMIN, null)))
                .isInstanceOf(BrokerStartException.class)
                .hasMessageContaining("exited with status 3 while starting")
                .hasMessageContaining("BOOT FAILED: simulated by the test (node wharf-b-failing@localhost)");
        assertThat(Files.exists(data.resolve("epmd.pid"))).as("epmd stopped and forgotten").isFalse();
    }

    @Test
    void aNodeThatNeverAnswersIsStoppedAfterTheStartTimeout(@TempDir Path directory) throws Exception {
        RabbitMqTesting.runtimeOrSkip();
        Path pidFile = directory.resolve("hung.pid");
        Path home = fakeInstallation(directory, """
                #!/bin/sh
                echo $$ > %s
                echo "hanging forever"
                exec sleep 1000
                """.formatted(pidFile));
        RabbitMqRuntime runtime = new RabbitMqRuntime(home, Duration.ofSeconds(2), Clock.systemUTC());

        assertThatThrownBy(() -> runtime.start(RabbitMqTesting.spec("b-hung", directory.resolve("broker"), Map.of(),
                ADMIN, null)))
                .isInstanceOf(BrokerStartException.class)
                .hasMessageContaining("did not accept AMQP connections")
                .hasMessageContaining("within PT2S")
                .hasMessageContaining("hanging forever");
        long pid = Long.parseLong(Files.readString(pidFile).strip());
        assertThat(ProcessHandle.of(pid).filter(ProcessHandle::isAlive)).as("the hung node was killed").isEmpty();
    }

    @Test
    void aDistributionPortTakenBeforeTheNodeBindsItIsPickedAgain(@TempDir Path directory) throws Exception {
        RabbitMqTesting.runtimeOrSkip();
        Path launches = directory.resolve("launches");
        // the first launch fails as RabbitMQ does when another process took its port; the second comes up
        Path home = failingOnceThenUp(directory, launches, "echo \"$RABBITMQ_DIST_PORT\"", """
                  echo "ERROR: could not bind to distribution port $RABBITMQ_DIST_PORT on host localhost."
                  echo "reason: {dist_port_already_used,$RABBITMQ_DIST_PORT,not_erlang,\"localhost\"}"
                  exit 0
                """);
        RabbitMqRuntime runtime = new RabbitMqRuntime(home, Duration.ofMinutes(1), Clock.systemUTC());

        try (RabbitMqNode node = (RabbitMqNode) runtime.start(RabbitMqTesting.spec("b-port-taken",
                directory.resolve("broker"), Map.of(), ADMIN, null))) {
            assertThat(node.isRunning()).isTrue();
            assertThat(node.restartCount()).as("a start retried, not a restart").isZero();
        }
        List<String> ports = Files.readAllLines(launches);
        assertThat(ports).hasSize(2);
        assertThat(ports.get(1)).as("another port the second time").isNotEqualTo(ports.get(0));
    }

    @Test
    void aDistributionPortTakenEveryTimeFailsTheStartAfterTheLastAttempt(@TempDir Path directory) throws Exception {
        RabbitMqTesting.runtimeOrSkip();
        Path launches = directory.resolve("launches");
        Path home = fakeInstallation(directory, """
                #!/bin/sh
                echo launched >> %s
                echo "reason: {dist_port_already_used,$RABBITMQ_DIST_PORT,not_erlang,\"localhost\"}"
                exit 0
                """.formatted(launches));
        RabbitMqRuntime runtime = new RabbitMqRuntime(home, Duration.ofMinutes(1), Clock.systemUTC());

        assertThatThrownBy(() -> runtime.start(RabbitMqTesting.spec("b-port-always-taken",
                directory.resolve("broker"), Map.of(), ADMIN, null)))
                .isInstanceOf(BrokerStartException.class)
                .hasMessageContaining("exited with status 0 while starting")
                .hasMessageContaining("dist_port_already_used");
        assertThat(Files.readAllLines(launches)).hasSize(RabbitMqNode.PORT_ATTEMPTS);
    }

    @Test
    void aListenerPortPickedAtTheFirstStartAndTakenMeanwhileIsPickedAgain(@TempDir Path directory) throws Exception {
        RabbitMqTesting.runtimeOrSkip();
        Path launches = directory.resolve("launches");
        // the first launch fails as RabbitMQ does when its AMQP port is taken; the second comes up
        Path home = failingOnceThenUp(directory, launches, "grep '^listeners.tcp.1' \"$RABBITMQ_CONFIG_FILE\"", """
                  echo "Failed to start Ranch listener for reason eaddrinuse (address already in use)"
                  exit 1
                """);
        RabbitMqRuntime runtime = new RabbitMqRuntime(home, Duration.ofMinutes(1), Clock.systemUTC());

        try (RabbitMqNode node = (RabbitMqNode) runtime.start(RabbitMqTesting.spec("b-amqp-taken",
                directory.resolve("broker"), Map.of(), ADMIN, null))) {
            assertThat(node.isRunning()).isTrue();
            List<String> listeners = Files.readAllLines(launches);
            assertThat(listeners).hasSize(2);
            assertThat(listeners.get(1)).as("another AMQP port the second time").isNotEqualTo(listeners.get(0))
                    .endsWith(":" + node.ports().get("amqp"));
        }
    }

    @Test
    void aListenerPortRecordedBeforeIsNotPickedAgain(@TempDir Path directory) throws Exception {
        RabbitMqTesting.runtimeOrSkip();
        Path launches = directory.resolve("launches");
        Path home = fakeInstallation(directory, """
                #!/bin/sh
                echo launched >> %s
                echo "Failed to start Ranch listener for reason eaddrinuse (address already in use)"
                exit 1
                """.formatted(launches));
        RabbitMqRuntime runtime = new RabbitMqRuntime(home, Duration.ofMinutes(1), Clock.systemUTC());
        int recorded = Ports.free(java.net.InetAddress.getLoopbackAddress());

        assertThatThrownBy(() -> runtime.start(RabbitMqTesting.spec("b-amqp-recorded", directory.resolve("broker"),
                Map.of("amqp", recorded), ADMIN, null)))
                .isInstanceOf(BrokerStartException.class)
                .hasMessageContaining("eaddrinuse");
        assertThat(Files.readAllLines(launches)).as("its clients know that port: no other is tried").hasSize(1);
    }

    /**
     * An installation whose node appends what {@code record} prints to {@code launches} at each launch, runs
     * {@code failure} (which exits) the first time, and comes up ({@link FakeNodeMain}) from the second on.
     */
    private static Path failingOnceThenUp(Path directory, Path launches, String record, String failure)
            throws Exception {
        return fakeInstallation(directory, """
                #!/bin/sh
                %s >> %s
                if [ "$(wc -l < %s)" -lt 2 ]; then
                %sfi
                exec '%s' -cp '%s' %s 600000
                """.formatted(record, launches, launches, failure, Path.of(System.getProperty("java.home"), "bin",
                "java"), System.getProperty("java.class.path"), FakeNodeMain.class.getName()));
    }

    private static Path fakeInstallation(Path directory, String script) throws Exception {
        Path home = directory.resolve("fake-rabbitmq");
        Files.createDirectories(home.resolve("bin"));
        Files.createDirectories(home.resolve("lib"));
        Path server = home.resolve("bin/rabbitmq-server");
        Files.writeString(server, script);
        Files.setPosixFilePermissions(server, PosixFilePermissions.fromString("rwx------"));
        return home;
    }
}
