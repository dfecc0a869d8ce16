package io.wharf.sqs.engine;

import io.wharf.sqs.SqsErrors;
import io.wharf.storage.WriteBatch;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * FIFO ReceiveRequestAttemptId (sqs.md §3.11): a receive retried with the same id within 5 minutes gets the
 * same messages and receipt handles again, their visibility timeout restarted, provided none of them was
 * deleted, received by someone else or had its visibility changed meanwhile; otherwise the retry is a fresh
 * receive. Durable ({@code sqs.attempts}): a client retrying across a server restart or crash still gets its
 * batch back. Guarded by the queue's lock; changes go into the caller's batch.
 */
final class ReceiveAttempts {
    static final long WINDOW_MILLIS = 5 * 60 * 1000L;
    private static final Pattern ATTEMPT_ID = Pattern.compile("[\\x21-\\x7E]{1,128}");

    /** What a message looked like right after the attempt delivered it. */
    record Delivery(long ordinal, int receiveCount, long visibleAtMillis) {
    }

    record Attempt(List<Delivery> deliveries, long expiresAtMillis) {
    }

    /** In insertion order, which is expiry order (one fixed window, a replay keeps the original expiry). */
    private final LinkedHashMap<String, Attempt> attempts = new LinkedHashMap<>();

    static void check(String attemptId) {
        if (attemptId != null && !ATTEMPT_ID.matcher(attemptId).matches()) {
            throw SqsErrors.invalidParameter("ReceiveRequestAttemptId", attemptId,
                    "ReceiveRequestAttemptId can only include alphanumeric and punctuation characters. 1 to 128 in "
                            + "length.");
        }
    }

    /**
     * The messages of an earlier attempt with this id, their visibility restarted, or null when there is none or
     * it no longer applies.
     */
    List<Message> replay(Queue queue, String attemptId, long now, int timeoutSeconds, WriteBatch batch) {
        prune(queue, now, batch);
        Attempt attempt = attempts.get(attemptId);
        if (attempt == null) {
            return null;
        }
        List<Message> messages = new ArrayList<>();
        for (Delivery d : attempt.deliveries()) {
            Message m = queue.messages.get(d.ordinal());
            if (m == null || m.state != Message.State.INFLIGHT || m.receiveCount != d.receiveCount()
                    || m.visibleAtMillis != d.visibleAtMillis()) {
                forget(queue, attemptId, batch);
                return null;
            }
            messages.add(m);
        }
        for (Message m : messages) {
            queue.transition(m, Message.State.INFLIGHT, now + timeoutSeconds * 1000L);
        }
        remember(queue, attemptId, messages, attempt.expiresAtMillis(), batch);
        return messages;
    }

    void remember(Queue queue, String attemptId, List<Message> messages, long expiresAtMillis, WriteBatch batch) {
        List<Delivery> deliveries = messages.stream()
                .map(m -> new Delivery(m.ordinal, m.receiveCount, m.visibleAtMillis)).toList();
        Attempt attempt = new Attempt(deliveries, expiresAtMillis);
        attempts.put(attemptId, attempt);
        batch.put(queue.layout.attempts, SqsStoreLayout.attemptKey(queue.number(), attemptId), encode(attempt));
    }

    /** Recovery: an attempt read back from the store (call {@link #sortByExpiry} after the last). */
    void load(String attemptId, byte[] value) {
        attempts.put(attemptId, decode(value));
    }

    void sortByExpiry() {
        List<Map.Entry<String, Attempt>> all = new ArrayList<>(attempts.entrySet());
        all.sort(Comparator.comparingLong(e -> e.getValue().expiresAtMillis()));
        attempts.clear();
        all.forEach(e -> attempts.put(e.getKey(), e.getValue()));
    }

    int size() {
        return attempts.size();
    }

    private void forget(Queue queue, String attemptId, WriteBatch batch) {
        attempts.remove(attemptId);
        batch.delete(queue.layout.attempts, SqsStoreLayout.attemptKey(queue.number(), attemptId));
    }

    private void prune(Queue queue, long now, WriteBatch batch) {
        Iterator<Map.Entry<String, Attempt>> it = attempts.entrySet().iterator();
        while (it.hasNext()) {
            Map.Entry<String, Attempt> e = it.next();
            if (e.getValue().expiresAtMillis() > now) {
                break;
            }
            it.remove();
            batch.delete(queue.layout.attempts, SqsStoreLayout.attemptKey(queue.number(), e.getKey()));
        }
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
