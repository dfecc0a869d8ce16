package io.wharf.sqs.engine;

import io.wharf.storage.Commit;
import io.wharf.storage.WriteBatch;

import java.util.ArrayList;

import java.util.List;

/**
 * Moving messages between queues (dead-lettering on receive, message move tasks). The messages have already
 * been taken out of the source's memory under its lock; here the target's lock is taken (never both at once,
 * so two queues that dead-letter into each other cannot deadlock) and one batch deletes them from the source
 * and writes them into the target. The batch is submitted under the target's lock and awaited after it.
 */
final class Transfers {
    private Transfers() {
    }

    /** Dead-letters messages that reached maxReceiveCount; they keep id, body, attributes and receive count. */
    static void deadLetter(EngineContext ctx, Queue source, List<Message> messages, Queue target) {
        boolean keepAge = !target.id().isFifo(); // FIFO dead-letter queues restart the retention clock
        move(ctx, source, messages, target, (m, ordinal, now) -> m.movedTo(ordinal, source.id().arn(),
                keepAge ? m.enqueuedMillis : now, m.receiveCount, now));
    }

    /** Redrives messages out of a dead-letter queue: a new life, receive count reset. */
    static boolean redrive(EngineContext ctx, Queue source, List<Message> messages, Queue target) {
        return move(ctx, source, messages, target, (m, ordinal, now) -> m.movedTo(ordinal, null, now, 0, now));
    }

    interface Copy {
        Message copy(Message m, long ordinal, long now);
    }

    private static boolean move(EngineContext ctx, Queue source, List<Message> messages, Queue target, Copy copy) {
        boolean moved = false;
        Commit pending = null;
        RuntimeException failure = null;
        target.lock.lock();
        try {
            if (!target.deleted) {
                long now = ctx.clock().millis();
                WriteBatch batch = new WriteBatch();
                List<Message> copies = new ArrayList<>();
                for (Message m : messages) {
                    Message c = copy.copy(m, target.nextOrdinal(now), now);
                    target.add(c);
                    copies.add(c);
                    target.persist(batch, c);
                    source.persistDelete(batch, m);
                }
                try {
                    pending = ctx.store().submit(batch);
                    moved = true;
                    target.changed.signalAll(); // a receiver's answer awaits its own, later batch: see Sending
                } catch (RuntimeException e) {
                    copies.forEach(target::remove); // refused: the messages go back where the store has them
                    failure = e;
                }
            }
        } finally {
            target.lock.unlock();
        }
        if (!moved) {
            // the target vanished meanwhile, or the store refused the move: the messages stay where they were
            source.lock.lock();
            try {
                if (!source.deleted) {
                    messages.forEach(source::add);
                    source.changed.signalAll();
                }
            } finally {
                source.lock.unlock();
            }
        }
        if (failure != null) {
            throw failure;
        }
        if (pending != null) {
            pending.await();
        }
        return moved;
    }
}
