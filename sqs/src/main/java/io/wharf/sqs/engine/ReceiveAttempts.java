package io.wharf.sqs.engine;

import io.wharf.sqs.SqsErrors;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * FIFO ReceiveRequestAttemptId (sqs.md §3.11): a receive retried with the same id within 5 minutes gets the
 * same messages and receipt handles again, provided none of them was deleted or had its visibility changed
 * meanwhile. Kept in memory only: it smooths over a lost response, which a restart ends anyway. Guarded by the
 * queue's lock.
 */
final class ReceiveAttempts {
    static final long WINDOW_MILLIS = 5 * 60 * 1000L;
    private static final Pattern ATTEMPT_ID = Pattern.compile("[\\x21-\\x7E]{1,128}");

    private record Delivery(Message message, int receiveCount, long visibleAtMillis) {
    }

    private record Attempt(List<Delivery> deliveries, long expiresAtMillis) {
    }

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
    List<Message> replay(Queue queue, String attemptId, long now, int timeoutSeconds) {
        prune(now);
        Attempt attempt = attempts.get(attemptId);
        if (attempt == null) {
            return null;
        }
        for (Delivery d : attempt.deliveries()) {
            Message m = queue.messages.get(d.message().ordinal);
            if (m != d.message() || m.state != Message.State.INFLIGHT || m.receiveCount != d.receiveCount()
                    || m.visibleAtMillis != d.visibleAtMillis()) {
                attempts.remove(attemptId);
                return null;
            }
        }
        List<Message> messages = new ArrayList<>();
        for (Delivery d : attempt.deliveries()) {
            queue.transition(d.message(), Message.State.INFLIGHT, now + timeoutSeconds * 1000L);
            messages.add(d.message());
        }
        remember(attemptId, messages, attempt.expiresAtMillis());
        return messages;
    }

    void remember(String attemptId, List<Message> messages, long expiresAtMillis) {
        List<Delivery> deliveries = messages.stream()
                .map(m -> new Delivery(m, m.receiveCount, m.visibleAtMillis)).toList();
        attempts.put(attemptId, new Attempt(deliveries, expiresAtMillis));
    }

    private void prune(long now) {
        Iterator<Map.Entry<String, Attempt>> it = attempts.entrySet().iterator();
        while (it.hasNext() && it.next().getValue().expiresAtMillis() <= now) {
            it.remove();
        }
    }
}
