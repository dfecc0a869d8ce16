package io.wharf.sqs.engine;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The in-flight messages of all queues together, against {@link SqsLimits#maxInflightTotal()}. An in-flight message
 * stays in memory until it is deleted or its visibility timeout ends (~230–290 B each, docs/benchmarks.md), and
 * AWS caps each queue (120,000) but not their sum: without this, a client that receives from many queues and never
 * deletes would fill the heap. A receive takes at most {@link #room()} messages; with none left, a standard queue's
 * receive fails with OverLimit and a FIFO queue's returns nothing, as each does at its own limit.
 *
 * <p>Each queue counts its own messages as they enter and leave the in-flight state, under its own lock, so the sum
 * can pass the cap by what receives on other queues pick at the same moment (at most ten each). A queue notices that
 * a visibility timeout ended on its next operation, so an idle queue would keep counting messages that are visible
 * again: a receive that finds too little room first has every queue let those go ({@link #reclaim}). A FIFO queue's
 * long poll that found no room is woken when room frees on any queue ({@link #awaitingRoom}). Thread-safe.
 */
final class InflightBudget {
    private final long limit;
    private final AtomicLong inflight = new AtomicLong();
    private volatile Runnable reclaim = () -> { };
    /** FIFO queues with a receive waiting for room ({@link #awaitingRoom}); each is woken once, then forgotten. */
    private final Set<Queue> waiting = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean waking = new AtomicBoolean();

    InflightBudget(long limit) {
        this.limit = limit;
    }

    /** How many more messages may go in flight now (0 when the cap is reached). */
    long room() {
        return Math.max(0, limit - inflight.get());
    }

    long limit() {
        return limit;
    }

    /** The in-flight messages of all queues, as they reported them. */
    long inflight() {
        return inflight.get();
    }

    /** Sets what {@link #reclaim} runs: every queue lets its messages whose visibility timeout ended go. */
    void onReclaim(Runnable action) {
        reclaim = action;
    }

    /**
     * Has every queue count out its in-flight messages whose visibility timeout has ended; runs on the caller's
     * thread, which must hold no queue's lock (each queue is only tried, never waited for).
     */
    void reclaim() {
        reclaim.run();
    }

    /** {@code delta} messages entered the in-flight state (negative: left it). */
    void moved(long delta) {
        inflight.addAndGet(delta);
        if (delta < 0 && !waiting.isEmpty()) {
            wakeWaiting();
        }
    }

    /**
     * A FIFO queue whose receive found no room and is about to wait (its long poll): any message that leaves the
     * in-flight state on any queue wakes it, so it need not sleep until its own queue changes or its wait ends. Called
     * under the queue's lock before the receive checks the room again, so a message that leaves in between still
     * wakes it: the wake takes the lock, which the receive releases only once it waits.
     */
    void awaitingRoom(Queue queue) {
        waiting.add(queue);
    }

    /**
     * Signals the waiting queues' receivers on one virtual thread, never on the caller's: {@link #moved} runs under
     * another queue's lock, and taking a second one there could deadlock. Wakes that come while it runs are folded into
     * it.
     */
    private void wakeWaiting() {
        if (!waking.compareAndSet(false, true)) {
            return;
        }
        Thread.ofVirtual().name("sqs-inflight-room").start(() -> {
            waking.set(false);
            for (Queue queue : waiting) {
                waiting.remove(queue);
                queue.lock.lock();
                try {
                    queue.wakeReceivers();
                } finally {
                    queue.lock.unlock();
                }
            }
        });
    }
}
