package io.wharf.s3.engine;

import java.util.List;

/**
 * One queue or topic configuration of a bucket's notification configuration: where events go, which events
 * ({@code s3:ObjectCreated:*}, {@code s3:ObjectRemoved:Delete}…) and for which keys (prefix and suffix rules; null when
 * absent).
 */
public record NotificationRule(String id, Destination destination, String arn, List<String> events, String prefix,
                               String suffix) {
    public enum Destination { QUEUE, TOPIC }

    /** Whether an event of this name ({@code s3:ObjectCreated:Put}) for this key goes to this rule's destination. */
    boolean matches(String eventName, String key) {
        if (prefix != null && !key.startsWith(prefix)) {
            return false;
        }
        if (suffix != null && !key.endsWith(suffix)) {
            return false;
        }
        for (String e : events) {
            if (e.equals(eventName) || (e.endsWith(":*") && eventName.startsWith(e.substring(0, e.length() - 1)))) {
                return true;
            }
        }
        return false;
    }
}
