package io.wharf.storage;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;
import java.util.function.BiPredicate;

/**
 * A store that fails on demand, for fault tests. It wraps a real store and injects two kinds of failure:
 *
 * <ul>
 *   <li>{@link #failNextCommits}/{@link #failAllCommits}: {@code submit} throws at once and applies nothing —
 *       a refused write. The store keeps working afterwards (the engine must roll its memory back).</li>
 *   <li>{@link #failNextAwaits}: {@code submit} returns a commit whose {@code await} throws, and applies
 *       nothing to the wrapped store — a write that looked accepted but never became durable (a failed fsync).
 *       As {@link Store} requires, the store is then failed: every later {@code submit} throws until
 *       {@link #reset()}, which stands for a restart. What the wrapped store holds is what a restart recovers.</li>
 * </ul>
 */
public final class FaultyStore implements Store {
    private final Store delegate;
    private final AtomicInteger failures = new AtomicInteger();
    private final AtomicInteger awaitFailures = new AtomicInteger();
    private volatile boolean failAll;
    private volatile StorageException failed;

    public FaultyStore(Store delegate) {
        this.delegate = delegate;
    }

    /** The next {@code count} submits throw, applying nothing. */
    public void failNextCommits(int count) {
        failures.set(count);
    }

    /** Every submit throws until switched off. */
    public void failAllCommits(boolean fail) {
        failAll = fail;
    }

    /** The next {@code count} submits return commits whose await fails; the first of them fails the store. */
    public void failNextAwaits(int count) {
        awaitFailures.set(count);
    }

    /** Clears every injected failure and the failed state, as a restart would. */
    public void reset() {
        failures.set(0);
        awaitFailures.set(0);
        failAll = false;
        failed = null;
    }

    /** The store under the faults: what survived. */
    public Store delegate() {
        return delegate;
    }

    @Override
    public KeySpace keySpace(String name) {
        return delegate.keySpace(name);
    }

    @Override
    public Commit submit(WriteBatch batch) {
        StorageException stopped = failed;
        if (stopped != null) {
            throw new StorageException(stopped.getMessage(), stopped);
        }
        if (failAll || failures.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            throw new StorageException("injected write failure");
        }
        if (awaitFailures.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            StorageException failure = new StorageException("store failed: injected fsync failure");
            failed = failure;
            return Commit.failed(failure);
        }
        return delegate.submit(batch);
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
    public void scan(KeySpace space, byte[] from, byte[] to, BiPredicate<byte[], byte[]> visitor) {
        delegate.scan(space, from, to, visitor);
    }

    @Override
    public String failure() {
        StorageException stopped = failed;
        return stopped != null ? stopped.getMessage() : delegate.failure();
    }

    @Override
    public void close() {
        delegate.close();
    }

    @Override
    public StoreStats stats() {
        return delegate.stats();
    }
}
