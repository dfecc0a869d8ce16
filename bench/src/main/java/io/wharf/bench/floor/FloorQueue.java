package io.wharf.bench.floor;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * One queue of the floor: sent messages wait in a lock-free queue until a receive takes them (gone for good: no
 * visibility timeout, no in-flight set, so a delete has nothing to do). A receive that finds nothing and may wait
 * leaves a {@link Waiter}; every send wakes waiters while messages are there, and a waiter re-checks after it is
 * registered, so no message waits for a poll's timeout while a receiver waits.
 */
final class FloorQueue {
    /** A message as it will be received: body, its MD5, and the ids the send answered. */
    record Message(String messageId, String body, String bodyMd5) {
    }

    /** A waiting receive: at most {@code max} messages; answered once, by a send or by its timeout. */
    static final class Waiter {
        private final int max;
        private final Consumer<List<Message>> answer;
        private final AtomicBoolean answered = new AtomicBoolean();

        Waiter(int max, Consumer<List<Message>> answer) {
            this.max = max;
            this.answer = answer;
        }

        /** The timeout's answer: nothing, unless a send got there first. */
        void expire() {
            if (answered.compareAndSet(false, true)) {
                answer.accept(List.of());
            }
        }
    }

    private final boolean fifo;
    private final ConcurrentLinkedQueue<Message> pending = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedDeque<Waiter> waiters = new ConcurrentLinkedDeque<>();

    FloorQueue(boolean fifo) {
        this.fifo = fifo;
    }

    boolean fifo() {
        return fifo;
    }

    void send(List<Message> messages) {
        pending.addAll(messages);
        wake();
    }

    /** Up to {@code max} messages now (maybe none). */
    List<Message> take(int max) {
        List<Message> taken = new ArrayList<>(Math.min(max, 10));
        Message message;
        while (taken.size() < max && (message = pending.poll()) != null) {
            taken.add(message);
        }
        return taken;
    }

    /** Leaves a waiter; the caller schedules its {@link Waiter#expire}. */
    void await(Waiter waiter) {
        waiters.add(waiter);
        wake();
    }

    private void wake() {
        Waiter waiter;
        while (!pending.isEmpty() && (waiter = waiters.poll()) != null) {
            if (!waiter.answered.compareAndSet(false, true)) {
                continue; // timed out meanwhile
            }
            List<Message> taken = take(waiter.max);
            if (taken.isEmpty()) { // another receive took them first: wait on
                waiter.answered.set(false);
                waiters.addFirst(waiter);
                continue; // and look again: a send may have come in between
            }
            waiter.answer.accept(taken);
        }
    }
}
