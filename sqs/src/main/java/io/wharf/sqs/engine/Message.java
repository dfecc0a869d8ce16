package io.wharf.sqs.engine;

/**
 * One message of a queue, as memory keeps it: position, group, age and delivery state. The delivery state
 * (state, visibleAt, receive count, receive times) changes and is guarded by the owning {@link Queue}'s lock.
 *
 * <p>The content (id, body, attributes, origin) lives in the store ({@code sqs.bodies}); memory holds it only
 * while the message is young (see {@link ContentMemory}), so a restart and a full queue stay small.
 */
final class Message {
    /**
     * Where the message is in its life. {@code COLD} is never held in memory: it marks the stored record of a delayed
     * message that only the timer index holds ({@link ColdDelays}).
     */
    enum State { DELAYED, VISIBLE, INFLIGHT, COLD }

    /** Position in the queue: orders delivery, keys the store, and is the FIFO sequence number. */
    final long ordinal;
    /** FIFO message group (kept in memory: delivery order depends on it), or null. */
    final String groupId;
    /** Original enqueue time: retention counts from here, also after a move to a dead-letter queue. */
    final long enqueuedMillis;

    State state;
    long visibleAtMillis;
    int receiveCount;
    long firstReceiveMillis;
    long lastReceiveMillis;

    /**
     * Whether the write that stored this message (send, move) is durable, so the store shows what memory does:
     * only then may it leave memory for the queue's {@link Backlog}.
     */
    volatile boolean settled;

    /** The content while it is held in memory, else null: read it with {@link ContentMemory#load}. */
    volatile MessageContent content;

    Message(long ordinal, String groupId, long enqueuedMillis) {
        this.ordinal = ordinal;
        this.groupId = groupId;
        this.enqueuedMillis = enqueuedMillis;
    }

    /** A copy for another queue (dead-letter move, move task) with a new ordinal, visible at once. */
    Message movedTo(long newOrdinal, long enqueued, int receiveCount, long now) {
        Message moved = new Message(newOrdinal, groupId, enqueued);
        moved.state = State.VISIBLE;
        moved.visibleAtMillis = now;
        moved.receiveCount = receiveCount;
        moved.firstReceiveMillis = receiveCount > 0 ? firstReceiveMillis : 0;
        return moved;
    }

    String sequenceNumber() {
        return String.format("%020d", ordinal);
    }

    @Override
    public String toString() {
        return "Message[#" + ordinal + " " + state + "]";
    }
}
