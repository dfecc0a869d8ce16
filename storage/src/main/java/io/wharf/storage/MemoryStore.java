package io.wharf.storage;

import java.util.Arrays;
import java.util.Map;
import java.util.NavigableMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.BiConsumer;
import java.util.function.BiPredicate;

/**
 * The in-memory store ({@code --in-memory}, and tests): the same contract as the durable store, nothing
 * survives the process. Batches are atomic with respect to readers through one read/write lock.
 */
public final class MemoryStore implements Store {
    private final Map<String, NavigableMap<byte[], byte[]>> spaces = new ConcurrentHashMap<>();
    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    private volatile boolean closed;

    @Override
    public KeySpace keySpace(String name) {
        spaces.computeIfAbsent(name, n -> new ConcurrentSkipListMap<>(Arrays::compareUnsigned));
        return new KeySpace(name);
    }

    private NavigableMap<byte[], byte[]> space(KeySpace space) {
        NavigableMap<byte[], byte[]> map = spaces.get(space.name());
        if (map == null) {
            throw new StorageException("unknown key space " + space.name());
        }
        return map;
    }

    /** Applies the batch at once: in memory, visible is as durable as it gets, and order is call order. */
    @Override
    public Commit submit(WriteBatch batch) {
        ensureOpen();
        for (WriteBatch.Op op : batch.ops()) {
            space(op.space()); // all or nothing: refuse the batch before touching anything
        }
        lock.writeLock().lock();
        try {
            for (WriteBatch.Op op : batch.ops()) {
                NavigableMap<byte[], byte[]> map = space(op.space());
                switch (op.kind()) {
                    case PUT -> map.put(op.key().clone(), op.value().clone());
                    case DELETE -> map.remove(op.key());
                    case DELETE_RANGE -> map.subMap(op.key(), true, op.endKey(), false).clear();
                }
            }
        } finally {
            lock.writeLock().unlock();
        }
        return Commit.DONE;
    }

    @Override
    public byte[] get(KeySpace space, byte[] key) {
        ensureOpen();
        lock.readLock().lock();
        try {
            byte[] value = space(space).get(key);
            return value == null ? null : value.clone();
        } finally {
            lock.readLock().unlock();
        }
    }

    @Override
    public void scan(KeySpace space, byte[] prefix, BiConsumer<byte[], byte[]> visitor) {
        ensureOpen();
        lock.readLock().lock();
        try {
            NavigableMap<byte[], byte[]> map = space(space);
            NavigableMap<byte[], byte[]> range = prefix.length == 0 ? map : map.tailMap(prefix, true);
            for (Map.Entry<byte[], byte[]> e : range.entrySet()) {
                if (!startsWith(e.getKey(), prefix)) {
                    break;
                }
                visitor.accept(e.getKey().clone(), e.getValue().clone());
            }
        } finally {
            lock.readLock().unlock();
        }
    }

    @Override
    public void scan(KeySpace space, byte[] from, byte[] to, BiPredicate<byte[], byte[]> visitor) {
        ensureOpen();
        if (Arrays.compareUnsigned(from, to) >= 0) {
            return;
        }
        lock.readLock().lock();
        try {
            for (Map.Entry<byte[], byte[]> e : space(space).subMap(from, true, to, false).entrySet()) {
                if (!visitor.test(e.getKey().clone(), e.getValue().clone())) {
                    return;
                }
            }
        } finally {
            lock.readLock().unlock();
        }
    }

    static boolean startsWith(byte[] key, byte[] prefix) {
        return key.length >= prefix.length && Arrays.equals(key, 0, prefix.length, prefix, 0, prefix.length);
    }

    private void ensureOpen() {
        if (closed) {
            throw new StorageException("store is closed");
        }
    }

    @Override
    public void close() {
        closed = true;
    }
}
