package io.wharf.bench;

import io.wharf.bench.kinesis.KinesisResults;
import io.wharf.bench.kinesis.KinesisSettings;
import io.wharf.bench.kinesis.KinesisWire;
import io.wharf.bench.measure.Result;
import io.wharf.bench.scenario.ScenarioSettings;
import io.wharf.bench.scenario.Scenarios;
import io.wharf.testkit.WharfServerExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** The scenarios really run against a Wharf: messages flow and nothing fails. No figure is checked. */
class ScenarioSmokeTest {
    @RegisterExtension
    static final WharfServerExtension WHARF = WharfServerExtension.builder().build();

    private static ScenarioSettings oneSecond() {
        // a second of warm-up takes the SDK's first-call costs, so the measured second sees real calls
        return new ScenarioSettings(WHARF.endpoint(), "in-process", Duration.ofSeconds(1), Duration.ofSeconds(1),
                2, 2, 2, 200, 0, 1024, ProcessHandle.current().pid(), KinesisSettings.DEFAULTS);
    }

    @Test
    void sqsSingleCompletesCycles() throws InterruptedException {
        Result result = Scenarios.named("sqs-single").run(oneSecond());

        assertThat(result.errors()).as(result.firstError()).isZero();
        assertThat(result.messages()).isPositive();
        assertThat(result.latencies()).containsKeys("cycle", "send", "receive", "delete");
        assertThat(result.serverCpuMillisPerThousand()).isPresent();
    }

    @Test
    void dynamoDbItemsPutsGetsAndUpdatesLeases() throws InterruptedException {
        Result result = Scenarios.named("dynamodb-items").run(oneSecond());

        assertThat(result.errors()).as(result.firstError()).isZero();
        assertThat(result.messages()).isPositive();
        assertThat(result.messages() % 3).isZero();
        assertThat(result.latencies()).containsKeys("cycle", "put-item", "get-item", "update-item");
    }

    @Test
    void sqsRoundtripAtAFixedRateSaysHowItKeptItsSchedule() throws InterruptedException {
        Result result = Scenarios.named("sqs-roundtrip").run(oneSecond().withRate(500));

        assertThat(result.errors()).as(result.firstError()).isZero();
        assertThat(result.messages()).isPositive();
        assertThat(result.parameters()).containsEntry("rate", "500")
                .containsKeys(io.wharf.bench.scenario.Pacing.LAG_AT_START, io.wharf.bench.scenario.Pacing.LAG_AT_END);
        assertThat(Long.parseLong(result.parameters().get(io.wharf.bench.scenario.Pacing.LAG_AT_START)))
                .isGreaterThanOrEqualTo(0); // a tick was taken in the window, so the schedule started again there
    }

    @Test
    void sqsSendSendsBatches() throws InterruptedException {
        Result result = Scenarios.named("sqs-send").run(oneSecond());

        assertThat(result.errors()).as(result.firstError()).isZero();
        assertThat(result.messages()).isPositive();
        assertThat(result.messages() % 10).isZero();
    }

    private static ScenarioSettings oneSecondOnTwoShards() {
        return new ScenarioSettings(WHARF.endpoint(), "in-process", Duration.ofSeconds(1), Duration.ofSeconds(1),
                2, 2, 2, 200, 0, 1024, ProcessHandle.current().pid(),
                new KinesisSettings(2, 50, 500, 10, KinesisWire.JSON));
    }

    @Test
    void kinesisRoundtripReadsWhatItPuts() throws InterruptedException {
        Result result = Scenarios.named("kinesis-roundtrip").run(oneSecondOnTwoShards());

        assertThat(result.errors()).as(result.firstError()).isZero();
        assertThat(result.messages()).isPositive();
        assertThat(result.latencies()).containsKeys("put-to-receive", "put-records", "get-records");
        assertThat(result.parameters()).containsKey(KinesisResults.DATA_RATE);
    }

    @Test
    void kinesisSubscribeGetsRecordsPushed() throws InterruptedException {
        Result result = Scenarios.named("kinesis-subscribe").run(oneSecondOnTwoShards());

        assertThat(result.errors()).as(result.firstError()).isZero();
        assertThat(result.messages()).isPositive();
        assertThat(result.primaryLatency()).isEqualTo("put-to-receive");
    }

    @Test
    void kclEfoProcessesStampedRecordsThroughFanOut() throws InterruptedException {
        // no warm-up: the scenario waits for the leases and for a record of every shard before it measures
        ScenarioSettings twoSeconds = new ScenarioSettings(WHARF.endpoint(), "in-process", Duration.ZERO,
                Duration.ofSeconds(2), 2, 2, 2, 200, 500, 1024, ProcessHandle.current().pid(),
                new KinesisSettings(2, 50, 500, 10, KinesisWire.JSON));
        Result result = Scenarios.named("kcl-efo").run(twoSeconds);

        assertKclProcessed(result, "enhanced fan-out");
    }

    @Test
    void kclPollingProcessesStampedRecordsThroughGetRecords() throws InterruptedException {
        // KCL's minimum wait between reads (200 ms), so every shard is read several times inside the window
        ScenarioSettings twoSeconds = new ScenarioSettings(WHARF.endpoint(), "in-process", Duration.ZERO,
                Duration.ofSeconds(2), 2, 2, 2, 200, 500, 1024, ProcessHandle.current().pid(),
                new KinesisSettings(2, 50, 500, 10, KinesisWire.JSON, null, 200));

        assertKclProcessed(Scenarios.named("kcl-polling").run(twoSeconds), "polling (GetRecords every 200 ms");
    }

    private static void assertKclProcessed(Result result, String retrieval) {
        assertThat(result.errors()).as(result.firstError()).isZero();
        assertThat(result.messages()).isPositive();
        assertThat(result.primaryLatency()).isEqualTo("put-to-process");
        // the stamps were found in the data KCL handed over
        assertThat(result.primary().count()).isPositive();
        assertThat(result.parameters()).containsEntry("shards", "2").containsEntry("rate", "500")
                .containsEntry("leasesLostWhileLoaded", "0").containsEntry("duplicates", "0")
                .containsKeys(io.wharf.bench.scenario.Pacing.LAG_AT_START, io.wharf.bench.scenario.Pacing.LAG_AT_END);
        assertThat(result.parameters().get("retrieval")).startsWith(retrieval);
    }

    @Test
    void s3AndFirehoseScenariosMoveObjectsAndRecords() throws InterruptedException {
        ScenarioSettings settings = new ScenarioSettings(WHARF.endpoint(), "in-process", Duration.ZERO,
                Duration.ofSeconds(1), 2, 2, 2, 200, 0, 1024, ProcessHandle.current().pid(), KinesisSettings.DEFAULTS,
                java.util.Map.of(), new io.wharf.bench.s3.S3Settings(64 * 1024, 4, false),
                new io.wharf.bench.firehose.FirehoseSettings(50, 0, 1));
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
        assertThat(latency.parameters()).containsEntry("rate", "20").containsEntry("duplicates", "0")
                .containsKeys(io.wharf.bench.scenario.Pacing.LAG_AT_START, io.wharf.bench.scenario.Pacing.LAG_AT_END);
    }
}
