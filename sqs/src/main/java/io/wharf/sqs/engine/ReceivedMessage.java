package io.wharf.sqs.engine;

import java.util.Map;

/**
 * A delivered message. {@code attributes} are the requested system attributes (timestamps in epoch millis);
 * {@code messageAttributes} the requested user attributes with their MD5 (both null/empty when none).
 */
public record ReceivedMessage(String messageId, String receiptHandle, String md5OfBody, String body,
                              Map<String, String> attributes, String md5OfMessageAttributes,
                              Map<String, MessageAttributeValue> messageAttributes) {
}
