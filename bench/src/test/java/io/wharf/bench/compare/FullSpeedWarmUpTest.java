package io.wharf.bench.compare;

import io.wharf.bench.kinesis.KinesisSettings;
import io.wharf.bench.measure.Result;
import io.wharf.bench.scenario.Scenario;
import io.wharf.bench.scenario.ScenarioSettings;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class FullSpeedWarmUpTest {
    /** A scenario that only remembers how it was run. */
    private static final class Recording implements Scenario {
        final List<ScenarioSettings> runs = new ArrayList<>();

        @Override
        public String name() {
            return "sqs-roundtrip";
        }

        @Override
        public Result run(ScenarioSettings settings) {
            runs.add(settings);
            return null;
        }
    }

    private static ScenarioSettings settings(int rate, int warmupSeconds) {
        return new ScenarioSettings(URI.create("http://localhost:1"), "t", Duration.ofSeconds(warmupSeconds),
                Duration.ofSeconds(20), 2, 2, 2, 200, rate, 256, 0, KinesisSettings.DEFAULTS);
    }

    @Test
    void aRateLimitedScenarioIsFirstRunAtFullSpeedOncePerServer() throws InterruptedException {
        Recording scenario = new Recording();
        FullSpeedWarmUp warmUp = new FullSpeedWarmUp();
        ScenarioSpec at1000 = new ScenarioSpec("sqs-roundtrip@1000", scenario, 1000);

        warmUp.before(at1000, settings(1000, 15), "wharf");

        assertThat(scenario.runs).singleElement().satisfies(run -> {
            assertThat(run.ratePerSecond()).isZero();
            assertThat(run.warmup()).isZero();
            assertThat(run.duration()).isEqualTo(Duration.ofSeconds(15));
        });
        warmUp.before(at1000, settings(1000, 15), "wharf");
        assertThat(scenario.runs).as("once per scenario and server").hasSize(1);
        warmUp.before(at1000, settings(1000, 15), "elasticmq");
        assertThat(scenario.runs).as("every target the same").hasSize(2);
    }

    @Test
    void aFullSpeedRunOrNoWarmUpNeedsNone() throws InterruptedException {
        Recording scenario = new Recording();
        FullSpeedWarmUp warmUp = new FullSpeedWarmUp();

        warmUp.before(new ScenarioSpec("sqs-roundtrip", scenario, 0), settings(0, 15), "wharf");
        warmUp.before(new ScenarioSpec("sqs-roundtrip@1000", scenario, 1000), settings(1000, 15), "wharf");
        warmUp.before(new ScenarioSpec("sqs-roundtrip@5000", scenario, 5000), settings(5000, 0), "other");

        assertThat(scenario.runs).as("warmed by the full-speed run; no warm-up asked for").isEmpty();
    }
}
