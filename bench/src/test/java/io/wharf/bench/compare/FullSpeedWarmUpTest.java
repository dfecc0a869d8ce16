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
        return settings(rate, warmupSeconds, 0);
    }

    private static ScenarioSettings settings(int rate, int warmupSeconds, long serverPid) {
        return new ScenarioSettings(URI.create("http://localhost:1"), "t", Duration.ofSeconds(warmupSeconds),
                Duration.ofSeconds(20), 2, 2, 2, 200, rate, 256, serverPid, KinesisSettings.DEFAULTS);
    }

    private static final long SERVER = 41;
    private static final long CLIENT = 42;

    /** A scenario whose runs make the two JVMs' compilers use the given milliseconds, run after run. */
    private static final class Compiling implements Scenario {
        final List<ScenarioSettings> runs = new ArrayList<>();
        final java.util.Map<Long, Long> used = new java.util.HashMap<>(java.util.Map.of(SERVER, 0L, CLIENT, 0L));
        private final long[] server;
        private final long[] client;

        Compiling(long[] server, long[] client) {
            this.server = server;
            this.client = client;
        }

        @Override
        public String name() {
            return "sqs-roundtrip";
        }

        @Override
        public Result run(ScenarioSettings settings) {
            int run = runs.size();
            runs.add(settings);
            used.merge(SERVER, server[Math.min(run, server.length - 1)], Long::sum);
            used.merge(CLIENT, client[Math.min(run, client.length - 1)], Long::sum);
            return null;
        }

        FullSpeedWarmUp warmUp() {
            return new FullSpeedWarmUp(pid -> java.util.OptionalLong.of(used.get(pid)), CLIENT);
        }
    }

    @Test
    void itRunsAgainUntilBothCompilersHaveSettled() throws InterruptedException {
        // a 10 s warm-up: settled at 500 ms of compiling or less in each JVM
        Compiling scenario = new Compiling(new long[]{2_600, 900, 480}, new long[]{1_500, 600, 200});
        scenario.warmUp().before(new ScenarioSpec("sqs-roundtrip@5000", scenario, 5000), settings(5000, 10, SERVER), "wharf");

        assertThat(scenario.runs).hasSize(3).allSatisfy(run -> {
            assertThat(run.ratePerSecond()).isZero();
            assertThat(run.warmup()).isZero();
            assertThat(run.duration()).isEqualTo(Duration.ofSeconds(10));
        });
    }

    @Test
    void theClientStillCompilingKeepsItGoingToo() throws InterruptedException {
        Compiling scenario = new Compiling(new long[]{100}, new long[]{900, 700, 400});
        scenario.warmUp().before(new ScenarioSpec("sqs-roundtrip@5000", scenario, 5000), settings(5000, 10, SERVER), "wharf");

        assertThat(scenario.runs).hasSize(3);
    }

    @Test
    void aCompilerThatNeverSettlesStopsItAfterTheLastRun() throws InterruptedException {
        Compiling scenario = new Compiling(new long[]{3_000}, new long[]{0});
        scenario.warmUp().before(new ScenarioSpec("sqs-roundtrip@5000", scenario, 5000), settings(5000, 10, SERVER), "wharf");

        assertThat(scenario.runs).hasSize(FullSpeedWarmUp.MAX_RUNS);
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
