package io.wharf.sqs.engine;

import java.util.Map;
import java.util.Objects;

/**
 * What a message carries, fixed once it is sent (a move to another queue writes a new copy with its
 * {@code deadLetterSourceArn}): stored in {@code sqs.bodies}, held in memory only while young.
 *
 * A value like a record's, plus the body's MD5 once known: every receive answers with it, and digesting a 1 KiB
 * body on each was 6 % of a roundtrip's server samples (JFR); the send computes it anyway, and a content read back
 * from the store computes it once, at its first receive.
 */
final class MessageContent {
    private final String messageId;
    private final String body;
    private final Map<String, MessageAttributeValue> attributes;
    private final String traceHeader;
    private final String deduplicationId;
    private final String senderId;
    private final long sentMillis;
    private final String deadLetterSourceArn;
    /** Set once (racing threads compute the same string); not part of the value. */
    private volatile String bodyMd5;

    /** @param deadLetterSourceArn ARN of the queue this message was dead-lettered from, or null */
    MessageContent(String messageId, String body, Map<String, MessageAttributeValue> attributes,
                   String traceHeader, String deduplicationId, String senderId, long sentMillis,
                   String deadLetterSourceArn) {
        this.messageId = messageId;
        this.body = body;
        this.attributes = attributes;
        this.traceHeader = traceHeader;
        this.deduplicationId = deduplicationId;
        this.senderId = senderId;
        this.sentMillis = sentMillis;
        this.deadLetterSourceArn = deadLetterSourceArn;
    }

    String messageId() {
        return messageId;
    }

    String body() {
        return body;
    }

    Map<String, MessageAttributeValue> attributes() {
        return attributes;
    }

    String traceHeader() {
        return traceHeader;
    }

    String deduplicationId() {
        return deduplicationId;
    }

    String senderId() {
        return senderId;
    }

    long sentMillis() {
        return sentMillis;
    }

    String deadLetterSourceArn() {
        return deadLetterSourceArn;
    }

    /** The body's MD5 as the SDKs verify it ({@link Md5#ofBody}), computed at most once per copy in memory. */
    String bodyMd5() {
        String md5 = bodyMd5;
        if (md5 == null) {
            md5 = Md5.ofBody(body);
            bodyMd5 = md5;
        }
        return md5;
    }

    /** Gives the body's MD5 when the caller has it already (the send digested the body's bytes). */
    MessageContent withBodyMd5(String md5) {
        bodyMd5 = md5;
        return this;
    }

    /** The same content arriving in another queue. */
    MessageContent withSourceArn(String sourceArn) {
        MessageContent moved = new MessageContent(messageId, body, attributes, traceHeader, deduplicationId, senderId,
                sentMillis, sourceArn);
        moved.bodyMd5 = bodyMd5;
        return moved;
    }

    /** Roughly the bytes memory spends on it: what the content budget counts. */
    long size() {
        long size = 64L + body.length() + messageId.length() + senderId.length();
        for (Map.Entry<String, MessageAttributeValue> e : attributes.entrySet()) {
            MessageAttributeValue v = e.getValue();
            size += e.getKey().length() + v.dataType().length()
                    + (v.binaryValue() != null ? v.binaryValue().length : v.stringValue().length());
        }
        return size;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MessageContent c && sentMillis == c.sentMillis && messageId.equals(c.messageId)
                && body.equals(c.body) && attributes.equals(c.attributes) && Objects.equals(traceHeader, c.traceHeader)
                && Objects.equals(deduplicationId, c.deduplicationId) && Objects.equals(senderId, c.senderId)
                && Objects.equals(deadLetterSourceArn, c.deadLetterSourceArn);
    }

    @Override
    public int hashCode() {
        return Objects.hash(messageId, body, attributes, traceHeader, deduplicationId, senderId, sentMillis,
                deadLetterSourceArn);
    }

    @Override
    public String toString() {
        return "MessageContent[" + messageId + ", " + body.length() + " chars]"; // the body is the user's data
    }
}
