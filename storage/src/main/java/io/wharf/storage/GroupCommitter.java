package io.wharf.storage;

import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.WriteOptions;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * Group commit: one thread writes, everyone waits for its fsync.
 *
 * <p>Callers hand in their (already built) RocksDB batch and block. The committer thread takes whatever
 * has queued up while the previous fsync ran — up to {@link #MAX_GROUP} batches — appends them into one
 * batch, writes it with {@code sync=true}, and releases all of them. Under load the fsync cost is shared
 * by the whole group; alone, a caller pays one fsync as it would anyway. A failed write fails every
 * caller of the group, and since a RocksDB write batch is atomic none of their changes were applied.
 */
final class GroupCommitter implements AutoCloseable {
    static final int MAX_GROUP = 1024;

    /** Copies a Wharf batch into a native one; runs on the committer thread. */
    interface Encoder {
        void encode(WriteBatch batch, org.rocksdb.WriteBatch into) throws RocksDBException;
    }

    private record Pending(WriteBatch batch, CompletableFuture<Void> done) {
    }

    private static final Pending STOP = new Pending(new WriteBatch(), new CompletableFuture<>());

    private final Encoder encoder;
    private final RocksDB db;
    private final WriteOptions syncWrite;
    private final LinkedBlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
    private final Thread thread;

    GroupCommitter(RocksDB db, WriteOptions syncWrite, Encoder encoder) {
        this.encoder = encoder;
        this.db = db;
        this.syncWrite = syncWrite;
        this.thread = Thread.ofPlatform().name("wharf-group-commit").daemon(true).start(this::run);
    }

    /** Blocks until {@code batch} is written and fsync'd, or throws {@link StorageException}. */
    void commit(WriteBatch batch) {
        Pending pending = new Pending(batch, new CompletableFuture<>());
        queue.add(pending);
        try {
            pending.done().get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StorageException("interrupted while waiting for the write to be durable", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof StorageException storage) {
                throw storage;
            }
            throw new StorageException("write failed: " + cause.getMessage(), cause);
        }
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
        try (org.rocksdb.WriteBatch combined = new org.rocksdb.WriteBatch()) {
            for (Pending pending : group) {
                encoder.encode(pending.batch(), combined);
            }
            db.write(syncWrite, combined);
            group.forEach(p -> p.done().complete(null));
        } catch (RocksDBException | RuntimeException e) {
            StorageException failure = new StorageException("group commit failed: " + e.getMessage(), e);
            group.forEach(p -> p.done().completeExceptionally(failure));
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
        queue.add(STOP);
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
