package io.wharf.sqs.engine;

import io.wharf.storage.Commit;
import io.wharf.storage.KeySpace;
import io.wharf.storage.Store;
import io.wharf.storage.WriteBatch;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;
import java.util.function.BiPredicate;

/** A store that counts what is read and written per key space: shows which records a path touches. */
final class CountingStore implements Store {
    private final Store delegate;
    private final Map<String, AtomicLong> reads = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> writes = new ConcurrentHashMap<>();
    private final AtomicLong submits = new AtomicLong();

    CountingStore(Store delegate) {
        this.delegate = delegate;
    }

    /** Entries visited by scans plus gets in this key space. */
    long reads(String space) {
        return reads.getOrDefault(space, new AtomicLong()).get();
    }

    /** Puts and deletes (a range delete counts once) in this key space. */
    long writes(String space) {
        return writes.getOrDefault(space, new AtomicLong()).get();
    }

    /** Batches submitted, empty ones included. */
    long submits() {
        return submits.get();
    }

    void reset() {
        reads.clear();
        writes.clear();
    }

    private static void count(Map<String, AtomicLong> counts, KeySpace space) {
        counts.computeIfAbsent(space.name(), s -> new AtomicLong()).incrementAndGet();
    }

    @Override
    public KeySpace keySpace(String name) {
        return delegate.keySpace(name);
    }

    @Override
    public Commit submit(WriteBatch batch) {
        submits.incrementAndGet();
        batch.ops().forEach(op -> count(writes, op.space()));
        return delegate.submit(batch);
    }

    @Override
    public byte[] get(KeySpace space, byte[] key) {
        count(reads, space);
        return delegate.get(space, key);
    }

    @Override
    public void scan(KeySpace space, byte[] prefix, BiConsumer<byte[], byte[]> visitor) {
        delegate.scan(space, prefix, (k, v) -> {
            count(reads, space);
            visitor.accept(k, v);
        });
    }

    @Override
    public void scan(KeySpace space, byte[] from, byte[] to, BiPredicate<byte[], byte[]> visitor) {
        delegate.scan(space, from, to, (k, v) -> {
            count(reads, space);
            return visitor.test(k, v);
        });
    }

    @Override
    public void close() {
        delegate.close();
    }
}
