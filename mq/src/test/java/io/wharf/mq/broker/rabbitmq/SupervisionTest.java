package io.wharf.mq.broker.rabbitmq;

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
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The supervisor's limit, with a stand-in node ({@link FakeNodeMain}) that comes up and crashes a moment later, over
 * and over: it is restarted {@link RabbitMqNode#MAX_RESTARTS} times, then reported as not running.
 */
@Execution(ExecutionMode.CONCURRENT) // its nodes are its own: it runs beside the other suites
class SupervisionTest {
    @Test
    void aNodeThatKeepsCrashingIsRestartedABoundedNumberOfTimes(@TempDir Path directory) throws Exception {
        RabbitMqTesting.runtimeOrSkip(); // for the real epmd
        Path home = directory.resolve("fake-rabbitmq");
        Files.createDirectories(home.resolve("bin"));
        Files.createDirectories(home.resolve("lib"));
        Path server = home.resolve("bin/rabbitmq-server");
        Files.writeString(server, "#!/bin/sh\nexec '%s' -cp '%s' %s 1500\n".formatted(
                Path.of(System.getProperty("java.home"), "bin", "java"), System.getProperty("java.class.path"),
                FakeNodeMain.class.getName()));
        Files.setPosixFilePermissions(server, PosixFilePermissions.fromString("rwx------"));
        RabbitMqRuntime runtime = new RabbitMqRuntime(home, Duration.ofMinutes(1), Clock.systemUTC());

        try (RabbitMqNode node = (RabbitMqNode) runtime.start(RabbitMqTesting.spec("b-crashing",
                directory.resolve("broker"), Map.of(), List.of(new BrokerUser("admin", "pw-crash-1", true, List.of(),
                        false)), null))) {
            assertThat(node.isRunning()).isTrue();

            Instant deadline = Instant.now().plus(Duration.ofMinutes(3));
            while (node.isRunning() && Instant.now().isBefore(deadline)) {
                Thread.sleep(200);
            }

            assertThat(node.isRunning()).as("given up after repeated crashes").isFalse();
            assertThat(node.restartCount()).isEqualTo(RabbitMqNode.MAX_RESTARTS);
        }
        String directoryName = directory.toString();
        assertThat(ProcessHandle.allProcesses().filter(process -> process.info().commandLine().orElse("")
                .contains(directoryName))).isEmpty();
    }
}
