package io.wharf.server.http;

import io.netty.buffer.ByteBuf;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayDeque;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.function.LongConsumer;

/**
 * One body being written to its spool file, off the event loop: the event loop {@link #append}s the buffers as they
 * arrive and a virtual thread writes them in order, so a slow disk never stalls other connections. Appended but
 * unwritten bytes are reported through {@code pending}, from which {@link SpoolHandler} pauses and resumes reading
 * (the back-pressure that keeps memory flat). {@link #finish} closes the file after the last write and reports the
 * outcome once; {@link #abort} drops what is queued and deletes the file.
 */
final class SpoolFile {
    private final Path path;
    private final FileChannel channel;
    private final LongConsumer pending;
    private final ReentrantLock lock = new ReentrantLock();
    private final ArrayDeque<ByteBuf> queue = new ArrayDeque<>();
    private boolean writing;
    private boolean finishing;
    private boolean aborted;
    private Consumer<IOException> onFinished;
    private long queuedBytes;
    private long position;
    private volatile IOException failure;

    /**
     * @param pending told (on the writer's thread) how many appended bytes are still waiting, after each write
     */
    SpoolFile(Path path, LongConsumer pending) throws IOException {
        this.path = path;
        this.pending = pending;
        this.channel = FileChannel.open(path, StandardOpenOption.WRITE);
    }

    Path path() {
        return path;
    }

    /** Queues {@code buffer} (this takes over its reference) and returns the bytes now waiting. */
    long append(ByteBuf buffer) {
        lock.lock();
        try {
            if (aborted || finishing) {
                buffer.release();
                return queuedBytes;
            }
            queue.add(buffer);
            queuedBytes += buffer.readableBytes();
            startWriter();
            return queuedBytes;
        } finally {
            lock.unlock();
        }
    }

    /** After the last append: closes the file once everything is written, then tells {@code done} (null = success). */
    void finish(Consumer<IOException> done) {
        lock.lock();
        try {
            if (aborted) {
                return;
            }
            finishing = true;
            onFinished = done;
            startWriter();
        } finally {
            lock.unlock();
        }
    }

    /** Drops whatever is queued, closes and deletes the file; nothing is reported. Idempotent. */
    void abort() {
        lock.lock();
        try {
            if (aborted) {
                return;
            }
            aborted = true;
            onFinished = null;
            releaseQueue();
            if (!writing) {
                closeAndDelete();
            } // else the writer sees the flag and does it
        } finally {
            lock.unlock();
        }
    }

    private void startWriter() {
        if (!writing) {
            writing = true;
            Thread.ofVirtual().name("wharf-spool").start(this::drain);
        }
    }

    private void drain() {
        while (true) {
            ByteBuf next;
            Consumer<IOException> done = null;
            lock.lock();
            try {
                if (aborted) {
                    writing = false;
                    releaseQueue();
                    closeAndDelete();
                    return;
                }
                if (failure != null) {
                    releaseQueue(); // nothing more is written after a failure; finish() reports it
                }
                next = queue.poll();
                if (next == null) {
                    writing = false;
                    if (!finishing) {
                        return; // the next append() or finish() starts another writer
                    }
                    done = onFinished;
                    onFinished = null;
                }
            } finally {
                lock.unlock();
            }
            if (next == null) {
                IOException outcome = close();
                if (done != null) {
                    done.accept(outcome);
                }
                return;
            }
            int size = next.readableBytes();
            try {
                while (next.isReadable()) {
                    position += next.readBytes(channel, position, next.readableBytes());
                }
            } catch (IOException e) {
                failure = e;
            } finally {
                next.release();
            }
            long waiting;
            lock.lock();
            try {
                queuedBytes = Math.max(0, queuedBytes - size);
                waiting = queuedBytes;
            } finally {
                lock.unlock();
            }
            pending.accept(waiting);
        }
    }

    /** The write that failed, or null: the upload can be refused before its end arrives. */
    IOException failure() {
        return failure;
    }

    private IOException close() {
        try {
            channel.close();
            return failure;
        } catch (IOException e) {
            return failure != null ? failure : e;
        }
    }

    private void releaseQueue() {
        for (ByteBuf buffer; (buffer = queue.poll()) != null; ) {
            buffer.release();
        }
        queuedBytes = 0;
    }

    private void closeAndDelete() {
        try {
            channel.close();
        } catch (IOException e) {
            // deleting it anyway
        }
        BodySpool.delete(path);
    }
}
