package io.wharf.sqs.engine;

/** What a successful send answers; the MD5s of attributes are null when none were sent. */
public record SendResult(String messageId, String md5OfMessageBody, String md5OfMessageAttributes,
                         String md5OfMessageSystemAttributes, String sequenceNumber) {
}
