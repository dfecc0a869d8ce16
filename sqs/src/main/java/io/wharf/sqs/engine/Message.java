package io.wharf.sqs.engine;

import java.util.Map;

/**
 * One message of a queue. Identity, content and origin are fixed; the delivery state (state, visibleAt,
 * receive count, receive times) changes and is guarded by the owning {@link Queue}'s lock.
 */
final class Message {
    enum State { DELAYED, VISIBLE, INFLIGHT }

    /** Position in the queue: orders delivery, keys the store, and is the FIFO sequence number. */
    final long ordinal;
    final String messageId;
    final String body;
    final Map<String, MessageAttributeValue> attributes;
    final String traceHeader;
    final String groupId;
    final String deduplicationId;
    final String senderId;
    final long sentMillis;
    /** Original enqueue time: retention counts from here, also after a move to a dead-letter queue. */
    final long enqueuedMillis;
    /** ARN of the queue this message was dead-lettered from, or null. */
    final String deadLetterSourceArn;

    State state;
    long visibleAtMillis;
    int receiveCount;
    long firstReceiveMillis;
    long lastReceiveMillis;

    Message(long ordinal, String messageId, String body, Map<String, MessageAttributeValue> attributes,
            String traceHeader, String groupId, String deduplicationId, String senderId, long sentMillis,
            long enqueuedMillis, String deadLetterSourceArn) {
        this.ordinal = ordinal;
        this.messageId = messageId;
        this.body = body;
        this.attributes = attributes;
        this.traceHeader = traceHeader;
        this.groupId = groupId;
        this.deduplicationId = deduplicationId;
        this.senderId = senderId;
        this.sentMillis = sentMillis;
        this.enqueuedMillis = enqueuedMillis;
        this.deadLetterSourceArn = deadLetterSourceArn;
    }

    /** A copy for another queue (dead-letter move, move task) with a new ordinal, visible at once. */
    Message movedTo(long newOrdinal, String sourceArn, long enqueued, int receiveCount, long now) {
        Message moved = new Message(newOrdinal, messageId, body, attributes, traceHeader, groupId, deduplicationId,
                senderId, sentMillis, enqueued, sourceArn);
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
        return "Message[" + messageId + " #" + ordinal + " " + state + "]";
    }
}
