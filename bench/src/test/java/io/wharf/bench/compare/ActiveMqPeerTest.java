package io.wharf.bench.compare;

import io.wharf.bench.kinesis.KinesisSettings;
import io.wharf.bench.measure.Result;
import io.wharf.bench.mq.BrokerSettings;
import io.wharf.bench.scenario.ScenarioSettings;
import io.wharf.bench.scenario.Scenarios;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Who serves {@code mq-jms} in a compare, and the {@code activemq} target for real: the standalone broker started in its
 * own JVM from this class path, {@code mq-jms} run against it for a second, its store in the work directory.
 */
class ActiveMqPeerTest {
    private static final BrokerSettings USER = new BrokerSettings(null, CompareCommand.BROKER_USER, "peer-password-123");

    @Test
    void everyWharfTargetAndTheActiveMqPeerServeMqJmsAndTheOthersSitOut() {
        List<Target> chosen = List.of(Target.WHARF, Target.WHARF_IN_MEMORY, Target.WHARF_AUTH, Target.ELASTICMQ,
                Target.KINESALITE, Target.MOTO, Target.DYNALITE, Target.ACTIVEMQ, Target.FLOOR);
        ScenarioSpec spec = ScenarioSpec.parse("mq-jms");

        List<Target> served = CompareCommand.servedBy(chosen, spec);

        assertThat(served).containsExactly(Target.WHARF, Target.WHARF_IN_MEMORY, Target.WHARF_AUTH, Target.ACTIVEMQ);
        assertThat(CompareCommand.baselineFor(served, null)).isEqualTo(Target.ACTIVEMQ);
        assertThat(CompareCommand.sitOutNotes(chosen, spec)).hasSize(5)
                .contains("wharf-bench: floor sits out mq-jms: it serves " + Target.FLOOR.servesWhat());
        assertThat(CompareCommand.isBrokerScenario(spec)).isTrue();
        assertThat(CompareCommand.isBrokerScenario(ScenarioSpec.parse("sqs-send"))).isFalse();
        assertThat(Target.named("activemq").serves("sqs-send")).isFalse();
        assertThat(Target.ACTIVEMQ.isWharf()).isFalse();
        assertThat(ScenarioSpec.parse("mq-jms@500").ratePerSecond()).isEqualTo(500);
    }

    @Test
    void thePasswordIsNeverOnTheCommandLine() {
        Launch launch = launch(Path.of("/w"), List.of("-Xmx1g"));

        assertThat(ActiveMqPeer.command(launch, "activemq", "/b/wharf-bench.jar")).containsExactly("/jdk/bin/java",
                "-Xmx1g", "-cp", "/b/wharf-bench.jar", "io.wharf.bench.mq.StandaloneActiveMq", "/w/activemq-data",
                "wharf-bench");
        assertThat(CompareCommand.brokerPassword()).hasSize(24).doesNotContain(",", ":", "=")
                .isNotEqualTo(CompareCommand.brokerPassword());
    }

    @Test
    void theStandaloneBrokerRunsInItsOwnJvmAndServesTheScenario(@TempDir Path work) throws Exception {
        Launch launch = launch(work, List.of());
        Path java = Path.of(ProcessHandle.current().info().command().orElseThrow());
        launch = new Launch(java, launch.wharfJar(), work, List.of(), "1.7.1", "3.3.3", "4.0.0", work, false, false,
                null, USER);

        try (ServerProcess activemq = Target.ACTIVEMQ.start(launch)) {
            assertThat(activemq.endpoint().getScheme()).isEqualTo("tcp");
            assertThat(activemq.pid()).isNotEqualTo(ProcessHandle.current().pid());
            ScenarioSettings settings = new ScenarioSettings(activemq.endpoint(), "activemq", Duration.ofMillis(300),
                    Duration.ofSeconds(1), 2, 2, 2, 200, 0, 1024, activemq.pid(), KinesisSettings.DEFAULTS)
                    .withBroker(USER.at(activemq.endpoint()));

            Result result = Scenarios.named("mq-jms").run(settings);

            assertThat(result.errors()).as(result.firstError()).isZero();
            assertThat(result.messages()).isPositive();
            assertThat(result.serverCpuMillis()).as("the broker's own process").isPresent();
            assertThat(work.resolve("activemq-data/kahadb")).isDirectory();
            assertThat(Files.readString(work.resolve("activemq.log"))).doesNotContain(USER.password());
        }
    }

    private static Launch launch(Path work, List<String> jvmArgs) {
        return new Launch(Path.of("/jdk/bin/java"), Path.of("/w/wharf.jar"), work, jvmArgs, "1.7.1", "3.3.3", "4.0.0",
                Path.of("/c"), false, false, null, USER);
    }
}
