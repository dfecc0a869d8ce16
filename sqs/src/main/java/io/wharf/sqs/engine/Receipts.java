package io.wharf.sqs.engine;

import io.wharf.protocol.AwsException;
import io.wharf.sqs.SqsErrors;
import io.wharf.storage.Commit;
import io.wharf.storage.WriteBatch;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Consumer;

/** What callers do with receipt handles: DeleteMessage(Batch) and ChangeMessageVisibility(Batch) (sqs.md §2.7–2.8). */
final class Receipts {
    static final int MAX_VISIBILITY_TIMEOUT = 43_200;

    private Receipts() {
    }

    static void delete(EngineContext ctx, Queue queue, String receiptHandle) {
        ReceiptHandle handle = parse(ctx, queue, receiptHandle);
        deleting(ctx, queue, (batch, deleted) -> {
            delete(queue, handle, receiptHandle, batch, deleted);
            return null;
        });
    }

    /**
     * DeleteMessageBatch: every entry under one hold of the queue's lock into one write, submitted once and awaited
     * once — as ten DeleteMessage calls would answer, but without ten locks, timer sweeps, writes and waits. An
     * entry's error (a handle that is not one, or has expired) fails that entry alone.
     */
    static BatchResult<Void> deleteBatch(EngineContext ctx, Queue queue, List<BatchEntry<String>> entries) {
        BatchRules.check(entries.stream().map(BatchEntry::id).toList(), "DeleteMessageBatchRequestEntry");
        return deleting(ctx, queue, (batch, deleted) -> eachEntry(entries,
                e -> delete(queue, parse(ctx, queue, e.command()), e.command(), batch, deleted)));
    }

    /**
     * Under the queue's lock: the delete of the message {@code handle} names, if it is still there, into
     * {@code batch} and {@code deleted} (once: two handles of one message in a batch delete it once).
     */
    private static void delete(Queue queue, ReceiptHandle handle, String receiptHandle, WriteBatch batch,
                               List<Message> deleted) {
        Message m = queue.messages.get(handle.ordinal());
        if (m != null) {
            refuseExpiredFifoHandle(queue, handle, receiptHandle, m);
        }
        if (m != null && !deleted.contains(m)) {
            // standard queues: an older handle of a message still deletes it (the friendlier of AWS's answers)
            queue.persistDelete(batch, m);
            deleted.add(m);
        }
    }

    /**
     * Under one hold of the queue's lock: {@code deletes} puts its deletes into the write and the messages into the
     * list, the write is submitted, then the messages leave memory; the write is awaited after the lock, and what
     * {@code deletes} returned is the answer. Submitted even when empty: a message already gone may have left by a
     * delete not yet durable, and this answer must not come before that delete's. A failed await fails the whole
     * request: the store is then failed (fail-stop), and nothing can be reported done.
     */
    private static <R> R deleting(EngineContext ctx, Queue queue,
                                  BiFunction<WriteBatch, List<Message>, R> deletes) {
        R answer;
        Commit pending;
        queue.lock.lock();
        try {
            long now = ctx.clock().millis();
            WriteBatch batch = queue.begin(now);
            List<Message> deleted = new ArrayList<>();
            answer = deletes.apply(batch, deleted);
            pending = ctx.store().submit(batch);
            for (Message m : deleted) {
                queue.remove(m); // only once the store took the delete, so a refused one cannot resurrect it later
                ctx.contents().release(m);
                queue.activity.deleted.increment(); // AWS/SQS NumberOfMessagesDeleted (counted once submitted)
            }
            queue.activity.used(now);
        } finally {
            queue.lock.unlock();
        }
        pending.await();
        return answer;
    }

    static void changeVisibility(EngineContext ctx, Queue queue, String receiptHandle, int timeoutSeconds) {
        ReceiptHandle handle = parse(ctx, queue, receiptHandle);
        changingVisibility(ctx, queue, (batch, now) -> {
            changeVisibility(queue, handle, receiptHandle, timeoutSeconds, now, batch);
            return null;
        });
    }

    /**
     * ChangeMessageVisibilityBatch: every entry under one hold of the queue's lock into one write, submitted and
     * awaited once, as {@link #deleteBatch} does. An entry's error fails that entry alone.
     */
    static BatchResult<Void> changeVisibilityBatch(EngineContext ctx, Queue queue,
                                                   List<BatchEntry<VisibilityChange>> entries) {
        BatchRules.check(entries.stream().map(BatchEntry::id).toList(), "ChangeMessageVisibilityBatchRequestEntry");
        return changingVisibility(ctx, queue, (batch, now) -> eachEntry(entries,
                e -> changeVisibility(queue, parse(ctx, queue, e.command().receiptHandle()),
                        e.command().receiptHandle(), e.command().visibilityTimeout(), now, batch)));
    }

    /** What a visibility change does under the queue's lock, given the write and the time {@link Queue#begin} used. */
    private interface VisibilityChanges<R> {
        R apply(WriteBatch batch, long now);
    }

    /**
     * Under one hold of the queue's lock: {@code changes} changes visibilities in memory and puts their writes into
     * the batch, which is submitted, then awaited after the lock; what {@code changes} returned is the answer. When
     * {@code changes} throws, the timer changes {@link Queue#begin} made are still submitted (not awaited: the error
     * does not depend on them).
     */
    private static <R> R changingVisibility(EngineContext ctx, Queue queue, VisibilityChanges<R> changes) {
        R answer;
        Commit pending;
        queue.lock.lock();
        try {
            long now = ctx.clock().millis();
            WriteBatch batch = queue.begin(now);
            try {
                answer = changes.apply(batch, now);
            } catch (AwsException e) {
                if (!batch.isEmpty()) {
                    ctx.store().submit(batch);
                }
                throw e;
            }
            pending = ctx.store().submit(batch); // a receiver woken by a transition submits after this: see Queue
        } finally {
            queue.lock.unlock();
        }
        pending.await();
        return answer;
    }

    /** Runs {@code action} on each entry of a batch, in order: an AWS error thrown for an entry fails it alone. */
    private static <C> BatchResult<Void> eachEntry(List<BatchEntry<C>> entries, Consumer<BatchEntry<C>> action) {
        List<BatchResult.Success<Void>> successful = new ArrayList<>();
        List<BatchResult.Failure> failed = new ArrayList<>();
        for (BatchEntry<C> entry : entries) {
            try {
                action.accept(entry);
                successful.add(new BatchResult.Success<>(entry.id(), null));
            } catch (AwsException e) {
                failed.add(BatchResult.Failure.of(entry.id(), e));
            }
        }
        return new BatchResult<>(successful, failed);
    }

    /**
     * FIFO handles live as long as their receive (sqs.md §3.3): one from an earlier receive, or of a message no longer
     * in flight, is refused by DeleteMessage and ChangeMessageVisibility alike.
     */
    private static void refuseExpiredFifoHandle(Queue queue, ReceiptHandle handle, String receiptHandle, Message m) {
        if (queue.settings().fifo() && (handle.receiveCount() != m.receiveCount || m.state != Message.State.INFLIGHT)) {
            throw SqsErrors.invalidParameter("ReceiptHandle", receiptHandle, "The receipt handle has expired.");
        }
    }

    /** Under the queue's lock: one message's visibility changed in memory, its write put into {@code batch}. */
    private static void changeVisibility(Queue queue, ReceiptHandle handle, String receiptHandle, int timeoutSeconds,
                                         long now, WriteBatch batch) {
        if (timeoutSeconds < 0 || timeoutSeconds > MAX_VISIBILITY_TIMEOUT) {
            throw SqsErrors.invalidParameter("VisibilityTimeout", timeoutSeconds,
                    "VisibilityTimeout must be an integer between 0 and 43200");
        }
        Message m = queue.messages.get(handle.ordinal());
        if (m == null) {
            throw SqsErrors.invalidParameter("ReceiptHandle", receiptHandle,
                    "Message does not exist or is not available for visibility timeout change.");
        }
        refuseExpiredFifoHandle(queue, handle, receiptHandle, m);
        if (m.state != Message.State.INFLIGHT) {
            throw SqsErrors.MESSAGE_NOT_INFLIGHT.error("Message does not exist or is not available for "
                    + "visibility timeout change.");
        }
        if (now + timeoutSeconds * 1000L > m.lastReceiveMillis + MAX_VISIBILITY_TIMEOUT * 1000L) {
            throw SqsErrors.invalidParameter("VisibilityTimeout", timeoutSeconds,
                    "Total VisibilityTimeout for the message is beyond the limit [43200 seconds]");
        }
        if (timeoutSeconds == 0) {
            queue.transition(m, Message.State.VISIBLE, now);
        } else {
            queue.transition(m, Message.State.INFLIGHT, now + timeoutSeconds * 1000L);
        }
        queue.persist(batch, m);
    }

    private static ReceiptHandle parse(EngineContext ctx, Queue queue, String text) {
        ReceiptHandle handle = ctx.receipts().parse(text);
        if (handle == null) {
            throw SqsErrors.RECEIPT_HANDLE_IS_INVALID.error("The input receipt handle \"" + text
                    + "\" is not a valid receipt handle.");
        }
        if (handle.queueNumber() != queue.number()) {
            throw SqsErrors.RECEIPT_HANDLE_IS_INVALID.error("The receipt handle \"" + text
                    + "\" isn't valid for this queue.");
        }
        return handle;
    }
}
