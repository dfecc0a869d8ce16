package io.wharf.sns.engine;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wharf.sns.SnsErrors;
import io.wharf.sns.filter.FilterPolicy;
import io.wharf.sns.filter.InvalidFilterPolicyException;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** Subscription attributes (sns.md §3.2): which may be set, their checks (AWS's texts), what Get shows. */
final class SubscriptionAttributes {
    static final String RAW_MESSAGE_DELIVERY = "RawMessageDelivery";
    static final String FILTER_POLICY = "FilterPolicy";
    static final String FILTER_POLICY_SCOPE = "FilterPolicyScope";
    static final String REDRIVE_POLICY = "RedrivePolicy";
    private static final Set<String> SETTABLE = Set.of(RAW_MESSAGE_DELIVERY, FILTER_POLICY, FILTER_POLICY_SCOPE,
            REDRIVE_POLICY, "DeliveryPolicy", "SubscriptionRoleArn", "ReplayPolicy");

    private SubscriptionAttributes() {
    }

    /**
     * Checks one attribute and returns its stored form. {@code prefix} is "Attributes Reason: " on Subscribe.
     * {@code all} are the attributes it will live with (FilterPolicyScope decides how FilterPolicy parses).
     */
    static String validate(String name, String value, Map<String, String> all, boolean fifoTopic, String prefix) {
        if (!SETTABLE.contains(name)) {
            throw SnsErrors.invalidParameter(prefix.isEmpty() ? "AttributeName" : prefix + "Unknown attribute " + name);
        }
        String v = value == null ? "" : value;
        switch (name) {
            case RAW_MESSAGE_DELIVERY -> {
                if (!v.equalsIgnoreCase("true") && !v.equalsIgnoreCase("false")) {
                    throw SnsErrors.invalidParameter(prefix + "RawMessageDelivery: Invalid value [" + v
                            + "]. Must be true or false.");
                }
                return v.toLowerCase(Locale.ROOT);
            }
            case FILTER_POLICY_SCOPE -> {
                if (!v.equals("MessageAttributes") && !v.equals("MessageBody")) {
                    throw SnsErrors.invalidParameter(prefix + "FilterPolicyScope: Invalid value [" + v
                            + "]. Please use either MessageBody or MessageAttributes");
                }
                String policy = all.get(FILTER_POLICY);
                if (policy != null && !policy.isEmpty()) {
                    filterPolicy(policy, v.equals("MessageBody"), prefix);
                }
            }
            case FILTER_POLICY -> {
                if (!v.isEmpty()) {
                    filterPolicy(v, "MessageBody".equals(all.get(FILTER_POLICY_SCOPE)), prefix);
                }
            }
            case REDRIVE_POLICY -> redrivePolicy(v, fifoTopic, prefix);
            case "DeliveryPolicy" -> {
                if (!v.isEmpty()) {
                    RetryPolicy.validateSubscriptionPolicy(v, prefix);
                }
            }
            default -> { }
        }
        return v;
    }

    private static void filterPolicy(String policy, boolean messageBody, String prefix) {
        try {
            FilterPolicy.parse(policy, messageBody);
        } catch (InvalidFilterPolicyException e) {
            throw SnsErrors.invalidParameter(prefix + "FilterPolicy: " + e.getMessage());
        }
    }

    private static void redrivePolicy(String value, boolean fifoTopic, String prefix) {
        if (value.isEmpty()) {
            return;
        }
        ObjectNode policy = Json.parseObject(value);
        if (policy == null) {
            throw SnsErrors.invalidParameter(prefix + "RedrivePolicy: failed to parse JSON.");
        }
        String target = policy.path("deadLetterTargetArn").asText("");
        if (!Arns.isSqsArn(target)) {
            throw SnsErrors.invalidParameter(prefix + "RedrivePolicy: deadLetterTargetArn is an invalid arn");
        }
        if (fifoTopic && !target.endsWith(".fifo")) {
            throw SnsErrors.invalidParameter(prefix + "RedrivePolicy: must use a FIFO queue as DLQ for a FIFO "
                    + "Subscription to a FIFO Topic.");
        }
    }

    /** The compiled filter policy of valid attributes, or null when there is none. */
    /**
     * Kept with a subscription's attributes (so it is stored and recovered with them) but never shown: set by a signed
     * ConfirmSubscription with AuthenticateOnUnsubscribe=true.
     */
    static final String AUTHENTICATE_ON_UNSUBSCRIBE = "wharf:AuthenticateOnUnsubscribe";

    static FilterPolicy compile(Map<String, String> attributes) {
        String policy = attributes.get(FILTER_POLICY);
        if (policy == null || policy.isEmpty()) {
            return null;
        }
        return FilterPolicy.parse(policy, "MessageBody".equals(attributes.get(FILTER_POLICY_SCOPE)));
    }

    /** GetSubscriptionAttributes: identity, defaults, then what was set. */
    static Map<String, String> view(Subscription s, Topic topic) {
        Map<String, String> view = new LinkedHashMap<>();
        view.put("ConfirmationWasAuthenticated", Boolean.toString(s.confirmed()));
        view.put("Owner", s.owner());
        view.put("PendingConfirmation", Boolean.toString(!s.confirmed()));
        view.put("Protocol", s.protocol());
        view.put(RAW_MESSAGE_DELIVERY, "false");
        view.put("Endpoint", s.shownEndpoint());
        view.put("SubscriptionArn", s.arn());
        view.put("SubscriptionPrincipal", "arn:aws:iam::" + s.owner() + ":user/wharf");
        view.put("TopicArn", s.topicArn());
        s.attributes().forEach((k, v) -> {
            if (!v.isEmpty() && !k.equals(AUTHENTICATE_ON_UNSUBSCRIBE)) {
                view.put(k, v);
            }
        });
        if (s.protocol().startsWith("http")) {
            view.put("EffectiveDeliveryPolicy", RetryPolicy.effective(
                    topic == null ? null : topic.attributes.get("DeliveryPolicy"),
                    s.attributes().get("DeliveryPolicy")).toJson());
        }
        if (s.attributes().containsKey(FILTER_POLICY) && !s.attributes().get(FILTER_POLICY).isEmpty()) {
            view.putIfAbsent(FILTER_POLICY_SCOPE, "MessageAttributes");
        }
        return view;
    }
}
