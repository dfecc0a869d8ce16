package io.wharf.storage;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;

/**
 * A store that fails on demand, for fault tests: wraps a real store and makes the next {@code n} commits
 * (or all of them) throw {@link StorageException} without applying anything. Engines must then answer
 * the request with a 500-class error and keep their memory consistent with the store.
 */
public final class FaultyStore implements Store {
    private final Store delegate;
    private final AtomicInteger failures = new AtomicInteger();
    private volatile boolean failAll;

    public FaultyStore(Store delegate) {
        this.delegate = delegate;
    }

    /** The next {@code count} commits fail. */
    public void failNextCommits(int count) {
        failures.set(count);
    }

    /** Every commit fails until switched off. */
    public void failAllCommits(boolean fail) {
        failAll = fail;
    }

    @Override
    public KeySpace keySpace(String name) {
        return delegate.keySpace(name);
    }

    @Override
    public void commit(WriteBatch batch) {
        if (failAll || failures.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            throw new StorageException("injected write failure");
        }
        delegate.commit(batch);
    }

    @Override
    public byte[] get(KeySpace space, byte[] key) {
        return delegate.get(space, key);
    }

    @Override
    public void scan(KeySpace space, byte[] prefix, BiConsumer<byte[], byte[]> visitor) {
        delegate.scan(space, prefix, visitor);
    }

    @Override
    public void close() {
        delegate.close();
    }
}
