package io.wharf.console.view;

import java.util.Map;

/** A peeked message as shown. */
public record PeekedRow(String messageId, String state, String sent, int receiveCount, String groupId, String body,
                        Map<String, String> attributes) {
}
