package io.wharf.storage;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * A batch handed to {@link Store#submit}: {@link #await()} blocks until it is durable.
 *
 * <p>Because batches become durable in submission order, awaiting one commit also proves every batch
 * submitted before it durable — so a caller may submit under a lock and await after releasing it.
 */
public interface Commit {
    /** Already durable (or, for stores that promise no durability, as durable as they get). */
    Commit DONE = () -> { };

    /**
     * Returns once the batch is durable.
     *
     * @throws StorageException when it could not be made durable; the store is then failed (see {@link Store})
     */
    void await();

    /** A commit that completes with {@code future}; its failure is rethrown as a {@link StorageException}. */
    static Commit of(CompletableFuture<Void> future) {
        return () -> {
            try {
                future.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                // the batch may still become durable: all we know is that we stopped waiting
                throw new StorageException("interrupted while waiting for the write to be durable", e);
            } catch (ExecutionException e) {
                Throwable cause = e.getCause();
                if (cause instanceof StorageException storage) {
                    throw new StorageException(storage.getMessage(), storage);
                }
                throw new StorageException("write failed: " + cause.getMessage(), cause);
            }
        };
    }

    /** A commit whose await always throws {@code failure}. */
    static Commit failed(StorageException failure) {
        return () -> {
            throw new StorageException(failure.getMessage(), failure);
        };
    }
}
