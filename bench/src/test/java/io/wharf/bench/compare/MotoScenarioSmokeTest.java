package io.wharf.bench.compare;

import io.wharf.bench.firehose.FirehoseSettings;
import io.wharf.bench.kinesis.KinesisResults;
import io.wharf.bench.kinesis.KinesisSettings;
import io.wharf.bench.measure.Result;
import io.wharf.bench.s3.S3Settings;
import io.wharf.bench.scenario.ScenarioSettings;
import io.wharf.bench.scenario.Scenarios;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The S3 and Firehose scenarios really run against moto_server, their compare peer, started as a compare starts it:
 * objects and records flow and nothing fails. No figure is checked. Skipped where moto_server is not installed.
 */
class MotoScenarioSmokeTest {

    private static boolean motoInstalled() {
        try {
            return new ProcessBuilder("moto_server", "--help").redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor() == 0;
        } catch (Exception e) {
            return false;
        }
    }

    @Test
    void everyS3AndFirehoseScenarioRuns(@TempDir Path work) throws Exception {
        assumeTrue(motoInstalled(), "moto_server is not on PATH");
        try (ServerProcess moto = Moto.start(null, work.resolve("moto.log"))) {
            ScenarioSettings settings = new ScenarioSettings(moto.endpoint(), "moto", Duration.ZERO,
                    Duration.ofSeconds(1), 2, 2, 2, 200, 0, 1024, moto.pid(), KinesisSettings.DEFAULTS, Map.of(),
                    new S3Settings(64 * 1024, 4, false), new FirehoseSettings(50, 0, 1));
            for (String scenario : new String[] {"s3-put", "s3-get", "firehose-put"}) {
                Result result = Scenarios.named(scenario).run(settings);
                assertThat(result.errors()).as(scenario + ": " + result.firstError()).isZero();
                assertThat(result.messages()).as(scenario).isPositive();
                assertThat(result.parameters()).as(scenario).containsKey(KinesisResults.DATA_RATE);
            }
            Result latency = Scenarios.named("firehose-latency").run(settings.withRate(20));
            assertThat(latency.errors()).as(latency.firstError()).isZero();
            assertThat(latency.messages()).isPositive();
            assertThat(latency.primaryLatency()).isEqualTo("put-to-visible");
            assertThat(latency.parameters()).containsEntry("rate", "20").containsEntry("duplicates", "0");
        }
    }
}
