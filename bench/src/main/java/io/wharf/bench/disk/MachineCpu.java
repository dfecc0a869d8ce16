package io.wharf.bench.disk;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The machine's CPU time from {@code /proc/stat}'s first line (all CPUs, in clock ticks of 1/100 s on Linux): busy is
 * everything but idle and I/O wait, i.e. user, nice, system, irq, softirq and steal.
 */
final class MachineCpu {
    private static final Path STAT = Path.of("/proc/stat");
    /** USER_HZ: 100 on every Linux the JDK runs on. */
    private static final long NANOS_PER_TICK = 10_000_000L;

    private MachineCpu() {
    }

    /** The first line's counters, or null where there is no {@code /proc/stat}. */
    static long[] read() {
        try {
            return parse(Files.readAllLines(STAT).get(0));
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** {@code cpu  user nice system idle iowait irq softirq steal ...} as numbers (the label dropped). */
    static long[] parse(String line) {
        String[] fields = line.trim().split("\\s+");
        if (!fields[0].equals("cpu") || fields.length < 9) {
            throw new IllegalArgumentException("not /proc/stat's cpu line: " + line);
        }
        long[] ticks = new long[8];
        for (int i = 0; i < ticks.length; i++) {
            ticks[i] = Long.parseLong(fields[i + 1]);
        }
        return ticks;
    }

    /** Busy nanoseconds between two readings. */
    static long busyNanos(long[] before, long[] after) {
        long busy = 0;
        for (int i : new int[] {0, 1, 2, 5, 6, 7}) { // user, nice, system, irq, softirq, steal
            busy += after[i] - before[i];
        }
        return busy * NANOS_PER_TICK;
    }
}
