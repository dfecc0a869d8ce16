package io.wharf.sqs.engine;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One memory budget for the visible and delayed messages that all queues hold
 * ({@link SqsLimits#hotMessagesTotal()}; a queue's window applies to each kind, the budget to their sum):
 * each queue's window ({@link SqsLimits#hotMessages()}) bounds one queue, this bounds their sum, so many queues with
 * messages cost no more heap than a few. While the queues together hold no more than half the budget, each may fill
 * its whole window; beyond that, the budget is shared out evenly among the queues that hold messages, each window
 * no smaller than {@link #SMALLEST_WINDOW}. A queue spills what its window no longer holds to its backlog on its
 * next operation ({@code Queue.balance}) and reads it back a page at a time as it is received.
 *
 * <p>Sharing only above half the budget keeps the windows steady: once shared, the queues hold about the budget
 * and stay above half of it, so they do not grow back and spill again; below, a single busy queue keeps its whole
 * window however many idle ones exist. Memory is then bounded by the larger of the budget and
 * {@code queues × SMALLEST_WINDOW}, plus a quarter (a queue lets messages go once a quarter more than its window
 * have come).
 *
 * <p>Each queue reports its own count when it changes its indexes, so the sum lags by at most one operation per
 * queue. A queue that shrinks its window on its own next operation would leave idle queues holding the windows they
 * had when they filled (the sum of the shares as queues come: the budget times the logarithm of their number), so
 * once the sum passes the whole budget, the {@link #onOverBudget listener} is told, and trims the others
 * ({@link WindowTrimmer}). Thread-safe: queues report under their own locks, concurrently.
 */
final class HotWindows {
    /** The window a queue keeps however many share the budget: a receive of ten finds messages in memory. */
    static final int SMALLEST_WINDOW = 10;

    private final int perQueue;
    private final long total;
    private final AtomicLong held = new AtomicLong();
    private final AtomicInteger holding = new AtomicInteger();
    /** While recovery loads the queues: how many queues it loads (0: not recovering). */
    private volatile int recovering;
    private volatile Runnable overBudget = () -> { };

    HotWindows(int perQueue, long total) {
        this.perQueue = perQueue;
        this.total = total;
    }

    /** How many visible messages a queue may hold in memory now. */
    int window() {
        int loading = recovering;
        if (loading > 0) {
            return shareAmong(Math.max(loading, holding.get()));
        }
        if (held.get() <= total / 2) {
            return perQueue;
        }
        return shareAmong(holding.get());
    }

    /**
     * Recovery loads {@code queues} queues one after the other: until {@link #recovered}, each gets the
     * window it would have if all of them held messages, so memory stays within the budget while they load (a queue
     * grows back to its whole window by pages, on its next operations, if the others turn out to hold little).
     */
    void recovering(int queues) {
        recovering = queues;
    }

    void recovered() {
        recovering = 0;
    }

    /** The window each of {@code queues} queues gets when they share the budget. */
    int shareAmong(int queues) {
        return (int) Math.min(perQueue, Math.max(SMALLEST_WINDOW, total / Math.max(1, queues)));
    }

    /** A queue's visible messages in memory went from {@code before} to {@code after}. */
    void moved(int before, int after) {
        if (before == after) {
            return;
        }
        if (held.addAndGet(after - before) > total && after > before) {
            overBudget.run();
        }
        if (before == 0) {
            holding.incrementAndGet();
        } else if (after == 0) {
            holding.decrementAndGet();
        }
    }

    /** Tells {@code listener} (on the reporting queue's thread: it must be cheap) when a count grows past the budget. */
    void onOverBudget(Runnable listener) {
        overBudget = listener;
    }

    /** Whether the queues together hold more than the budget. */
    boolean overBudget() {
        return held.get() > total;
    }

    /** The visible messages queues reported holding, all together. */
    long held() {
        return held.get();
    }

    /** The queues that reported holding at least one visible message. */
    int holding() {
        return holding.get();
    }
}
