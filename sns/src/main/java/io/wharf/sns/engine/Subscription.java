package io.wharf.sns.engine;

import io.wharf.sns.filter.FilterPolicy;

import java.util.Map;

/**
 * A subscription, immutable: a change replaces it. {@code attributes} holds only what was set (RawMessageDelivery,
 * FilterPolicy, FilterPolicyScope, RedrivePolicy, DeliveryPolicy, SubscriptionRoleArn, ReplayPolicy);
 * {@code filterPolicy} is the compiled FilterPolicy, or null.
 *
 * @param token the confirmation token (pending subscriptions; kept so a repeated confirmation is idempotent)
 */
public record Subscription(String arn, String topicArn, String owner, String protocol, String endpoint,
                           Map<String, String> attributes, boolean confirmed, String token,
                           FilterPolicy filterPolicy) {

    public Subscription {
        attributes = Map.copyOf(attributes);
    }

    static Subscription of(String arn, String topicArn, String owner, String protocol, String endpoint,
                           Map<String, String> attributes, boolean confirmed, String token) {
        return new Subscription(arn, topicArn, owner, protocol, endpoint, attributes, confirmed, token,
                SubscriptionAttributes.compile(attributes));
    }

    Subscription withAttributes(Map<String, String> changed) {
        return of(arn, topicArn, owner, protocol, endpoint, changed, confirmed, token);
    }

    Subscription confirm() {
        return of(arn, topicArn, owner, protocol, endpoint, attributes, true, token);
    }

    public boolean rawMessageDelivery() {
        return "true".equalsIgnoreCase(attributes.get(SubscriptionAttributes.RAW_MESSAGE_DELIVERY));
    }

    /**
     * The endpoint as SNS shows it (List*, GetSubscriptionAttributes): an HTTP/S endpoint's password written as
     * {@code ****}, as AWS does. Deliveries use {@link #endpoint()}.
     */
    public String shownEndpoint() {
        return protocol.startsWith("http") ? Endpoints.masked(endpoint) : endpoint;
    }

    /** Without the endpoint's password, in case a subscription ever reaches a log line. */
    @Override
    public String toString() {
        return "Subscription[" + arn + " " + protocol + " " + shownEndpoint() + (confirmed ? "" : " pending") + "]";
    }

    /** What List* shows as the ARN: the ARN, or {@code PendingConfirmation}. */
    public String listedArn() {
        return confirmed ? arn : "PendingConfirmation";
    }
}
