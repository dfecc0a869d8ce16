package io.wharf.bench.measure;

import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.OptionalLong;

import static org.assertj.core.api.Assertions.assertThat;

class ResultJsonTest {

    private static Result result(OptionalLong serverCpuMillis) {
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put("callers", "8");
        parameters.put("rate", "full");
        Map<String, Percentiles> latencies = new LinkedHashMap<>();
        latencies.put("send-batch", new Percentiles(400, 1.5, 4.25, 9.0, 12.0, 1.75));
        return new Result("sqs-send", "wharf", parameters, 2.0, 4000, 1, "Boom: \"quoted\"\nline",
                "send-batch", latencies, serverCpuMillis, OptionalLong.of(800), OptionalDouble.of(1.5));
    }

    @Test
    void oneLineWithFixedKeysAndDerivedFigures() {
        String json = ResultJson.line(result(OptionalLong.of(500)));

        assertThat(json).doesNotContain("\n").startsWith("{\"scenario\":\"sqs-send\",\"target\":\"wharf\",")
                .contains("\"parameters\":{\"callers\":\"8\",\"rate\":\"full\"}")
                .contains("\"messages\":4000,\"messagesPerSecond\":2000,")
                .contains("\"firstError\":\"Boom: \\\"quoted\\\"\\nline\"")
                .contains("\"send-batch\":{\"count\":400,\"p50\":1.500,\"p99\":4.250,\"p99.9\":9,\"max\":12,\"mean\":1.750}")
                .contains("\"serverCpuMillis\":500,\"serverCpuMillisPer1000Messages\":125,")
                .endsWith("\"clientCpuMillis\":800,\"clientCpuMillisPer1000Messages\":200,\"loadAverage\":1.500}");
    }

    @Test
    void unknownServerCpuIsNull() {
        assertThat(ResultJson.line(result(OptionalLong.empty())))
                .contains("\"serverCpuMillis\":null,\"serverCpuMillisPer1000Messages\":null,");
    }

    @Test
    void numbersNeverBreakJson() {
        assertThat(ResultJson.number(Double.NaN)).isEqualTo("null");
        assertThat(ResultJson.number(Double.POSITIVE_INFINITY)).isEqualTo("null");
        assertThat(ResultJson.number(0.1234)).isEqualTo("0.123");
        assertThat(ResultJson.quote("\u0001")).isEqualTo("\"\\u0001\"");
    }

    @Test
    void summaryNamesEveryLatencyAndTheCpu() {
        String text = ResultSummary.text(result(OptionalLong.of(500)));

        assertThat(text).contains("4,000 messages in 2.0 s = 2,000 msgs/s, 1 errors")
                .contains("send-batch").contains("p99    4.250 ms")
                .contains("server 125.0 ms, client 200.0 ms; machine load average 1.50");
    }
}
