package io.wharf.sqs.engine;

import io.wharf.sqs.SqsErrors;
import io.wharf.storage.ExpiringIds;
import io.wharf.storage.Store;
import io.wharf.storage.WriteBatch;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * FIFO ReceiveRequestAttemptId (sqs.md §3.11): a receive retried with the same id within 5 minutes gets the
 * same messages and receipt handles again, their visibility timeout restarted, provided none of them was
 * deleted, received by someone else or had its visibility changed meanwhile; otherwise the retry is a fresh
 * receive. Durable ({@code sqs.attempts}): a client retrying across a server restart or crash still gets its
 * batch back. The attempts live in the store, as the deduplication ids do ({@link ExpiringIds}, expiring in the order
 * of {@code sqs.attemptexp}): memory holds only those whose receive was not yet answered, so it does not grow with
 * the rate of receives times the five minutes. Guarded by the queue's lock, except {@link #settled}; changes go into
 * the caller's batch.
 */
final class ReceiveAttempts {
    static final long WINDOW_MILLIS = 5 * 60 * 1000L;
    private static final Pattern ATTEMPT_ID = Pattern.compile("[\\x21-\\x7E]{1,128}");
    private static final ExpiringIds.Codec<Attempt> CODEC =
            ExpiringIds.Codec.of(ReceiveAttempts::encode, ReceiveAttempts::decode, Attempt::expiresAtMillis);

    /** What a message looked like right after the attempt delivered it. */
    record Delivery(long ordinal, int receiveCount, long visibleAtMillis) {
    }

    record Attempt(List<Delivery> deliveries, long expiresAtMillis) {
    }

    /** A replayed attempt: its messages, and the attempt as remembered again (to {@link #settled}). */
    record Replayed(List<Message> messages, Attempt remembered) {
    }

    private final ExpiringIds<Attempt> attempts;

    ReceiveAttempts(Store store, SqsStoreLayout layout, long queueNumber) {
        this.attempts = new ExpiringIds<>(store, layout.attempts, layout.attemptExpiry,
                SqsStoreLayout.queuePrefix(queueNumber), CODEC);
    }

    static void check(String attemptId) {
        if (attemptId != null && !ATTEMPT_ID.matcher(attemptId).matches()) {
            throw SqsErrors.invalidParameter("ReceiveRequestAttemptId", attemptId,
                    "ReceiveRequestAttemptId can only include alphanumeric and punctuation characters. 1 to 128 in "
                            + "length.");
        }
    }

    /**
     * The messages of an earlier attempt with this id, their visibility restarted (the attempt is remembered again,
     * with its first expiry), or null when there is none or it no longer applies. One that no longer applies is not
     * forgotten (it expires): its messages' receive counts only grow, and a visibility changed since would have to come
     * back to the same millisecond for it to apply again.
     */
    Replayed replay(Queue queue, String attemptId, long now, int timeoutSeconds, WriteBatch batch) {
        Attempt attempt = attempts.find(attemptId, now);
        if (attempt == null) {
            return null;
        }
        List<Message> messages = new ArrayList<>();
        for (Delivery d : attempt.deliveries()) {
            Message m = queue.messages.get(d.ordinal());
            if (m == null || m.state != Message.State.INFLIGHT || m.receiveCount != d.receiveCount()
                    || m.visibleAtMillis != d.visibleAtMillis()) {
                return null;
            }
            messages.add(m);
        }
        for (Message m : messages) {
            queue.transition(m, Message.State.INFLIGHT, now + timeoutSeconds * 1000L);
        }
        return new Replayed(messages, remember(attemptId, messages, attempt.expiresAtMillis(), batch));
    }

    /** Remembers what an attempt delivered; it stays in memory until {@link #settled}. */
    Attempt remember(String attemptId, List<Message> messages, long expiresAtMillis, WriteBatch batch) {
        List<Delivery> deliveries = messages.stream()
                .map(m -> new Delivery(m.ordinal, m.receiveCount, m.visibleAtMillis)).toList();
        Attempt attempt = new Attempt(deliveries, expiresAtMillis);
        attempts.remember(attemptId, attempt, batch);
        return attempt;
    }

    /** The receive that remembered the attempt awaited its commit (or saw it fail). Needs no lock. */
    void settled(String attemptId, Attempt attempt) {
        attempts.settled(List.of(attemptId), List.of(attempt));
    }

    /** Deletes the attempts that expired (into {@code batch}), a bounded number a call. */
    void expire(long now, WriteBatch batch) {
        attempts.expire(now, batch);
    }

    /** On start: the expired attempts are deleted, the others' expiry records written (into {@code batch}). */
    void recover(long now, WriteBatch batch) {
        attempts.recover(now, batch);
    }

    /** The queue is deleted: its attempts go with it. */
    void deleteAll(WriteBatch batch) {
        attempts.deleteAll(batch);
    }

    /** Attempts memory holds: those whose receive was not yet answered. */
    int pendingCount() {
        return attempts.pendingCount();
    }

    /** {@code sqs.attempts} value: v, expiresAt:long, count:int, then per message ordinal, receiveCount, visibleAt. */
    static byte[] encode(Attempt a) {
        return SqsStoreLayout.write(out -> {
            out.writeLong(a.expiresAtMillis());
            out.writeInt(a.deliveries().size());
            for (Delivery d : a.deliveries()) {
                out.writeLong(d.ordinal());
                out.writeInt(d.receiveCount());
                out.writeLong(d.visibleAtMillis());
            }
        });
    }

    static Attempt decode(byte[] value) {
        return SqsStoreLayout.read(value, in -> {
            long expires = in.readLong();
            int n = in.readInt();
            List<Delivery> deliveries = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                deliveries.add(new Delivery(in.readLong(), in.readInt(), in.readLong()));
            }
            return new Attempt(List.copyOf(deliveries), expires);
        });
    }
}
