package io.wharf.bench.scenario;

import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;

/** Failed calls: how many, and the first one's message (the rest are usually the same). */
public final class Failures {
    /** A failing caller waits this long before trying again, so a dead endpoint is not a busy loop. */
    private static final long BACKOFF_MILLIS = 10;

    private final LongAdder count = new LongAdder();
    private final AtomicReference<String> first = new AtomicReference<>();

    /** Counts {@code failure} and backs off a little. */
    public void record(Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                ? failure.getCause() : failure;
        count.increment();
        first.compareAndSet(null, cause.getClass().getSimpleName() + ": " + cause.getMessage());
        try {
            Thread.sleep(BACKOFF_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Counts a failure that is not an exception (a failed entry of a batch), without backing off. */
    public void record(String description) {
        count.increment();
        first.compareAndSet(null, description);
    }

    public long count() {
        return count.sum();
    }

    public String first() {
        return first.get();
    }
}
