package io.wharf.bench.disk;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DiskProbeTest {
    @TempDir
    Path directory;

    @Test
    void timesEachWriteAndLeavesNoFileBehind() throws IOException {
        DiskProbe.Run run = new DiskProbe(directory, 25, 1200).run(200);

        assertThat(run.writes()).isEqualTo(25);
        assertThat(run.latency().count()).isEqualTo(25);
        assertThat(run.gapMicros()).isEqualTo(200);
        assertThat(run.latency().p50Millis()).isLessThanOrEqualTo(run.p90Millis());
        assertThat(run.p90Millis()).isLessThanOrEqualTo(run.latency().p99Millis());
        assertThat(run.latency().p99Millis()).isLessThanOrEqualTo(run.latency().maxMillis());
        assertThat(run.latency().maxMillis()).isPositive(); // an fdatasync takes some microseconds on any disk
        assertThat(run.threadCpuMicros()).as("the system calls cost the thread CPU").isPositive();
        if (Files.isReadable(Path.of("/proc/stat"))) {
            assertThat(run.machineCpuMicros()).isNotNaN().isNotNegative();
        }
        try (var left = Files.list(directory)) {
            assertThat(left).isEmpty();
        }
    }

    @Test
    void machineCpuIsEverythingButIdleAndIoWait() {
        long[] before = MachineCpu.parse("cpu  100 5 50 1000 40 3 2 1 0 0");
        long[] after = MachineCpu.parse("cpu  110 5 60 2000 90 4 3 2 0 0");
        // user +10, system +10, irq +1, softirq +1, steal +1; idle and iowait left out: 23 ticks of 10 ms
        assertThat(MachineCpu.busyNanos(before, after)).isEqualTo(230_000_000L);
        assertThatThrownBy(() -> MachineCpu.parse("intr 1 2 3")).hasMessageContaining("cpu line");
    }

    @Test
    void refusesWhatCannotBeTimed() {
        assertThatThrownBy(() -> new DiskProbe(directory, 0, 1200)).hasMessageContaining("--writes");
        assertThatThrownBy(() -> new DiskProbe(directory, 10, 0)).hasMessageContaining("--bytes");
        assertThatThrownBy(() -> new DiskProbe(directory.resolve("absent"), 10, 1200)).hasMessageContaining("--dir");
        assertThatThrownBy(() -> new DiskProbe(directory, 10, 1200).run(-1)).hasMessageContaining("negative");
    }

    @Test
    void commandPrintsOneJsonLinePerGap() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream stdout = System.out;
        PrintStream stderr = System.err;
        int exit;
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
            exit = new CommandLine(new DiskCommand()).execute("--dir", directory.toString(), "--writes", "10",
                    "--bytes", "512", "--gaps-micros", "0,150");
        } finally {
            System.setOut(stdout);
            System.setErr(stderr);
        }

        assertThat(exit).isZero();
        List<String> lines = out.toString(StandardCharsets.UTF_8).lines().toList();
        assertThat(lines).hasSize(2);
        Map<String, Object> first = flat(lines.get(0));
        Map<String, Object> second = flat(lines.get(1));
        assertThat(first).containsEntry("gapMicros", 0L).containsEntry("writes", 10L).containsEntry("bytes", 512L);
        assertThat(second).containsEntry("gapMicros", 150L);
        assertThat(first).containsKeys("latencyMillis.p50", "latencyMillis.p90", "latencyMillis.p99",
                "latencyMillis.p99.9", "latencyMillis.max", "latencyMillis.mean");
        assertThat((Double) first.get("latencyMillis.max")).isPositive();
        assertThat((Double) first.get("cpuMicrosPerWrite.thread")).isPositive();
    }

    /** The line's numbers by dotted path; parsing it at all proves it is JSON. */
    private static Map<String, Object> flat(String line) throws IOException {
        Map<String, Object> values = new HashMap<>();
        try (JsonParser parser = new JsonFactory().createParser(line)) {
            String prefix = "";
            String name = null;
            for (JsonToken token = parser.nextToken(); token != null; token = parser.nextToken()) {
                switch (token) {
                    case FIELD_NAME -> name = parser.currentName();
                    case START_OBJECT -> prefix = name == null ? "" : prefix + name + ".";
                    case END_OBJECT -> prefix = "";
                    case VALUE_NUMBER_INT -> values.put(prefix + name, parser.getLongValue());
                    case VALUE_NUMBER_FLOAT -> values.put(prefix + name, parser.getDoubleValue());
                    default -> { }
                }
            }
        }
        return values;
    }
}
