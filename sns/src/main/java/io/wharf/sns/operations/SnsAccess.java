package io.wharf.sns.operations;

import io.wharf.protocol.Input;
import io.wharf.protocol.RequestContext;
import io.wharf.protocol.auth.AccessCheck;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What each SNS action needs permission for: {@code sns:<Action>}, PublishBatch needing {@code sns:Publish}; on the topic (a subscription's actions on its
 * topic), the platform application or endpoint, or the tagged resource; on {@code *} for listing and SMS actions.
 * ConfirmSubscription needs no permission: its token is the proof (the SubscribeURL works for anyone who received
 * it, as on AWS). An unsigned Unsubscribe (the UnsubscribeURL every notification carries) needs none either unless the
 * subscription was confirmed with AuthenticateOnUnsubscribe; {@code SnsService} decides that, as it needs the engine.
 */
public final class SnsAccess {
    private static final String[] RESOURCE_MEMBERS = {"TopicArn", "TargetArn", "ResourceArn", "PlatformApplicationArn",
            "EndpointArn"};

    private SnsAccess() {
    }

    public static List<AccessCheck> checks(String operation, Input input, RequestContext ctx) {
        String action = "sns:" + (operation.equals("PublishBatch") ? "Publish" : operation);
        return switch (operation) {
            case "ConfirmSubscription" -> List.of();
            case "CreateTopic" -> List.of(on(action, "arn:aws:sns:" + ctx.region() + ":" + ctx.accountId() + ":"
                    + input.string("Name")).withContext(requestTags(input.structs("Tags"))));
            case "TagResource" -> List.of(on(action, input.string("ResourceArn"))
                    .withContext(requestTags(input.structs("Tags"))));
            case "UntagResource" -> List.of(on(action, input.string("ResourceArn"))
                    .withContext(Map.of("aws:TagKeys", input.strings("TagKeys"))));
            case "Unsubscribe", "GetSubscriptionAttributes", "SetSubscriptionAttributes" ->
                    List.of(on(action, topicOf(input.string("SubscriptionArn"))));
            default -> {
                for (String member : RESOURCE_MEMBERS) {
                    if (input.has(member)) {
                        yield List.of(on(action, input.string(member)));
                    }
                }
                yield List.of(AccessCheck.anyResource(action));
            }
        };
    }

    /** A subscription's ARN is its topic's ARN and a UUID: {@code arn:aws:sns:region:account:topic:uuid}. */
    static String topicOf(String subscriptionArn) {
        int colon = subscriptionArn == null ? -1 : subscriptionArn.lastIndexOf(':');
        return colon < 0 || subscriptionArn.split(":", -1).length != 7 ? subscriptionArn : subscriptionArn.substring(0, colon);
    }

    private static AccessCheck on(String action, String arn) {
        if (arn == null || arn.isEmpty()) {
            return AccessCheck.anyResource(action);
        }
        String[] parts = arn.split(":", -1);
        String account = parts.length > 4 && parts[4].matches("\\d{12}") ? parts[4] : null;
        return account == null ? AccessCheck.anyResource(action) : AccessCheck.of(action, arn, account);
    }
    private static Map<String, List<String>> requestTags(List<Input> tags) {
        Map<String, String> sent = new LinkedHashMap<>();
        tags.forEach(tag -> sent.put(tag.string("Key"), String.valueOf(tag.string("Value"))));
        return AccessCheck.requestTags(sent);
    }
}
