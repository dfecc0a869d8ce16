package io.wharf.server.audit;

import io.wharf.protocol.auth.AuditEvent;
import io.wharf.protocol.auth.AuditSink;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Writes audit records, one JSON line each, on its own thread, so a request only formats its line and queues it.
 * A file is rotated when it passes {@code maxBytes}: {@code audit.log} becomes {@code audit.log.1}, the older ones
 * shift up, and the oldest beyond {@code keep} is removed. Files are created readable by their owner only. When
 * the writer falls behind by {@value #QUEUE_CAPACITY} lines, a request waits up to 100 ms for room and the record
 * is then dropped and counted (the count is logged), rather than stall the server.
 */
public final class AuditLog implements AuditSink, AutoCloseable {
    static final int QUEUE_CAPACITY = 65_536;
    public static final long DEFAULT_MAX_BYTES = 64L * 1024 * 1024;
    public static final int DEFAULT_KEEP = 5;
    private static final Logger LOG = LoggerFactory.getLogger(AuditLog.class);
    private static final String END = "\u0000end";

    private final Path file;
    private final long maxBytes;
    private final int keep;
    private final BlockingQueue<String> lines = new ArrayBlockingQueue<>(QUEUE_CAPACITY);
    private final AtomicLong dropped = new AtomicLong();
    private final Thread writer;
    private OutputStream out;
    private long size;

    private AuditLog(Path file, long maxBytes, int keep) {
        this.file = file;
        this.maxBytes = maxBytes;
        this.keep = keep;
        this.writer = Thread.ofPlatform().name("wharf-audit").daemon(true).unstarted(this::drain);
    }

    /** An audit log to {@code target}: {@code stdout}, or a file (its directory is created). */
    public static AuditLog open(String target, long maxBytes, int keep) {
        AuditLog log = new AuditLog(target.equals("stdout") ? null : Path.of(target).toAbsolutePath(), maxBytes, keep);
        try {
            log.openOutput();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the audit log " + target + ": " + e.getMessage(), e);
        }
        log.writer.start();
        return log;
    }

    /** Where records go: the file, or null for stdout. */
    public Path file() {
        return file;
    }

    @Override
    public void record(AuditEvent event) {
        String line = AuditRecords.line(event);
        try {
            if (!lines.offer(line, 100, TimeUnit.MILLISECONDS)) {
                dropped.incrementAndGet();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            dropped.incrementAndGet();
        }
    }

    private void drain() {
        List<String> batch = new ArrayList<>();
        long reportedDrops = 0;
        try {
            while (true) {
                batch.add(lines.take());
                lines.drainTo(batch, 1024);
                boolean end = false;
                for (String line : batch) {
                    if (line == END) {
                        end = true;
                        break;
                    }
                    write(line);
                }
                out.flush();
                batch.clear();
                long drops = dropped.get();
                if (drops != reportedDrops) {
                    LOG.warn("the audit log fell behind: {} record(s) dropped so far", drops);
                    reportedDrops = drops;
                }
                if (end) {
                    return;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            LOG.error("the audit log cannot be written any more ({}); records are dropped from here on", e.toString());
        }
    }

    private void write(String line) throws IOException {
        byte[] bytes = (line + "\n").getBytes(StandardCharsets.UTF_8);
        if (file != null && size > 0 && size + bytes.length > maxBytes) {
            rotate();
        }
        out.write(bytes);
        size += bytes.length;
    }

    private void rotate() throws IOException {
        out.close();
        Files.deleteIfExists(numbered(keep));
        for (int i = keep - 1; i >= 1; i--) {
            if (Files.exists(numbered(i))) {
                Files.move(numbered(i), numbered(i + 1), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        if (keep >= 1) {
            Files.move(file, numbered(1), StandardCopyOption.REPLACE_EXISTING);
        } else {
            Files.delete(file);
        }
        openOutput();
    }

    private Path numbered(int i) {
        return file.resolveSibling(file.getFileName() + "." + i);
    }

    private void openOutput() throws IOException {
        if (file == null) {
            out = new java.io.FileOutputStream(java.io.FileDescriptor.out) {
                @Override
                public void close() {
                    // stdout stays open
                }
            };
            return;
        }
        if (file.getParent() != null) {
            Files.createDirectories(file.getParent());
        }
        if (!Files.exists(file)) {
            try {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } catch (UnsupportedOperationException e) {
                Files.createFile(file);
            }
        }
        out = new java.io.BufferedOutputStream(Files.newOutputStream(file, StandardOpenOption.APPEND), 64 * 1024);
        size = Files.size(file);
    }

    /** Writes what is queued, then closes. */
    @Override
    public void close() {
        try {
            lines.put(END);
            writer.join(5_000);
            out.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            LOG.warn("closing the audit log failed: {}", e.toString());
        }
    }
}
