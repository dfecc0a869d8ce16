package io.wharf.sqs.engine;

import io.wharf.protocol.AwsException;
import io.wharf.sqs.SqsErrors;
import io.wharf.storage.Commit;
import io.wharf.storage.WriteBatch;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.Function;

/** What callers do with receipt handles: DeleteMessage(Batch) and ChangeMessageVisibility(Batch) (sqs.md §2.7–2.8). */
final class Receipts {
    static final int MAX_VISIBILITY_TIMEOUT = 43_200;

    private Receipts() {
    }

    static void delete(EngineContext ctx, Queue queue, String receiptHandle) {
        ReceiptHandle handle = parse(ctx, queue, receiptHandle);
        submitDeletes(ctx, queue, (batch, deleted) -> delete(queue, handle, receiptHandle, batch, deleted)).await();
    }

    /**
     * DeleteMessageBatch: every entry under one hold of the queue's lock into one write, submitted once and awaited
     * once — as ten DeleteMessage calls would answer, but without ten locks, timer sweeps, writes and waits. An entry's
     * error (a handle that is not one, or has expired) fails that entry alone.
     */
    static BatchResult<Void> deleteBatch(EngineContext ctx, Queue queue, List<BatchEntry<String>> entries) {
        BatchRules.check(entries.stream().map(BatchEntry::id).toList(), "DeleteMessageBatchRequestEntry");
        List<BatchResult.Success<Void>> successful = new ArrayList<>();
        List<BatchResult.Failure> failed = new ArrayList<>();
        submitDeletes(ctx, queue, (batch, deleted) -> {
            for (BatchEntry<String> entry : entries) {
                try {
                    delete(queue, parse(ctx, queue, entry.command()), entry.command(), batch, deleted);
                    successful.add(new BatchResult.Success<>(entry.id(), null));
                } catch (AwsException e) {
                    failed.add(new BatchResult.Failure(entry.id(), e.code(), e.getMessage(), true));
                }
            }
        }).await(); // a failed await fails the whole request: the store is failed (fail-stop)
        return new BatchResult<>(successful, failed);
    }

    /**
     * Under the queue's lock: the delete of the message {@code handle} names, if it is still there, into
     * {@code batch} and {@code deleted} (once: two handles of one message in a batch delete it once).
     */
    private static void delete(Queue queue, ReceiptHandle handle, String receiptHandle, WriteBatch batch,
                               List<Message> deleted) {
        Message m = queue.messages.get(handle.ordinal());
        if (m != null && queue.settings().fifo() && (handle.receiveCount() != m.receiveCount
                || m.state != Message.State.INFLIGHT)) {
            throw SqsErrors.invalidParameter("ReceiptHandle", receiptHandle, "The receipt handle has expired.");
        }
        if (m != null && !deleted.contains(m)) {
            // standard queues: an older handle of a message still deletes it (the friendlier of AWS's answers)
            queue.persistDelete(batch, m);
            deleted.add(m);
        }
    }

    /**
     * Under one hold of the queue's lock: {@code deletes} puts its deletes into the write and the messages into the
     * list, the write is submitted, then the messages leave memory; the caller awaits the answer after the lock.
     * Submitted even when empty: a message already gone may have left by a delete not yet durable, and this answer
     * must not come before that delete's.
     */
    private static Commit submitDeletes(EngineContext ctx, Queue queue,
                                        BiConsumer<WriteBatch, List<Message>> deletes) {
        queue.lock.lock();
        try {
            long now = ctx.clock().millis();
            WriteBatch batch = queue.begin(now);
            List<Message> deleted = new ArrayList<>();
            deletes.accept(batch, deleted);
            Commit pending = ctx.store().submit(batch);
            for (Message m : deleted) {
                queue.remove(m); // only once the store took the delete, so a refused one cannot resurrect it later
                ctx.contents().release(m);
                queue.activity.deleted.increment(); // AWS/SQS NumberOfMessagesDeleted (counted once submitted)
            }
            queue.activity.used(now);
            return pending;
        } finally {
            queue.lock.unlock();
        }
    }

    static void changeVisibility(EngineContext ctx, Queue queue, String receiptHandle, int timeoutSeconds) {
        submitVisibilityChange(ctx, queue, receiptHandle, timeoutSeconds).await();
    }

    /** Changes the visibility in memory and submits the write under the lock; the caller awaits it after. */
    private static Commit submitVisibilityChange(EngineContext ctx, Queue queue, String receiptHandle,
                                                 int timeoutSeconds) {
        ReceiptHandle handle = parse(ctx, queue, receiptHandle);
        if (timeoutSeconds < 0 || timeoutSeconds > MAX_VISIBILITY_TIMEOUT) {
            throw SqsErrors.invalidParameter("VisibilityTimeout", timeoutSeconds,
                    "VisibilityTimeout must be an integer between 0 and 43200");
        }
        queue.lock.lock();
        try {
            long now = ctx.clock().millis();
            WriteBatch batch = queue.begin(now);
            Message m = queue.messages.get(handle.ordinal());
            // the error answers below do not depend on the timer changes, so those are submitted, not awaited
            if (m == null) {
                submitIfAny(ctx, batch);
                throw SqsErrors.invalidParameter("ReceiptHandle", receiptHandle,
                        "Message does not exist or is not available for visibility timeout change.");
            }
            if (queue.settings().fifo() && (handle.receiveCount() != m.receiveCount
                    || m.state != Message.State.INFLIGHT)) {
                // FIFO handles live as long as their visibility window (sqs.md §3.3), like for DeleteMessage
                submitIfAny(ctx, batch);
                throw SqsErrors.invalidParameter("ReceiptHandle", receiptHandle, "The receipt handle has expired.");
            }
            if (m.state != Message.State.INFLIGHT) {
                submitIfAny(ctx, batch);
                throw SqsErrors.MESSAGE_NOT_INFLIGHT.error("Message does not exist or is not available for "
                        + "visibility timeout change.");
            }
            if (now + timeoutSeconds * 1000L > m.lastReceiveMillis + MAX_VISIBILITY_TIMEOUT * 1000L) {
                submitIfAny(ctx, batch);
                throw SqsErrors.invalidParameter("VisibilityTimeout", timeoutSeconds,
                        "Total VisibilityTimeout for the message is beyond the limit [43200 seconds]");
            }
            if (timeoutSeconds == 0) {
                queue.transition(m, Message.State.VISIBLE, now);
            } else {
                queue.transition(m, Message.State.INFLIGHT, now + timeoutSeconds * 1000L);
            }
            queue.persist(batch, m);
            return ctx.store().submit(batch); // a receiver woken by the transition submits after this: see Queue
        } finally {
            queue.lock.unlock();
        }
    }

    static BatchResult<Void> changeVisibilityBatch(EngineContext ctx, Queue queue,
                                                   List<BatchEntry<VisibilityChange>> entries) {
        BatchRules.check(entries.stream().map(BatchEntry::id).toList(), "ChangeMessageVisibilityBatchRequestEntry");
        return each(entries, e -> submitVisibilityChange(ctx, queue, e.command().receiptHandle(),
                e.command().visibilityTimeout()));
    }

    /**
     * Runs each entry, submitting its write without waiting, then awaits them all: the entries' writes
     * share fsyncs instead of paying one each. A failed await fails the whole request, as the store is then
     * failed (fail-stop) and no entry can be reported done.
     */
    private static <C> BatchResult<Void> each(List<BatchEntry<C>> entries, Function<BatchEntry<C>, Commit> action) {
        List<BatchResult.Success<Void>> successful = new ArrayList<>();
        List<BatchResult.Failure> failed = new ArrayList<>();
        List<Commit> pending = new ArrayList<>();
        for (BatchEntry<C> entry : entries) {
            try {
                pending.add(action.apply(entry));
                successful.add(new BatchResult.Success<>(entry.id(), null));
            } catch (AwsException e) {
                if (e.code().equals(SqsErrors.QUEUE_DOES_NOT_EXIST.code())) {
                    throw e;
                }
                failed.add(new BatchResult.Failure(entry.id(), e.code(), e.getMessage(), true));
            }
        }
        pending.forEach(Commit::await);
        return new BatchResult<>(successful, failed);
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

    private static void submitIfAny(EngineContext ctx, WriteBatch batch) {
        if (!batch.isEmpty()) {
            ctx.store().submit(batch);
        }
    }
}
