package io.wharf.bench.disk;

import io.wharf.bench.measure.Percentiles;
import org.HdrHistogram.Histogram;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.locks.LockSupport;

/**
 * Appends {@code bytes} to a new file and forces its data to disk ({@link FileChannel#force force(false)}, which is
 * {@code fdatasync} on Linux, as RocksDB syncs its write-ahead log), {@code writes} times, sleeping {@code gapMicros}
 * before each append, and reports how long each append-and-sync took. The sleep is a park, as a server's threads wait
 * for their caller's next request: the machine is idle during it, which is what a lone caller's server sees.
 *
 * <p>It also reports what a write costs in CPU, per write: the probing thread's own CPU time during its appends and
 * syncs (user and kernel), and the whole machine's busy time over the run ({@code /proc/stat}: everything but idle and
 * I/O wait, so the file system's journal thread and the disk's interrupts count too; other work on the machine counts
 * as well, so run it on a quiet machine). With the gaps, the machine's figure includes the wake-ups after each park.
 */
public final class DiskProbe {
    private final Path directory;
    private final int writes;
    private final int bytes;

    public DiskProbe(Path directory, int writes, int bytes) {
        if (writes < 1) {
            throw new IllegalArgumentException("--writes must be at least 1, not " + writes);
        }
        if (bytes < 1) {
            throw new IllegalArgumentException("--bytes must be at least 1, not " + bytes);
        }
        if (!Files.isDirectory(directory)) {
            throw new IllegalArgumentException("--dir " + directory + " is not a directory");
        }
        this.directory = directory;
        this.writes = writes;
        this.bytes = bytes;
    }

    /**
     * One gap's figures; the CPU ones are means per write in microseconds ({@code machineCpuMicros} is NaN where
     * {@code /proc/stat} cannot be read).
     */
    public record Run(long gapMicros, int writes, int bytes, Percentiles latency, double p90Millis,
                      double threadCpuMicros, double machineCpuMicros) {
    }

    /** Times {@code writes} appends with {@code gapMicros} of idleness before each; the file is deleted after. */
    public Run run(long gapMicros) {
        if (gapMicros < 0) {
            throw new IllegalArgumentException("a gap cannot be negative: " + gapMicros);
        }
        Histogram micros = new Histogram(3);
        ByteBuffer record = ByteBuffer.allocate(bytes);
        Path file = null;
        java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
        long threadCpuNanos = 0;
        long[] machineBefore = MachineCpu.read();
        long[] machineAfter;
        try {
            file = Files.createTempFile(directory, "wharf-bench-disk-", ".dat");
            try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
                for (int i = 0; i < writes; i++) {
                    if (gapMicros > 0) {
                        LockSupport.parkNanos(gapMicros * 1_000);
                    }
                    record.clear();
                    long cpuStarted = threads.getCurrentThreadCpuTime();
                    long started = System.nanoTime();
                    while (record.hasRemaining()) {
                        channel.write(record);
                    }
                    channel.force(false);
                    micros.recordValue(Math.max(0, (System.nanoTime() - started) / 1_000));
                    threadCpuNanos += threads.getCurrentThreadCpuTime() - cpuStarted;
                }
            }
            machineAfter = MachineCpu.read();
        } catch (IOException e) {
            throw new UncheckedIOException("timing writes in " + directory + " failed: " + e.getMessage(), e);
        } finally {
            if (file != null) {
                try {
                    Files.deleteIfExists(file);
                } catch (IOException ignored) {
                    // a temporary file left behind in the directory asked for; nothing else to do
                }
            }
        }
        double machineMicros = machineBefore == null || machineAfter == null ? Double.NaN
                : MachineCpu.busyNanos(machineBefore, machineAfter) / 1_000.0 / writes;
        return new Run(gapMicros, writes, bytes, Percentiles.of(micros), micros.getValueAtPercentile(90) / 1000.0,
                threadCpuNanos / 1_000.0 / writes, machineMicros);
    }
}
