package io.wharf.bench.floor;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.zip.CRC32C;

/**
 * What the floor writes before it answers a write: nothing ({@link #NONE}, the plain floor), or records appended to a
 * log on disk and group-committed, one {@code fdatasync} per group ({@link #open}, the {@code floor-durable} target).
 *
 * <p>The log is the least a durable server must do: each record is appended with its length and CRC32C (what a
 * reader needs to tell a torn tail from data), a committer thread takes every record that queued while it wrote the
 * last group and never waits for more (as Wharf's group commit does), writes them with one gathering write and
 * forces them with {@link FileChannel#force force(false)} ({@code fdatasync} on Linux, as RocksDB syncs its
 * write-ahead log). Segments of {@value #SEGMENT_BYTES} bytes: a full one is closed and deleted, as a log whose
 * messages were consumed is reclaimed; nothing is ever read back.
 */
interface Journal extends AutoCloseable {
    /** No log: {@code then} at once, on the caller's thread. */
    Journal NONE = new Journal() {
        @Override
        public void append(byte[] record, Consumer<IOException> then) {
            then.accept(null);
        }

        @Override
        public void close() {
        }
    };

    long SEGMENT_BYTES = 64L << 20;

    /**
     * Appends {@code record} and calls {@code then} once it is on disk (with null), or once the write failed (with the
     * failure); on the committer's thread, for a durable journal.
     */
    void append(byte[] record, Consumer<IOException> then);

    @Override
    void close();

    /** One record of {@code parts}, each one's length (4 bytes, big-endian) before its bytes. */
    static byte[] lengthPrefixed(List<byte[]> parts) {
        int size = 0;
        for (byte[] part : parts) {
            size += 4 + part.length;
        }
        ByteBuffer record = ByteBuffer.allocate(size);
        for (byte[] part : parts) {
            record.putInt(part.length).put(part);
        }
        return record.array();
    }

    /** A durable journal in {@code directory} (created if missing); its committer thread starts here. */
    static Journal open(Path directory) throws IOException {
        return open(directory, SEGMENT_BYTES);
    }

    /** As {@link #open(Path)}, rolling to a new segment once one holds {@code segmentBytes} or more. */
    static Journal open(Path directory, long segmentBytes) throws IOException {
        Files.createDirectories(directory);
        return new FileJournal(directory, segmentBytes);
    }

    /** The durable journal. */
    final class FileJournal implements Journal {
        private record Pending(byte[] record, Consumer<IOException> then) {
        }

        private static final Pending STOP = new Pending(new byte[0], failure -> { });

        private final Path directory;
        private final long segmentLimit;
        private final LinkedBlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
        private final Thread committer;
        private final CRC32C crc = new CRC32C();
        private FileChannel segment;
        private Path segmentPath;
        private long segmentNumber;
        private long segmentBytes;
        private IOException failed;

        private FileJournal(Path directory, long segmentLimit) throws IOException {
            this.directory = directory;
            this.segmentLimit = segmentLimit;
            roll();
            this.committer = Thread.ofPlatform().name("floor-journal").daemon().start(this::commitLoop);
        }

        @Override
        public void append(byte[] record, Consumer<IOException> then) {
            queue.add(new Pending(record, then));
        }

        private void commitLoop() {
            List<Pending> group = new ArrayList<>();
            while (true) {
                try {
                    Pending first = queue.poll(1, TimeUnit.SECONDS);
                    if (first == null) {
                        continue;
                    }
                    group.add(first);
                } catch (InterruptedException e) {
                    return;
                }
                queue.drainTo(group);
                boolean stop = group.remove(STOP);
                IOException failure = failed;
                if (failure == null && !group.isEmpty()) {
                    try {
                        write(group);
                    } catch (IOException e) {
                        failure = failed = e;
                    }
                }
                for (Pending pending : group) {
                    pending.then().accept(failure);
                }
                group.clear();
                if (stop) {
                    return;
                }
            }
        }

        private void write(List<Pending> group) throws IOException {
            ByteBuffer[] buffers = new ByteBuffer[group.size() * 2];
            long total = 0;
            for (int i = 0; i < group.size(); i++) {
                byte[] record = group.get(i).record();
                crc.reset();
                crc.update(record);
                buffers[2 * i] = ByteBuffer.allocate(8).putInt(record.length).putInt((int) crc.getValue()).flip();
                buffers[2 * i + 1] = ByteBuffer.wrap(record);
                total += 8 + record.length;
            }
            for (long left = total; left > 0; ) {
                left -= segment.write(buffers);
            }
            segment.force(false);
            segmentBytes += total;
            if (segmentBytes >= segmentLimit) {
                roll();
            }
        }

        /** Closes and deletes the full segment (if any) and opens the next one. */
        private void roll() throws IOException {
            if (segment != null) {
                segment.close();
                Files.deleteIfExists(segmentPath);
            }
            segmentPath = directory.resolve(String.format("%020d.log", segmentNumber++));
            segment = FileChannel.open(segmentPath, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            segmentBytes = 0;
        }

        @Override
        public void close() {
            queue.add(STOP);
            try {
                committer.join(TimeUnit.SECONDS.toMillis(10));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            try {
                segment.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
