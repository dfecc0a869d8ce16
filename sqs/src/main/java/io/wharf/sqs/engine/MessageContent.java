package io.wharf.sqs.engine;

import java.util.Map;

/**
 * What a message carries, fixed once it is sent (a move to another queue writes a new copy with its
 * {@code deadLetterSourceArn}): stored in {@code sqs.bodies}, held in memory only while young.
 *
 * @param deadLetterSourceArn ARN of the queue this message was dead-lettered from, or null
 */
record MessageContent(String messageId, String body, Map<String, MessageAttributeValue> attributes,
                      String traceHeader, String deduplicationId, String senderId, long sentMillis,
                      String deadLetterSourceArn) {

    /** The same content arriving in another queue. */
    MessageContent withSourceArn(String sourceArn) {
        return new MessageContent(messageId, body, attributes, traceHeader, deduplicationId, senderId, sentMillis,
                sourceArn);
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
}
