package io.wharf.sns.engine;

import io.wharf.sns.MessageAttribute;

import java.util.Map;

/**
 * A message to publish, as the caller gave it (validation happens in the engine). An attribute whose DataType was
 * missing has a null {@code dataType}.
 *
 * @param unsubscribeUrlBase where the envelope's UnsubscribeURL points ({@code http://host:port/})
 */
public record PublishCommand(String topicArn, String targetArn, String phoneNumber, String message, String subject,
                             String messageStructure, Map<String, MessageAttribute> attributes, String groupId,
                             String dedupId, String unsubscribeUrlBase) {
    public PublishCommand {
        attributes = attributes == null ? Map.of() : attributes;
    }

    public static PublishCommand of(String topicArn, String message) {
        return new PublishCommand(topicArn, null, null, message, null, null, Map.of(), null, null,
                "http://localhost:4566/");
    }
}
