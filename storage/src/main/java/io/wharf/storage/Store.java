package io.wharf.storage;

import java.util.function.BiConsumer;

/**
 * The storage boundary every engine writes through (DESIGN.md §3).
 *
 * <p>A store is an ordered key/value map split into named {@link KeySpace}s (RocksDB column families in
 * the durable implementation). Engines keep their hot indexes in memory and write every change that an
 * answer depends on as one {@link WriteBatch} through {@link #commit}; when {@code commit} returns, the
 * batch is durable (for the durable store: fsync'd, with concurrent callers' batches group-committed).
 * On start an engine rebuilds its memory by {@link #scan scanning} its key spaces.
 *
 * <p>Keys compare as unsigned bytes. A batch is applied atomically: all of it or none of it.
 */
public interface Store extends AutoCloseable {

    /** The key space with this name, created on first use. Names are short ASCII words ("sqs.queues"). */
    KeySpace keySpace(String name);

    /**
     * Applies the batch atomically and returns once it is as durable as the store promises.
     *
     * @throws StorageException when the write failed; then nothing of the batch was applied
     */
    void commit(WriteBatch batch);

    /** The value under {@code key}, or null. */
    byte[] get(KeySpace space, byte[] key);

    /** Visits every entry whose key starts with {@code prefix}, in key order. An empty prefix visits all. */
    void scan(KeySpace space, byte[] prefix, BiConsumer<byte[], byte[]> visitor);

    /** Flushes and releases everything. Further calls fail. */
    @Override
    void close();
}
