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

    /** One gap's figures. */
    public record Run(long gapMicros, int writes, int bytes, Percentiles latency, double p90Millis) {
    }

    /** Times {@code writes} appends with {@code gapMicros} of idleness before each; the file is deleted after. */
    public Run run(long gapMicros) {
        if (gapMicros < 0) {
            throw new IllegalArgumentException("a gap cannot be negative: " + gapMicros);
        }
        Histogram micros = new Histogram(3);
        ByteBuffer record = ByteBuffer.allocate(bytes);
        Path file = null;
        try {
            file = Files.createTempFile(directory, "wharf-bench-disk-", ".dat");
            try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
                for (int i = 0; i < writes; i++) {
                    if (gapMicros > 0) {
                        LockSupport.parkNanos(gapMicros * 1_000);
                    }
                    record.clear();
                    long started = System.nanoTime();
                    while (record.hasRemaining()) {
                        channel.write(record);
                    }
                    channel.force(false);
                    micros.recordValue(Math.max(0, (System.nanoTime() - started) / 1_000));
                }
            }
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
        return new Run(gapMicros, writes, bytes, Percentiles.of(micros), micros.getValueAtPercentile(90) / 1000.0);
    }
}
