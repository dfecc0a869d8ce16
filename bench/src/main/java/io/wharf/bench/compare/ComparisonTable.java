package io.wharf.bench.compare;

import io.wharf.bench.kinesis.KinesisResults;
import io.wharf.bench.measure.Percentiles;
import io.wharf.bench.measure.Result;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * The compare's answer, one block per scenario: each target's figures, then each target divided by
 * the baseline. Every ratio is target / baseline, so above 1 is better for msgs/s and below 1 is better
 * for latencies and CPU. Kinesis scenarios add a line of data MB/s. The load column is the machine's
 * 1-minute load average as the run ended: above the core count, something else was competing for the CPU. Where the
 * floor ran too, every other target gets a line divided by the floor's figures as well: how close it comes to "no
 * server work at all" (client CPU per message included: on a shared machine the client's CPU is the floor's ceiling).
 */
final class ComparisonTable {
    private static final String HEADER = String.format(Locale.ROOT, "  %-34s %10s %9s %9s %9s %12s %12s %12s %7s %6s",
            "", "msgs/s", "p50 ms", "p99 ms", "p99.9 ms", "srv CPU/1k", "w/o JIT", "cli CPU/1k", "errors", "load");

    /** The label of the floor target's results. */
    static final String FLOOR = "floor";

    private ComparisonTable() {
    }

    /** @param resultsByScenario per scenario label, one result per target (in target order) */
    static String render(Map<String, List<Result>> resultsByScenario, String baseline) {
        StringBuilder table = new StringBuilder();
        for (Map.Entry<String, List<Result>> scenario : resultsByScenario.entrySet()) {
            List<Result> results = scenario.getValue();
            String latencyName = results.isEmpty() ? "" : results.getFirst().primaryLatency();
            table.append(scenario.getKey()).append("  (latency: ").append(latencyName).append(", CPU in ms per 1,000 messages)")
                    .append(System.lineSeparator()).append(HEADER).append(System.lineSeparator());
            for (Result result : results) {
                Percentiles p = result.primary();
                table.append(String.format(Locale.ROOT, "  %-34s %,10.0f %9.3f %9.3f %9.3f %12s %12s %12s %7d %6s%n",
                        result.target(), result.messagesPerSecond(), p.p50Millis(), p.p99Millis(), p.p999Millis(),
                        figure(result.serverCpuMillisPerThousand()), figure(result.serverCpuWithoutJitPerThousand()),
                        figure(result.clientCpuMillisPerThousand()),
                        result.errors(), figure(result.loadAverage())));
            }
            Result base = results.stream().filter(r -> r.target().equals(baseline)).findFirst().orElse(null);
            if (base != null) {
                for (Result result : results) {
                    if (result != base) {
                        table.append(ratioLine(result, base));
                    }
                }
            }
            Result floor = results.stream().filter(r -> r.target().equals(FLOOR)).findFirst().orElse(null);
            if (floor != null && floor != base) {
                for (Result result : results) {
                    if (result != floor) {
                        table.append(ratioLine(result, floor));
                    }
                }
            }
            table.append(dataRateLine(results, base));
            table.append(System.lineSeparator());
        }
        return table.toString();
    }

    private static String ratioLine(Result result, Result base) {
        Percentiles p = result.primary();
        Percentiles b = base.primary();
        return String.format(Locale.ROOT, "  %-34s %10s %9s %9s %9s %12s %12s %12s%n",
                result.target() + " / " + base.target(),
                ratio(result.messagesPerSecond(), base.messagesPerSecond()),
                ratio(p.p50Millis(), b.p50Millis()), ratio(p.p99Millis(), b.p99Millis()),
                ratio(p.p999Millis(), b.p999Millis()),
                ratio(result.serverCpuMillisPerThousand(), base.serverCpuMillisPerThousand()),
                ratio(result.serverCpuWithoutJitPerThousand(), base.serverCpuWithoutJitPerThousand()),
                ratio(result.clientCpuMillisPerThousand(), base.clientCpuMillisPerThousand()));
    }

    /**
     * For scenarios that move data (Kinesis, S3, Firehose): each target's MB/s of record (object) data and its ratio to the
     * baseline, on one line; empty when the results don't carry the figure.
     */
    static String dataRateLine(List<Result> results, Result base) {
        if (results.isEmpty() || !results.stream().allMatch(r -> r.parameters().containsKey(KinesisResults.DATA_RATE))) {
            return "";
        }
        StringBuilder line = new StringBuilder("  data MB/s (10^6 B of record/object data):");
        for (Result result : results) {
            line.append(' ').append(result.target()).append(' ').append(result.parameters().get(KinesisResults.DATA_RATE));
            if (base != null && result != base) {
                line.append(" (").append(ratio(Double.parseDouble(result.parameters().get(KinesisResults.DATA_RATE)),
                        Double.parseDouble(base.parameters().get(KinesisResults.DATA_RATE)))).append(')');
            }
            line.append(result == results.getLast() ? "" : ",");
        }
        return line.append(System.lineSeparator()).toString();
    }

    static String ratio(double value, double base) {
        return base > 0 ? String.format(Locale.ROOT, "%.2fx", value / base) : "-";
    }

    private static String ratio(OptionalDouble value, OptionalDouble base) {
        return value.isPresent() && base.isPresent() ? ratio(value.getAsDouble(), base.getAsDouble()) : "-";
    }

    private static String figure(OptionalDouble value) {
        return value.isPresent() ? String.format(Locale.ROOT, "%.1f", value.getAsDouble()) : "-";
    }
}
