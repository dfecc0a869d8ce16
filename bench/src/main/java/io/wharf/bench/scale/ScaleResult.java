package io.wharf.bench.scale;

import io.wharf.bench.measure.Percentiles;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;

/**
 * What one scale case measured: the work (named sizes), the heap used after a full GC before the work
 * ({@code baselineHeapBytes}) and with it in place ({@code heapBytes}), the items that growth is divided
 * by, the latencies the case cares about, the restart time (backlog only), and figures of its own
 * (e.g. heap per queue, heap after restart).
 */
public record ScaleResult(String caseName, Map<String, Long> work, String item, long items, long baselineHeapBytes,
                          long heapBytes, Map<String, Percentiles> latencies, OptionalLong restartMillis,
                          Map<String, String> extra, long errors) {

    /** Bytes of heap each item added (the growth over the baseline, divided by the items); 0 without items. */
    public long heapPerItemBytes() {
        return items == 0 ? 0 : Math.max(0, heapBytes - baselineHeapBytes) / items;
    }

    /** The growth over the baseline divided by {@code count}: for a second kind of item measured in the same run. */
    static long perItem(long before, long after, long count) {
        return count == 0 ? 0 : Math.max(0, after - before) / count;
    }

    public String toJson() {
        StringBuilder json = new StringBuilder("{\"case\":").append(quote(caseName)).append(",\"work\":{");
        String separator = "";
        for (Map.Entry<String, Long> size : work.entrySet()) {
            json.append(separator).append(quote(size.getKey())).append(':').append(size.getValue());
            separator = ",";
        }
        json.append("},\"item\":").append(quote(item)).append(",\"items\":").append(items)
                .append(",\"baselineHeapBytes\":").append(baselineHeapBytes)
                .append(",\"heapBytes\":").append(heapBytes)
                .append(",\"heapPerItemBytes\":").append(heapPerItemBytes())
                .append(",\"heapMeasuredBy\":\"jcmd GC.run + GC.heap_info (used after full GC)\"")
                .append(",\"latencies\":{");
        separator = "";
        for (Map.Entry<String, Percentiles> latency : latencies.entrySet()) {
            Percentiles p = latency.getValue();
            json.append(separator).append(quote(latency.getKey())).append(String.format(Locale.ROOT,
                    ":{\"count\":%d,\"p50Millis\":%.3f,\"p99Millis\":%.3f,\"maxMillis\":%.3f}",
                    p.count(), p.p50Millis(), p.p99Millis(), p.maxMillis()));
            separator = ",";
        }
        json.append('}');
        if (restartMillis.isPresent()) {
            json.append(",\"restartMillis\":").append(restartMillis.getAsLong());
        }
        json.append(",\"extra\":{");
        separator = "";
        for (Map.Entry<String, String> e : extra.entrySet()) {
            json.append(separator).append(quote(e.getKey())).append(':').append(quote(e.getValue()));
            separator = ",";
        }
        return json.append("},\"errors\":").append(errors).append('}').toString();
    }

    /** A short table: one line per figure. */
    public String toTable() {
        StringBuilder table = new StringBuilder();
        Map<String, String> rows = new LinkedHashMap<>();
        rows.put("case", caseName);
        rows.put("work", work.toString());
        rows.put("heap baseline", mib(baselineHeapBytes));
        rows.put("heap with work", mib(heapBytes));
        rows.put("heap per " + item, heapPerItemBytes() + " B");
        latencies.forEach((name, p) -> rows.put(name + " latency", String.format(Locale.ROOT,
                "p50 %.2f ms, p99 %.2f ms, max %.2f ms (%d samples)", p.p50Millis(), p.p99Millis(), p.maxMillis(), p.count())));
        restartMillis.ifPresent(millis -> rows.put("restart", millis + " ms"));
        rows.putAll(extra);
        rows.put("errors", Long.toString(errors));
        rows.forEach((name, value) -> table.append(String.format(Locale.ROOT, "%-28s %s%n", name, value)));
        return table.toString();
    }

    static String mib(long bytes) {
        return String.format(Locale.ROOT, "%.1f MiB", bytes / 1048576.0);
    }

    private static String quote(String s) {
        StringBuilder quoted = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> quoted.append("\\\"");
                case '\\' -> quoted.append("\\\\");
                case '\n' -> quoted.append("\\n");
                default -> {
                    if (c < 0x20) {
                        quoted.append(String.format("\\u%04x", (int) c));
                    } else {
                        quoted.append(c);
                    }
                }
            }
        }
        return quoted.append('"').toString();
    }
}
