package io.wharf.sqs.engine;

import java.util.List;
import java.util.Set;

/**
 * A receive request. Null integers mean "not given" (the queue's settings apply).
 *
 * @param systemAttributeNames   union of AttributeNames and MessageSystemAttributeNames
 * @param messageAttributeNames  "All", ".*", "prefix.*" or exact names
 */
public record ReceiveCommand(Integer maxNumberOfMessages, Integer visibilityTimeout, Integer waitTimeSeconds,
                             Set<String> systemAttributeNames, List<String> messageAttributeNames,
                             String receiveRequestAttemptId) {
    public ReceiveCommand {
        systemAttributeNames = systemAttributeNames == null ? Set.of() : Set.copyOf(systemAttributeNames);
        messageAttributeNames = messageAttributeNames == null ? List.of() : List.copyOf(messageAttributeNames);
    }

    /** A short-poll receive of up to {@code max} messages with no attributes. */
    public static ReceiveCommand of(int max) {
        return new ReceiveCommand(max, null, 0, Set.of(), List.of(), null);
    }
}
