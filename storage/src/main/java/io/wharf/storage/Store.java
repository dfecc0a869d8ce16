package io.wharf.storage;

import java.util.function.BiConsumer;
import java.util.function.BiPredicate;

/**
 * The storage boundary every engine writes through (DESIGN.md §3).
 *
 * <p>A store is an ordered key/value map split into named {@link KeySpace}s (RocksDB column families in
 * the durable implementation). Engines keep their hot indexes in memory and write every change that an
 * answer depends on as one {@link WriteBatch} through {@link #submit} (or {@link #commit}); once its
 * {@link Commit} is awaited, the batch is durable (for the durable store: fsync'd, with concurrent callers'
 * batches group-committed). On start an engine rebuilds its memory by {@link #scan scanning} its key spaces.
 *
 * <p>Keys compare as unsigned bytes. A batch is applied atomically: all of it or none of it.
 *
 * <p><b>Ordering.</b> Batches become durable in the order they were submitted, each atomically: if a batch
 * is durable, every batch submitted before it is durable too. This lets an engine submit under its lock —
 * fixing its place in the order — and wait for durability after releasing the lock, so callers of one queue
 * share fsyncs instead of paying one each in turn. Reads ({@link #get}, {@link #scan}) are guaranteed to
 * see a batch only once its commit has been awaited; engines answer from their own memory, not from reads.
 *
 * <p><b>Fail-stop.</b> Once a submitted batch fails to become durable, the store is failed: every later
 * {@code submit} throws {@link StorageException} ("store failed: ..."), and commits still pending fail too.
 * After a failure the engine's memory may be ahead of the disk, and the disk may not even hold what memory
 * believes was written; continuing would acknowledge changes that a restart loses. Refusing all further
 * writes until a restart, which rebuilds memory from what is really on disk, is the only safe answer (as
 * PostgreSQL panics on a failed fsync rather than retry it).
 */
public interface Store extends AutoCloseable {

    /** The key space with this name, created on first use. Names are short ASCII words ("sqs.queues"). */
    KeySpace keySpace(String name);

    /**
     * Queues the batch for durability in submission order (see the class comment) and returns without
     * waiting for it; {@link Commit#await()} says when it is durable.
     *
     * <p>An empty batch writes nothing, but its commit still completes only once every batch submitted
     * before it is durable: a barrier for answers that rest on changes others made and did not yet await.
     *
     * @throws StorageException when the batch is refused here (unknown key space, store closed or failed);
     *                          then nothing of it was applied
     */
    Commit submit(WriteBatch batch);

    /**
     * Applies the batch atomically and returns once it is as durable as the store promises.
     *
     * @throws StorageException when the write failed; then the batch is not durable and the store may be
     *                          failed (see the class comment)
     */
    default void commit(WriteBatch batch) {
        submit(batch).await();
    }

    /** The value under {@code key}, or null. */
    byte[] get(KeySpace space, byte[] key);

    /** Visits every entry whose key starts with {@code prefix}, in key order. An empty prefix visits all. */
    void scan(KeySpace space, byte[] prefix, BiConsumer<byte[], byte[]> visitor);

    /**
     * Visits the entries with {@code from <= key < to} (unsigned byte order), in key order, for as long as the
     * visitor answers true: reads a window of a large key range without walking all of it.
     */
    void scan(KeySpace space, byte[] from, byte[] to, BiPredicate<byte[], byte[]> visitor);

    /**
     * Why the store refuses writes (fail-stop: a failed write or fsync, a corruption, a background error), or
     * null while it accepts them. Health checks report it.
     */
    default String failure() {
        return null;
    }

    /** What the store measured since it opened (group commits, bytes, write time), for metrics. */
    default StoreStats stats() {
        return StoreStats.NONE;
    }

    /** Flushes and releases everything. Further calls fail. */
    @Override
    void close();
}
