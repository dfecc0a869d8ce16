package io.wharf.sqs.engine;

import java.util.Map;

/**
 * A message to send, as the caller gave it (validation happens in the engine).
 *
 * @param delaySeconds     per-message delay, or null for the queue's
 * @param systemAttributes MessageSystemAttributes (only AWSTraceHeader is legal)
 * @param senderId         who sent it, shown as the SenderId system attribute
 */
public record SendCommand(String body, Integer delaySeconds, Map<String, MessageAttributeValue> attributes,
                          Map<String, MessageAttributeValue> systemAttributes, String deduplicationId,
                          String groupId, String senderId) {
    public SendCommand {
        attributes = attributes == null ? Map.of() : attributes;
        systemAttributes = systemAttributes == null ? Map.of() : systemAttributes;
    }

    public static SendCommand of(String body) {
        return new SendCommand(body, null, Map.of(), Map.of(), null, null, SendCommand.DEFAULT_SENDER);
    }

    /** The sender id shown when a request carries no access key. */
    public static final String DEFAULT_SENDER = "AIDAIT2UOQQY3AUEKVGXU";
}
