package io.wharf.sqs.engine;

import io.wharf.storage.Store;

import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Which message contents memory holds (DESIGN.md §3: bodies live in the store). A sent or moved message keeps
 * its content, so a receive right after the send reads nothing. Once the write that stored the content has
 * been awaited, the message becomes droppable; while the held bytes exceed the budget, the oldest droppable
 * contents are dropped, and a later receive reads them from {@code sqs.bodies}.
 *
 * <p>Never earlier than the await: until then the store need not show the content to {@link Store#get}.
 * Contents of messages deleted meanwhile stay counted until their turn to be dropped comes: the budget
 * bounds them too, and deletes need not touch this class.
 */
final class ContentMemory {
    private final long budgetBytes;
    private final AtomicLong heldBytes = new AtomicLong();
    /** Droppable messages, oldest first. */
    private final ConcurrentLinkedQueue<Message> droppable = new ConcurrentLinkedQueue<>();

    ContentMemory(long budgetBytes) {
        this.budgetBytes = budgetBytes;
    }

    /** Gives a new message (sent or moved, its write submitted but not yet durable) its content. */
    void hold(Message m, MessageContent content) {
        m.content = content;
        heldBytes.addAndGet(content.size());
    }

    /** The writes that stored these messages' contents are durable: they may be dropped now. */
    void settled(List<Message> messages) {
        for (Message m : messages) {
            m.settled = true;
        }
        droppable.addAll(messages);
        while (heldBytes.get() > budgetBytes) {
            Message oldest = droppable.poll();
            if (oldest == null) {
                return; // the rest is young: its writes are still on their way
            }
            MessageContent content = oldest.content;
            oldest.content = null;
            if (content != null) {
                heldBytes.addAndGet(-content.size());
            }
        }
    }

    /** The write of these messages was refused: they are gone, and so is their content. */
    void release(List<Message> messages) {
        for (Message m : messages) {
            MessageContent content = m.content;
            m.content = null;
            if (content != null) {
                heldBytes.addAndGet(-content.size());
            }
        }
    }

    long heldBytes() {
        return heldBytes.get();
    }

    /**
     * The content, from memory or else the store (opened if it was sealed); null when the store no longer has it
     * (purged meanwhile).
     *
     * @throws io.wharf.protocol.AwsException SQS's KMS error when the data key cannot be unwrapped
     */
    static MessageContent load(EngineContext ctx, long queueNumber, Message m) {
        MessageContent content = m.content;
        if (content != null) {
            return content;
        }
        byte[] value = ctx.store().get(ctx.layout().bodies, SqsStoreLayout.messageKey(queueNumber, m.ordinal));
        return value == null ? null : Encryption.decode(ctx, value);
    }
}
