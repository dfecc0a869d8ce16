package io.wharf.sqs.engine;

import java.util.Map;

/**
 * A message as the console shows it without receiving it: nothing about it changes (no receive count, no
 * visibility timeout, no receipt handle).
 *
 * @param state         {@code VISIBLE}, {@code IN_FLIGHT} or {@code DELAYED} at the time of the look
 * @param attributes    the message attributes, each as its data type and its string value (binary ones in base64)
 * @param sentMillis    when it was sent
 * @param receiveCount  how often it has been received so far
 */
public record PeekedMessage(String messageId, String body, Map<String, String> attributes, String state,
                            long sentMillis, int receiveCount, String groupId) {
}
