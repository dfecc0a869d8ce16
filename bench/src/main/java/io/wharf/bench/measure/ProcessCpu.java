package io.wharf.bench.measure;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalDouble;
import java.util.OptionalLong;

/**
 * CPU time a process has used, user plus system, read from {@code /proc/<pid>/stat} (Linux only). The
 * same source for the server and for this load generator, so the two figures compare.
 */
public final class ProcessCpu {
    private static final long TICKS_PER_SECOND = clockTicksPerSecond();

    private ProcessCpu() {
    }

    /** CPU milliseconds used so far by {@code pid}, or empty when it can't be read (not Linux, gone). */
    public static OptionalLong millis(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            return OptionalLong.of(parseTicks(stat) * 1000 / TICKS_PER_SECOND);
        } catch (IOException | RuntimeException e) {
            return OptionalLong.empty();
        }
    }

    /**
     * CPU milliseconds used so far by {@code pid}'s JIT compiler threads (HotSpot's {@code C1/C2 CompilerThread}s,
     * named {@code C2 CompilerThre} in {@code /proc} after Linux's 15-character cut), or empty when they can't be
     * read; 0 for a process without them (not a HotSpot JVM). Compiling is a cost of warming up, not of each message:
     * on this machine the compiler still took a third of a server's CPU 10–30 s into a run.
     */
    public static OptionalLong compilerMillis(long pid) {
        Path tasks = Path.of("/proc", Long.toString(pid), "task");
        long ticks = 0;
        try (java.util.stream.Stream<Path> threads = Files.list(tasks)) {
            for (Path thread : (Iterable<Path>) threads::iterator) {
                try {
                    String stat = Files.readString(thread.resolve("stat"));
                    String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
                    if (name.startsWith("C1 CompilerThre") || name.startsWith("C2 CompilerThre")) {
                        ticks += parseTicks(stat);
                    }
                } catch (IOException | RuntimeException e) {
                    // the thread ended meanwhile: what it used is in the process's total, not counted here
                }
            }
            return OptionalLong.of(ticks * 1000 / TICKS_PER_SECOND);
        } catch (IOException | RuntimeException e) {
            return OptionalLong.empty();
        }
    }

    /** The machine's 1-minute load average from {@code /proc/loadavg}, or empty when it can't be read. */
    public static OptionalDouble loadAverage() {
        try {
            return OptionalDouble.of(Double.parseDouble(Files.readString(Path.of("/proc/loadavg")).split(" ")[0]));
        } catch (IOException | RuntimeException e) {
            return OptionalDouble.empty();
        }
    }

    /** This process's CPU milliseconds so far. */
    public static OptionalLong ownMillis() {
        return millis(ProcessHandle.current().pid());
    }

    /**
     * utime + stime in clock ticks. The command name (field 2) is in parentheses and may itself hold
     * spaces or parentheses, so fields are counted from the last ')': utime and stime are fields 14 and 15.
     */
    static long parseTicks(String stat) {
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).trim().split(" ");
        // fields[0] is field 3 (state), so field n is fields[n - 3].
        return Long.parseLong(fields[14 - 3]) + Long.parseLong(fields[15 - 3]);
    }

    /** {@code getconf CLK_TCK}; 100 (what Linux uses almost everywhere) when it can't be asked. */
    private static long clockTicksPerSecond() {
        try {
            Process getconf = new ProcessBuilder("getconf", "CLK_TCK").redirectErrorStream(true).start();
            try (InputStream out = getconf.getInputStream()) {
                String text = new String(out.readAllBytes(), StandardCharsets.US_ASCII).trim();
                getconf.waitFor();
                long ticks = Long.parseLong(text);
                return ticks > 0 ? ticks : 100;
            }
        } catch (IOException | NumberFormatException e) {
            return 100;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 100;
        }
    }
}
