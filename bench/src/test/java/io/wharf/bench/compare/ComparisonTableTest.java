package io.wharf.bench.compare;

import io.wharf.bench.kinesis.KinesisResults;
import io.wharf.bench.measure.Percentiles;
import io.wharf.bench.measure.Result;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.OptionalLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ComparisonTableTest {

    private static Result result(String target, long messages, double p50, long serverCpuMillis) {
        return new Result("sqs-roundtrip", target, Map.of(), 10, messages, 0, null, "send-to-receive",
                Map.of("send-to-receive", new Percentiles(messages, p50, p50 * 2, p50 * 3, p50 * 4, p50)),
                OptionalLong.of(serverCpuMillis), OptionalLong.empty(), OptionalDouble.empty());
    }

    @Test
    void ratiosAreTargetOverBaseline() {
        Map<String, List<Result>> results = new LinkedHashMap<>();
        results.put("sqs-roundtrip", List.of(result("wharf", 120_000, 1.0, 1_200), result("elasticmq", 40_000, 4.0, 13_200)));

        String table = ComparisonTable.render(results, "elasticmq");

        assertThat(table).contains("sqs-roundtrip  (latency: send-to-receive")
                .contains("wharf / elasticmq")
                .containsPattern("wharf / elasticmq +3\\.00x +0\\.25x +0\\.25x +0\\.25x +0\\.03x +-");
    }

    @Test
    void everyTargetIsAlsoDividedByTheFloorWhereItRan() {
        Map<String, List<Result>> results = new LinkedHashMap<>();
        results.put("sqs-roundtrip", List.of(result("wharf", 60_000, 2.0, 1_200), result("elasticmq", 40_000, 4.0, 13_200),
                result("floor", 120_000, 1.0, 600)));

        String table = ComparisonTable.render(results, "elasticmq");

        assertThat(table).containsPattern("wharf / elasticmq +1\\.50x")
                .containsPattern("floor / elasticmq +3\\.00x")
                .containsPattern("wharf / floor +0\\.50x +2\\.00x +2\\.00x +2\\.00x +4\\.00x")
                .containsPattern("elasticmq / floor +0\\.33x")
                .doesNotContain("floor / floor");
        assertThat(ComparisonTable.render(results, "floor")).containsOnlyOnce("wharf / floor");
    }

    @Test
    void kinesisBlocksAddTheirDataRate() {
        Map<String, List<Result>> results = new LinkedHashMap<>();
        results.put("kinesis-put", List.of(withDataRate(result("wharf", 60_000, 2.0, 600), "6.14"),
                withDataRate(result("kinesalite", 30_000, 4.0, 900), "3.07")));

        String table = ComparisonTable.render(results, "kinesalite");

        assertThat(table).contains("wharf / kinesalite")
                .contains("data MB/s (10^6 B of record/object data): wharf 6.14 (2.00x), kinesalite 3.07");
        assertThat(ComparisonTable.render(Map.of("sqs-send", List.of(result("wharf", 1, 1, 1))), "wharf"))
                .doesNotContain("MB/s");
    }

    private static Result withDataRate(Result result, String megabytesPerSecond) {
        return new Result("kinesis-put", result.target(), Map.of(KinesisResults.DATA_RATE, megabytesPerSecond), 10,
                result.messages(), 0, null, result.primaryLatency(), result.latencies(), result.serverCpuMillis(),
                OptionalLong.empty(), OptionalDouble.empty());
    }

    @Test
    void noBaselineNoDivision() {
        assertThat(ComparisonTable.ratio(5, 0)).isEqualTo("-");
    }

    @Test
    void scenarioSpecsCarryARate() {
        ScenarioSpec spec = ScenarioSpec.parse("sqs-roundtrip@1000");

        assertThat(spec.scenario().name()).isEqualTo("sqs-roundtrip");
        assertThat(spec.ratePerSecond()).isEqualTo(1000);
        assertThat(ScenarioSpec.parse("sqs-send").ratePerSecond()).isZero();
        assertThatThrownBy(() -> ScenarioSpec.parse("sqs-roundtrip@fast")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ScenarioSpec.parse("kinesis-get")).hasMessageContaining("known: sqs-send");
    }
}
