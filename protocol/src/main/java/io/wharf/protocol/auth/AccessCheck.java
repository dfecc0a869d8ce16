package io.wharf.protocol.auth;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What one call needs permission for, as a service declares it from the call's parameters: the action, the resource
 * and the service-specific condition keys. Most calls need one; a call that needs none (STS GetCallerIdentity, SNS
 * ConfirmSubscription with its token) declares an empty list.
 *
 * @param action          e.g. {@code sqs:SendMessage} (SendMessageBatch needs this one too)
 * @param resourceArn     the resource ARN, or {@code *}
 * @param resourceAccount the resource's owner account, or null for {@code *}
 * @param context         request-specific condition keys ({@code aws:RequestTag/…}, {@code aws:TagKeys},
 *                        {@code kinesis:…}); the gateway adds the global ones
 */
public record AccessCheck(String action, String resourceArn, String resourceAccount,
                          Map<String, List<String>> context) {
    public AccessCheck {
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(resourceArn, "resourceArn");
        context = context == null ? Map.of() : context;
    }

    public static AccessCheck of(String action, String resourceArn, String resourceAccount) {
        return new AccessCheck(action, resourceArn, resourceAccount, Map.of());
    }

    /** An action without a resource (the policy's Resource must match {@code *}). */
    public static AccessCheck anyResource(String action) {
        return new AccessCheck(action, "*", null, Map.of());
    }

    public AccessCheck withContext(Map<String, List<String>> more) {
        java.util.Map<String, List<String>> merged = new java.util.LinkedHashMap<>(context);
        merged.putAll(more);
        return new AccessCheck(action, resourceArn, resourceAccount, merged);
    }

    /** The condition keys of tags sent with a request: {@code aws:RequestTag/<key>} and {@code aws:TagKeys}. */
    public static Map<String, List<String>> requestTags(Map<String, String> tags) {
        if (tags.isEmpty()) {
            return Map.of();
        }
        java.util.Map<String, List<String>> keys = new java.util.LinkedHashMap<>();
        tags.forEach((key, value) -> keys.put("aws:RequestTag/" + key, List.of(value)));
        keys.put("aws:TagKeys", List.copyOf(tags.keySet()));
        return keys;
    }
}
