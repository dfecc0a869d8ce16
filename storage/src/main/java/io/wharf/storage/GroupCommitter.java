package io.wharf.storage;

import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.WriteOptions;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Group commit: one thread writes, everyone waits for its fsync.
 *
 * <p>Callers hand in their batch and get a future. The committer thread takes whatever has queued up while
 * the previous fsync ran — up to {@link #MAX_GROUP} batches — appends them in queue order into one RocksDB
 * batch, writes it with {@code sync=true}, and completes all of them. Under load the fsync cost is shared by
 * the whole group; alone, a caller pays one fsync as it would anyway.
 *
 * <p>No lingering: a group is what queued while the previous one was written, and the committer never waits for
 * more. Waiting 150 µs for submitters still on their way (from 5 to 6 December) made fewer, larger groups, but their
 * waits cost more than the fsyncs it saved: without it sqs-roundtrip ran 13–14 % faster and sqs-send 8–10 %, at
 * the same or less CPU per message (docs/benchmarks.md, "The group commit's linger, removed").
 *
 * <p>Order: one FIFO queue, one thread, groups written one after the other, each group one atomic write —
 * so batches become durable in submission order ({@link Store}'s contract). Empty batches are barriers:
 * they complete once everything queued before them is written, and a group of only barriers writes nothing.
 *
 * <p>Fail-stop: a failed write fails every caller of its group (none of their changes were applied, a
 * RocksDB batch being atomic) and leaves the committer failed: every batch queued after it fails too,
 * unwritten, since writing it would make a later batch durable while an earlier one is not.
 */
final class GroupCommitter implements AutoCloseable {
    static final int MAX_GROUP = 1024;
    /** A group write at least this long counts as slow ({@link StoreStats#slowGroups()}). */
    static final long SLOW_NANOS = 10_000_000;

    /** Copies a Wharf batch into a native one; runs on the committer thread. */
    interface Encoder {
        void encode(WriteBatch batch, org.rocksdb.WriteBatch into) throws RocksDBException;
    }

    /** A submitted batch; {@code queuedNanos} is when it was queued, for the committer's lateness figure. */
    private record Pending(WriteBatch batch, CompletableFuture<Void> done, long queuedNanos) {
    }

    private static final Pending STOP = new Pending(new WriteBatch(), new CompletableFuture<>(), 0);

    private final Encoder encoder;
    private final java.util.function.Consumer<StorageException> onFailure; // told once, when the committer stops
    private final RocksDB db;
    private final WriteOptions syncWrite;
    private final LinkedBlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
    private final Thread thread;
    private final AtomicLong groupsWritten = new AtomicLong();
    private final AtomicLong batchesWritten = new AtomicLong();
    private final AtomicLong bytesWritten = new AtomicLong();
    private final AtomicLong writeNanos = new AtomicLong();
    private final AtomicLong slowGroups = new AtomicLong();
    private final AtomicLong maxWriteNanos = new AtomicLong();
    // the slowest write and the longest a group's first batch waited, since the last look (a measuring aid's period)
    private final AtomicLong periodMaxWriteNanos = new AtomicLong();
    private final AtomicLong periodMaxWaitNanos = new AtomicLong();
    private boolean closed; // guarded by queue's monitor, so no batch is queued behind STOP and never answered
    private volatile StorageException failure;
    private volatile boolean failNextWrite;

    GroupCommitter(RocksDB db, WriteOptions syncWrite, Encoder encoder,
                   java.util.function.Consumer<StorageException> onFailure) {
        this.encoder = encoder;
        this.onFailure = onFailure;
        this.db = db;
        this.syncWrite = syncWrite;
        this.thread = Thread.ofPlatform().name("wharf-group-commit").daemon(true).start(this::run);
    }

    /** Queues {@code batch}; the future completes once it is written and fsync'd, or fails. */
    CompletableFuture<Void> submit(WriteBatch batch) {
        Pending pending = new Pending(batch, new CompletableFuture<>(), System.nanoTime());
        synchronized (queue) {
            if (closed) {
                throw new StorageException("store is closed");
            }
            queue.add(pending);
        }
        return pending.done();
    }

    /** The failure that stopped the committer, or null while it works. */
    StorageException failure() {
        return failure;
    }

    /** Test hook: the next group write fails as a failed fsync would. */
    void failNextWrite() {
        failNextWrite = true;
    }

    /** Group writes so far (one fsync each), for tests that check grouping happens. */
    long groupsWritten() {
        return groupsWritten.get();
    }

    /** What the committer measured so far (metrics). */
    StoreStats stats() {
        return new StoreStats(groupsWritten.get(), batchesWritten.get(), bytesWritten.get(), writeNanos.get(),
                slowGroups.get(), maxWriteNanos.get());
    }

    /**
     * The slowest group write and the longest a group's first batch waited in the queue before its write began,
     * both since the last call, which starts a new period ({@link StatisticsLog}): a stall shows as one or the other,
     * or as neither when it happened outside the store.
     */
    long[] takePeriodMaxima() {
        return new long[] {periodMaxWriteNanos.getAndSet(0), periodMaxWaitNanos.getAndSet(0)};
    }

    /** Non-empty batches written so far. */
    long batchesWritten() {
        return batchesWritten.get();
    }

    private void run() {
        List<Pending> group = new ArrayList<>();
        while (true) {
            try {
                group.add(queue.take());
            } catch (InterruptedException e) {
                return;
            }
            queue.drainTo(group, MAX_GROUP - 1);
            boolean stop = group.remove(STOP);
            if (!group.isEmpty()) {
                write(group);
            }
            group.clear();
            if (stop) {
                drainRemaining();
                return;
            }
        }
    }

    private void write(List<Pending> group) {
        StorageException failed = failure;
        if (failed != null) {
            group.forEach(p -> p.done().completeExceptionally(failed));
            return;
        }
        int written = 0;
        try (org.rocksdb.WriteBatch combined = new org.rocksdb.WriteBatch()) {
            for (Pending pending : group) {
                if (!pending.batch().isEmpty()) {
                    encoder.encode(pending.batch(), combined);
                    written++;
                }
            }
            if (written > 0) {
                if (failNextWrite) {
                    failNextWrite = false;
                    throw new RocksDBException("injected fsync failure");
                }
                long started = System.nanoTime(); // a duration, not a time of day: no Clock needed
                periodMaxWaitNanos.accumulateAndGet(started - group.get(0).queuedNanos(), Math::max);
                db.write(syncWrite, combined);
                long took = System.nanoTime() - started;
                writeNanos.addAndGet(took);
                maxWriteNanos.accumulateAndGet(took, Math::max);
                periodMaxWriteNanos.accumulateAndGet(took, Math::max);
                if (took >= SLOW_NANOS) {
                    slowGroups.incrementAndGet();
                }
                bytesWritten.addAndGet(combined.getDataSize());
                groupsWritten.incrementAndGet();
                batchesWritten.addAndGet(written);
            }
            group.forEach(p -> p.done().complete(null));
        } catch (RocksDBException | RuntimeException e) {
            StorageException stopped = new StorageException("store failed: group commit failed: " + e.getMessage(), e);
            failure = stopped;
            onFailure.accept(stopped);
            group.forEach(p -> p.done().completeExceptionally(stopped));
        }
    }

    private void drainRemaining() {
        List<Pending> rest = new ArrayList<>();
        queue.drainTo(rest);
        rest.remove(STOP);
        if (!rest.isEmpty()) {
            write(rest);
        }
    }

    @Override
    public void close() {
        synchronized (queue) {
            if (closed) {
                return;
            }
            closed = true;
            queue.add(STOP);
        }
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
