package io.wharf.sqs.engine;

import java.time.Clock;
import java.util.Collection;
import java.util.concurrent.Semaphore;
import java.util.function.Supplier;

/**
 * Keeps the queues' windows within their shared budget ({@link HotWindows}) when the queues that hold too
 * much are idle: once the queues together hold more than the budget, one virtual thread walks the queues and has
 * each that holds more than its window let the rest go to its backlog ({@link Queue#trim}). A queue busy with an
 * operation is skipped; that operation balances it.
 *
 * <p>At most one walk per {@link #PAUSE_MILLIS}: when what memory holds cannot leave (in flight, received before,
 * not yet durable), the budget stays exceeded and further walks would find nothing to do.
 */
final class WindowTrimmer implements AutoCloseable {
    static final long PAUSE_MILLIS = 100;

    private final Supplier<Collection<Queue>> queues;
    private final Clock clock;
    private final HotWindows windows;
    private final Semaphore due = new Semaphore(0);
    private final Thread thread;
    private volatile boolean closed;

    WindowTrimmer(HotWindows windows, Supplier<Collection<Queue>> queues, Clock clock) {
        this.windows = windows;
        this.queues = queues;
        this.clock = clock;
        this.thread = Thread.ofVirtual().name("sqs-window-trimmer").unstarted(this::run);
        windows.onOverBudget(this::wake);
        thread.start();
    }

    /** The budget is exceeded: walk the queues soon. */
    private void wake() {
        if (due.availablePermits() == 0) {
            due.release();
        }
    }

    private void run() {
        try {
            while (!closed) {
                due.acquire();
                due.drainPermits();
                for (Queue queue : queues.get()) {
                    if (closed || !windows.overBudget()) {
                        break;
                    }
                    try {
                        queue.trim(clock.millis());
                    } catch (RuntimeException e) {
                        // the store failed (fail-stop): the queue's next operation reports it; walk on
                    }
                }
                Thread.sleep(PAUSE_MILLIS);
            }
        } catch (InterruptedException e) {
            // closing
        }
    }

    @Override
    public void close() {
        closed = true;
        thread.interrupt();
        try {
            thread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
