package io.wharf.sqs.engine;

import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Looking at a queue's oldest messages without receiving them (the console's "peek"): reads only, under the lock. */
final class Peeking {
    /** At most this many messages per look. */
    static final int MAX_MESSAGES = 50;

    private Peeking() {
    }

    static List<PeekedMessage> peek(EngineContext ctx, Queue queue, int max) {
        int limit = Math.max(0, Math.min(max, MAX_MESSAGES));
        List<PeekedMessage> result = new ArrayList<>(limit);
        queue.lock.lock();
        try {
            long now = ctx.clock().millis();
            for (Message m : queue.oldestFirst(limit)) {
                MessageContent content = ContentMemory.load(ctx, queue.number(), m);
                if (content == null) {
                    continue; // purged meanwhile
                }
                result.add(new PeekedMessage(content.messageId(), content.body(), attributes(content),
                        stateAt(m, now), content.sentMillis(), m.receiveCount, m.groupId));
            }
        } finally {
            queue.lock.unlock();
        }
        return result;
    }

    /** The state {@link Queue#advance} would give the message at {@code now}, without changing it. */
    private static String stateAt(Message m, long now) {
        if (m.state != Message.State.VISIBLE && m.visibleAtMillis <= now) {
            return "VISIBLE";
        }
        return switch (m.state) {
            case VISIBLE -> "VISIBLE";
            case INFLIGHT -> "IN_FLIGHT";
            case DELAYED, COLD -> "DELAYED";
        };
    }

    private static Map<String, String> attributes(MessageContent content) {
        Map<String, String> shown = new LinkedHashMap<>();
        content.attributes().forEach((name, value) -> shown.put(name, value.dataType() + ": "
                + (value.binaryValue() != null ? Base64.getEncoder().encodeToString(value.binaryValue())
                        : value.stringValue())));
        return shown;
    }
}
