package io.wharf.bench.measure;

import java.util.Locale;
import java.util.Map;

/** A {@link Result} for people: a few aligned lines. */
public final class ResultSummary {
    private ResultSummary() {
    }

    public static String text(Result result) {
        StringBuilder text = new StringBuilder(512);
        text.append(String.format(Locale.ROOT, "%s against %s %s%n", result.scenario(), result.target(),
                result.parameters()));
        text.append(String.format(Locale.ROOT, "  %,d messages in %.1f s = %,.0f msgs/s, %d errors%n",
                result.messages(), result.measuredSeconds(), result.messagesPerSecond(), result.errors()));
        if (result.firstError() != null) {
            text.append("  first error: ").append(result.firstError()).append(System.lineSeparator());
        }
        for (Map.Entry<String, Percentiles> latency : result.latencies().entrySet()) {
            Percentiles p = latency.getValue();
            text.append(String.format(Locale.ROOT,
                    "  %-16s p50 %8.3f ms  p99 %8.3f ms  p99.9 %8.3f ms  max %8.3f ms  (%,d samples)%n",
                    latency.getKey(), p.p50Millis(), p.p99Millis(), p.p999Millis(), p.maxMillis(), p.count()));
        }
        text.append("  CPU per 1,000 messages: server ")
                .append(result.serverCpuMillisPerThousand().isPresent()
                        ? String.format(Locale.ROOT, "%.1f ms", result.serverCpuMillisPerThousand().getAsDouble())
                        : "n/a (no --server-pid)")
                .append(", client ")
                .append(result.clientCpuMillisPerThousand().isPresent()
                        ? String.format(Locale.ROOT, "%.1f ms", result.clientCpuMillisPerThousand().getAsDouble())
                        : "n/a")
                .append(result.loadAverage().isPresent()
                        ? String.format(Locale.ROOT, "; machine load average %.2f", result.loadAverage().getAsDouble()) : "")
                .append(System.lineSeparator());
        return text.toString();
    }
}
