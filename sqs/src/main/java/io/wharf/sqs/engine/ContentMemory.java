package io.wharf.sqs.engine;

import io.wharf.storage.Store;

import java.util.ArrayDeque;
import java.util.List;

/**
 * Which message contents memory holds (DESIGN.md §3: bodies live in the store). A sent or moved message keeps
 * its content, so a receive right after the send reads nothing. Once the write that stored the content has
 * been awaited, the message becomes droppable; while the held bytes exceed the budget, the oldest droppable
 * contents are dropped, and a later receive reads them from {@code sqs.bodies}.
 *
 * <p>Never earlier than the await: until then the store need not show the content to {@link Store#get}.
 *
 * <p>A deleted message's content is let go at once ({@link #release(Message)}). Kept until the budget pushed it out,
 * as before, every body outlived a dozen young collections at 5,000 messages a second and was copied by each: JFR of
 * sqs-roundtrip@5000 had the collector's object copying as nearly all of its 10–20 ms pauses, and the message bodies
 * as nearly all of the old objects. The queue of droppable messages forgets released ones from its head, and sweeps
 * them all out once they outnumber the held ones (a message that stays for days must not keep every later one).
 */
final class ContentMemory {
    /** Released messages the droppable queue may hold beyond twice the held ones before it sweeps. */
    private static final int SWEEP_SLACK = 4_096;

    private final long budgetBytes;
    /** guarded by this */
    private long heldBytes;
    /** Messages whose content memory holds; guarded by this. */
    private long heldContents;
    /** Droppable messages, oldest first, and released ones not yet forgotten; guarded by this. */
    private final ArrayDeque<Message> droppable = new ArrayDeque<>();

    ContentMemory(long budgetBytes) {
        this.budgetBytes = budgetBytes;
    }

    /** Gives a new message (sent or moved, its write submitted but not yet durable) its content. */
    void hold(Message m, MessageContent content) {
        m.content = content;
        synchronized (this) {
            heldBytes += content.size();
            heldContents++;
        }
    }

    /** The writes that stored these messages' contents are durable: they may be dropped now. */
    void settled(List<Message> messages) {
        for (Message m : messages) {
            m.settled = true;
        }
        synchronized (this) {
            droppable.addAll(messages);
            Message oldest;
            while ((oldest = droppable.peekFirst()) != null && (oldest.content == null || heldBytes > budgetBytes)) {
                drop(droppable.pollFirst());
            }
            if (droppable.size() > 2 * heldContents + SWEEP_SLACK) {
                droppable.removeIf(m -> m.content == null);
            }
        }
    }

    /** The write of these messages was refused: they are gone, and so is their content. */
    void release(List<Message> messages) {
        synchronized (this) {
            messages.forEach(this::drop);
        }
    }

    /**
     * The message was deleted (its delete submitted, it left the queue under the queue's lock): nothing reads its
     * content any more.
     */
    void release(Message m) {
        synchronized (this) {
            drop(m);
        }
    }

    /** Caller holds this. */
    private void drop(Message m) {
        MessageContent content = m.content;
        if (content != null) {
            m.content = null;
            heldBytes -= content.size();
            heldContents--;
        }
    }

    synchronized long heldBytes() {
        return heldBytes;
    }

    /** Messages in the droppable queue, released ones included (tests: it stays bounded). */
    synchronized int queued() {
        return droppable.size();
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
