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
        String sourceArn = source.id().arn();
        move(ctx, source, messages, target, sourceArn, (m, ordinal, now) -> m.movedTo(ordinal,
                keepAge ? m.enqueuedMillis : now, m.receiveCount, now));
    }

    /** Redrives messages out of a dead-letter queue: a new life, receive count reset. */
    static boolean redrive(EngineContext ctx, Queue source, List<Message> messages, Queue target) {
        return move(ctx, source, messages, target, null, (m, ordinal, now) -> m.movedTo(ordinal, now, 0, now));
    }

    static void putBack(Queue source, List<Message> messages) {
        source.lock.lock();
        try {
            if (!source.deleted) {
                messages.forEach(source::add); // wakes the source's receivers
            }
        } finally {
            source.lock.unlock();
        }
    }

    interface Copy {
        Message copy(Message m, long ordinal, long now);
    }

    private static boolean move(EngineContext ctx, Queue source, List<Message> messages, Queue target,
                                String sourceArn, Copy copy) {
        // read before taking the target's lock: a dropped content comes from the store
        List<MessageContent> contents = new ArrayList<>();
        io.wharf.protocol.crypto.DataKeyRing.Key key;
        try {
            for (Message m : messages) {
                contents.add(ContentMemory.load(ctx, source.number(), m));
            }
            key = Encryption.keyFor(ctx, target, ctx.clock().millis());
        } catch (RuntimeException e) {
            putBack(source, messages); // KMS refused a key: the messages stay where they were
            throw e;
        }
        boolean moved = false;
        Commit pending = null;
        RuntimeException failure = null;
        List<Message> copies = new ArrayList<>();
        target.lock.lock();
        try {
            if (!target.deleted) {
                long now = ctx.clock().millis();
                WriteBatch batch = new WriteBatch();
                for (int i = 0; i < messages.size(); i++) {
                    Message m = messages.get(i);
                    source.persistDelete(batch, m);
                    if (contents.get(i) == null) {
                        continue; // the source was purged or deleted meanwhile: so is this message
                    }
                    MessageContent content = contents.get(i).withSourceArn(sourceArn);
                    Message c = copy.copy(m, target.nextOrdinal(now), now);
                    ctx.contents().hold(c, content);
                    target.add(c);
                    copies.add(c);
                    target.persistNew(batch, c, content, key);
                }
                try {
                    pending = ctx.store().submit(batch);
                    moved = true; // receivers woken by target.add submit their batches after this one: see Queue
                } catch (RuntimeException e) {
                    copies.forEach(target::remove); // refused: the messages go back where the store has them
                    ctx.contents().release(copies);
                    failure = e;
                }
            }
        } finally {
            target.lock.unlock();
        }
        if (!moved) {
            // the target vanished meanwhile, or the store refused the move: the messages stay where they were
            putBack(source, messages);
        }
        if (failure != null) {
            throw failure;
        }
        if (pending != null) {
            pending.await();
            ctx.contents().settled(copies);
        }
        return moved;
    }
}
