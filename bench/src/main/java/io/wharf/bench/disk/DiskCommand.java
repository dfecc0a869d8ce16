package io.wharf.bench.disk;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * {@code wharf-bench disk}: the durable write's floor on this disk, back to back and after idle gaps. Prints one JSON
 * line per gap on stdout and a table on stderr, like {@code run}.
 */
@Command(name = "disk", mixinStandardHelpOptions = true,
        description = "Time a small append + fdatasync on this disk, back to back and after idle gaps: "
                + "the floor of a durable write (no server, no RocksDB), in time and in CPU per write.")
public final class DiskCommand implements Callable<Integer> {
    @Option(names = "--dir", paramLabel = "DIR", defaultValue = "${java.io.tmpdir}",
            description = "Directory on the disk to time, e.g. Wharf's --data-dir (default: ${DEFAULT-VALUE}).")
    Path directory;

    @Option(names = "--writes", paramLabel = "N", defaultValue = "2000",
            description = "Appends per gap (default: ${DEFAULT-VALUE}).")
    int writes;

    @Option(names = "--bytes", paramLabel = "BYTES", defaultValue = "1200",
            description = "Bytes per append; 1,200 is about a 1 KiB message's record in the write-ahead log "
                    + "(default: ${DEFAULT-VALUE}).")
    int bytes;

    @Option(names = "--gaps-micros", paramLabel = "MICROS", split = ",", defaultValue = "0,300,1000",
            description = "Idle gaps before each append, in microseconds; 0 is back to back "
                    + "(default: ${DEFAULT-VALUE}).")
    List<Long> gapsMicros;

    @Override
    public Integer call() {
        DiskProbe probe = new DiskProbe(directory, writes, bytes);
        System.err.printf(Locale.ROOT, "%-10s %8s %9s %9s %9s %9s %11s %12s%n", "gap", "writes", "p50 ms", "p90 ms",
                "p99 ms", "max ms", "thread CPU", "machine CPU");
        for (long gap : gapsMicros) {
            DiskProbe.Run run = probe.run(gap);
            System.out.println(json(run));
            System.out.flush();
            System.err.printf(Locale.ROOT, "%-10s %8d %9.3f %9.3f %9.3f %9.3f %8.1f us %9.1f us%n", gap + " us",
                    run.writes(), run.latency().p50Millis(), run.p90Millis(), run.latency().p99Millis(),
                    run.latency().maxMillis(), run.threadCpuMicros(), run.machineCpuMicros());
        }
        return 0;
    }

    static String json(DiskProbe.Run run) {
        return String.format(Locale.ROOT, "{\"gapMicros\":%d,\"writes\":%d,\"bytes\":%d,\"latencyMillis\":"
                        + "{\"p50\":%.3f,\"p90\":%.3f,\"p99\":%.3f,\"p99.9\":%.3f,\"max\":%.3f,\"mean\":%.3f},"
                        + "\"cpuMicrosPerWrite\":{\"thread\":%.1f,\"machine\":%s}}",
                run.gapMicros(), run.writes(), run.bytes(), run.latency().p50Millis(), run.p90Millis(),
                run.latency().p99Millis(), run.latency().p999Millis(), run.latency().maxMillis(),
                run.latency().meanMillis(), run.threadCpuMicros(), Double.isNaN(run.machineCpuMicros()) ? "null"
                        : String.format(Locale.ROOT, "%.1f", run.machineCpuMicros()));
    }
}
