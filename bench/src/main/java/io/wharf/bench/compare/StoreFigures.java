package io.wharf.bench.compare;

import io.wharf.bench.measure.Result;
import io.wharf.bench.measure.Window;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What a durable Wharf's store did per message during one run's measured window ({@code compare --store-stats}): the
 * server appends its cumulative counters every 200 ms (storage's {@code StatisticsLog}, property
 * {@code wharf.storage.statistics}); each counter is interpolated linearly at the window's two edges and the
 * difference divided by the messages the run counted. Flushes and compactions come in bursts (a flush per 64 MiB
 * memtable), so short windows see few of them: measure store figures over 30 s or more.
 */
final class StoreFigures {
    /** The figures, as {@code store.*} parameters of a result, in print order. */
    static final List<String> NAMES = List.of("store.putsPerMsg", "store.deletesPerMsg", "store.userBytesPerMsg",
            "store.walBytesPerMsg", "store.flushBytesPerMsg", "store.compactionWriteBytesPerMsg",
            "store.compactionReadBytesPerMsg", "store.writeAmplification", "store.compactionCpuMsPer1k",
            "store.rocksWritesPer1k", "store.walSyncsPer1k", "store.memtableGarbageAtFlush", "store.allocatedKiBPerMsg",
            "store.gcMsPer1k");

    private StoreFigures() {
    }

    /** {@code result} with the store's figures over its window added to its parameters, or unchanged without them. */
    static Result addTo(Result result, Path log, Window.Edges edges) throws IOException {
        if (edges == null || result.messages() <= 0 || !Files.isRegularFile(log)) {
            return result;
        }
        Map<String, Double> delta = between(Files.readAllLines(log), edges.startEpochMillis(), edges.endEpochMillis());
        for (int wait = 0; delta == null && wait < 5; wait++) { // the line after the window's end may be due yet
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return result;
            }
            delta = between(Files.readAllLines(log), edges.startEpochMillis(), edges.endEpochMillis());
        }
        if (delta == null) {
            return result;
        }
        double messages = result.messages();
        Map<String, String> parameters = new LinkedHashMap<>();
        double user = delta.getOrDefault("BYTES_WRITTEN", 0.0);
        double flushed = delta.getOrDefault("FLUSH_WRITE_BYTES", 0.0);
        double compacted = delta.getOrDefault("COMPACT_WRITE_BYTES", 0.0);
        double payload = delta.getOrDefault("MEMTABLE_PAYLOAD_BYTES_AT_FLUSH", 0.0);
        put(parameters, "store.putsPerMsg", delta.get("puts") / messages, "%.2f");
        put(parameters, "store.deletesPerMsg", (delta.get("deletes") + delta.get("deleteRanges")) / messages, "%.2f");
        put(parameters, "store.userBytesPerMsg", user / messages, "%.0f");
        put(parameters, "store.walBytesPerMsg", delta.getOrDefault("WAL_FILE_BYTES", 0.0) / messages, "%.0f");
        put(parameters, "store.flushBytesPerMsg", flushed / messages, "%.0f");
        put(parameters, "store.compactionWriteBytesPerMsg", compacted / messages, "%.0f");
        put(parameters, "store.compactionReadBytesPerMsg", delta.getOrDefault("COMPACT_READ_BYTES", 0.0) / messages, "%.0f");
        put(parameters, "store.writeAmplification", user > 0 ? (flushed + compacted) / user : 0, "%.2f");
        put(parameters, "store.compactionCpuMsPer1k", delta.getOrDefault("COMPACTION_CPU_TOTAL_TIME", 0.0) / messages, "%.2f");
        put(parameters, "store.rocksWritesPer1k", 1000 * delta.getOrDefault("WRITE_DONE_BY_SELF", 0.0) / messages, "%.1f");
        put(parameters, "store.walSyncsPer1k", 1000 * delta.getOrDefault("WAL_FILE_SYNCED", 0.0) / messages, "%.1f");
        put(parameters, "store.memtableGarbageAtFlush", payload > 0
                ? delta.getOrDefault("MEMTABLE_GARBAGE_BYTES_AT_FLUSH", 0.0) / payload : 0, "%.2f");
        put(parameters, "store.allocatedKiBPerMsg", delta.getOrDefault("jvmAllocatedBytes", 0.0) / 1024 / messages, "%.1f");
        put(parameters, "store.gcMsPer1k", 1000 * delta.getOrDefault("gcMillis", 0.0) / messages, "%.2f");
        return result.withParameters(parameters);
    }

    /** One line per result that carries store figures; empty if none does. */
    static String render(List<Result> results) {
        StringBuilder text = new StringBuilder();
        for (Result result : results) {
            if (!result.parameters().containsKey(NAMES.getFirst())) {
                continue;
            }
            if (text.isEmpty()) {
                text.append("store path per message (compare --store-stats; CPU in ms per 1,000 messages):")
                        .append(System.lineSeparator());
            }
            text.append("  ").append(result.scenario()).append(" on ").append(result.target()).append(':');
            for (String name : NAMES) {
                text.append(' ').append(name.substring("store.".length())).append('=').append(result.parameters().get(name));
            }
            text.append(System.lineSeparator());
        }
        return text.toString();
    }

    private static void put(Map<String, String> parameters, String name, double value, String format) {
        parameters.put(name, String.format(Locale.ROOT, format, value));
    }

    /** Every counter's increase from {@code start} to {@code end} (epoch ms), interpolated; null without lines around them. */
    static Map<String, Double> between(List<String> lines, long start, long end) {
        List<Map<String, Double>> snapshots = new ArrayList<>();
        for (String line : lines) {
            if (line.startsWith("t=")) {
                Map<String, Double> snapshot = new LinkedHashMap<>();
                for (String pair : line.trim().split(" ")) {
                    int equals = pair.indexOf('=');
                    if (equals > 0) {
                        snapshot.put(pair.substring(0, equals), Double.parseDouble(pair.substring(equals + 1)));
                    }
                }
                snapshots.add(snapshot);
            }
        }
        Map<String, Double> atStart = at(snapshots, start);
        Map<String, Double> atEnd = at(snapshots, end);
        if (atStart == null || atEnd == null) {
            return null;
        }
        Map<String, Double> delta = new LinkedHashMap<>();
        for (Map.Entry<String, Double> counter : atEnd.entrySet()) {
            delta.put(counter.getKey(), counter.getValue() - atStart.getOrDefault(counter.getKey(), 0.0));
        }
        return delta;
    }

    private static Map<String, Double> at(List<Map<String, Double>> snapshots, long time) {
        for (int i = 1; i < snapshots.size(); i++) {
            Map<String, Double> before = snapshots.get(i - 1);
            Map<String, Double> after = snapshots.get(i);
            double from = before.get("t");
            double to = after.get("t");
            if (from <= time && time <= to) {
                double share = to > from ? (time - from) / (to - from) : 0;
                Map<String, Double> interpolated = new LinkedHashMap<>();
                for (Map.Entry<String, Double> counter : after.entrySet()) {
                    double earlier = before.getOrDefault(counter.getKey(), counter.getValue());
                    interpolated.put(counter.getKey(), earlier + share * (counter.getValue() - earlier));
                }
                return interpolated;
            }
        }
        return null;
    }
}
