package io.wharf.sns.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wharf.sns.SnsErrors;

import java.util.Locale;
import java.util.Set;

/**
 * How deliveries to one endpoint are retried (sns.md §6): an immediate phase, a pre-backoff phase at the minimum
 * delay, a backoff phase rising from the minimum to the maximum delay by the backoff function, and a post-backoff
 * phase at the maximum delay. HTTP/S take theirs from the topic's {@code DeliveryPolicy.http} and the
 * subscription's {@code DeliveryPolicy} ({@link #effective}); email uses AWS's fixed customer-managed policy.
 *
 * <p>AWS does not publish its backoff curves; Wharf's, for the fraction {@code f} of the backoff phase done:
 * linear {@code f}, arithmetic {@code f²}, geometric {@code f³}, exponential {@code (max/min)^f} scaled onto the
 * range. All four start just above the minimum and end at the maximum. No jitter (AWS adds some).
 *
 * @param maxReceivesPerSecond the throttle policy, or 0 for none
 * @param contentType          the request policy's {@code headerContentType}
 */
public record RetryPolicy(int minDelayTarget, int maxDelayTarget, int numRetries, int numNoDelayRetries,
                          int numMinDelayRetries, int numMaxDelayRetries, String backoffFunction,
                          int maxReceivesPerSecond, String contentType) {

    public static final String DEFAULT_CONTENT_TYPE = "text/plain; charset=UTF-8";
    /** HTTP/S without a DeliveryPolicy: 3 retries 20 s apart. */
    public static final RetryPolicy HTTP_DEFAULT = new RetryPolicy(20, 20, 3, 0, 0, 0, "linear", 0,
            DEFAULT_CONTENT_TYPE);
    /** SMTP, SMS, mobile push (fixed by AWS): 2 at 10 s, 10 rising to 600 s, 38 at 600 s. */
    public static final RetryPolicy CUSTOMER_MANAGED = new RetryPolicy(10, 600, 50, 0, 2, 38, "exponential", 0,
            DEFAULT_CONTENT_TYPE);

    private static final Set<String> BACKOFF_FUNCTIONS = Set.of("linear", "arithmetic", "geometric", "exponential");
    private static final int MAX_TOTAL_SECONDS = 3_600;

    /** The waits before each retry, in milliseconds; as many as {@code numRetries}. */
    public long[] delaysMillis() {
        long[] delays = new long[numRetries];
        int backoff = numRetries - numNoDelayRetries - numMinDelayRetries - numMaxDelayRetries;
        int i = 0;
        for (int k = 0; k < numNoDelayRetries; k++) {
            delays[i++] = 0;
        }
        for (int k = 0; k < numMinDelayRetries; k++) {
            delays[i++] = minDelayTarget * 1000L;
        }
        for (int k = 1; k <= backoff; k++) {
            delays[i++] = Math.round(backoffSeconds((double) k / backoff) * 1000);
        }
        for (int k = 0; k < numMaxDelayRetries; k++) {
            delays[i++] = maxDelayTarget * 1000L;
        }
        return delays;
    }

    private double backoffSeconds(double f) {
        double range = maxDelayTarget - minDelayTarget;
        double g = switch (backoffFunction) {
            case "arithmetic" -> f * f;
            case "geometric" -> f * f * f;
            case "exponential" -> maxDelayTarget == minDelayTarget ? f
                    : (Math.pow((double) maxDelayTarget / minDelayTarget, f) - 1)
                    / ((double) maxDelayTarget / minDelayTarget - 1);
            default -> f;
        };
        return minDelayTarget + range * g;
    }

    // ------------------------------------------------------------ from the attributes

    /**
     * The policy a subscription gets: the topic's {@code http} defaults, overridden by the subscription's own
     * policy unless the topic disables overrides. Either JSON may be null or empty.
     */
    public static RetryPolicy effective(String topicPolicy, String subscriptionPolicy) {
        RetryPolicy policy = HTTP_DEFAULT;
        ObjectNode topic = topicPolicy == null || topicPolicy.isEmpty() ? null : Json.parseObject(topicPolicy);
        boolean overridable = true;
        if (topic != null && topic.path("http").isObject()) {
            JsonNode http = topic.get("http");
            policy = policy.with(http.path("defaultHealthyRetryPolicy"), http.path("defaultThrottlePolicy"),
                    http.path("defaultRequestPolicy"));
            overridable = !http.path("disableSubscriptionOverrides").asBoolean(false);
        }
        ObjectNode own = subscriptionPolicy == null || subscriptionPolicy.isEmpty() ? null
                : Json.parseObject(subscriptionPolicy);
        if (own != null && overridable) {
            policy = policy.with(own.path("healthyRetryPolicy"), own.path("throttlePolicy"), own.path("requestPolicy"));
        }
        return policy;
    }

    private RetryPolicy with(JsonNode retry, JsonNode throttle, JsonNode request) {
        RetryPolicy p = this;
        if (retry.isObject()) {
            p = new RetryPolicy(retry.path("minDelayTarget").asInt(minDelayTarget),
                    retry.path("maxDelayTarget").asInt(maxDelayTarget), retry.path("numRetries").asInt(numRetries),
                    retry.path("numNoDelayRetries").asInt(0), retry.path("numMinDelayRetries").asInt(0),
                    retry.path("numMaxDelayRetries").asInt(0),
                    retry.path("backoffFunction").asText("linear").toLowerCase(Locale.ROOT),
                    p.maxReceivesPerSecond, p.contentType);
        }
        if (throttle.isObject()) {
            p = new RetryPolicy(p.minDelayTarget, p.maxDelayTarget, p.numRetries, p.numNoDelayRetries,
                    p.numMinDelayRetries, p.numMaxDelayRetries, p.backoffFunction,
                    throttle.path("maxReceivesPerSecond").asInt(0), p.contentType);
        }
        if (request.isObject() && request.hasNonNull("headerContentType")) {
            p = new RetryPolicy(p.minDelayTarget, p.maxDelayTarget, p.numRetries, p.numNoDelayRetries,
                    p.numMinDelayRetries, p.numMaxDelayRetries, p.backoffFunction, p.maxReceivesPerSecond,
                    request.get("headerContentType").asText());
        }
        return p;
    }

    /** A subscription's DeliveryPolicy attribute, checked as SetSubscriptionAttributes does. */
    static void validateSubscriptionPolicy(String value, String prefix) {
        ObjectNode policy = parse(value, prefix);
        check(policy.path("healthyRetryPolicy"), policy.path("throttlePolicy"), policy.path("requestPolicy"), prefix);
    }

    /** A topic's DeliveryPolicy attribute: {@code {"http": {"defaultHealthyRetryPolicy": …, …}}}. */
    static void validateTopicPolicy(String value, String prefix) {
        ObjectNode policy = parse(value, prefix);
        JsonNode http = policy.path("http");
        if (http.isObject()) {
            check(http.path("defaultHealthyRetryPolicy"), http.path("defaultThrottlePolicy"),
                    http.path("defaultRequestPolicy"), prefix);
        }
    }

    private static ObjectNode parse(String value, String prefix) {
        ObjectNode policy = Json.parseObject(value);
        if (policy == null) {
            throw SnsErrors.invalidParameter(prefix + "DeliveryPolicy: failed to parse JSON.");
        }
        return policy;
    }

    private static void check(JsonNode retry, JsonNode throttle, JsonNode request, String prefix) {
        if (retry.isObject()) {
            RetryPolicy p = HTTP_DEFAULT.with(retry, throttle, request);
            String bad = null;
            if (p.minDelayTarget < 1) {
                bad = "minDelayTarget must be at least 1";
            } else if (p.maxDelayTarget < p.minDelayTarget) {
                bad = "maxDelayTarget must be greater than or equal to minDelayTarget";
            } else if (p.maxDelayTarget > MAX_TOTAL_SECONDS) {
                bad = "maxDelayTarget must be less than or equal to " + MAX_TOTAL_SECONDS;
            } else if (p.numRetries < 0 || p.numRetries > 100) {
                bad = "numRetries must be between 0 and 100";
            } else if (p.numNoDelayRetries < 0 || p.numMinDelayRetries < 0 || p.numMaxDelayRetries < 0) {
                bad = "retry counts must not be negative";
            } else if (p.numNoDelayRetries + p.numMinDelayRetries + p.numMaxDelayRetries > p.numRetries) {
                bad = "numNoDelayRetries + numMinDelayRetries + numMaxDelayRetries must not exceed numRetries";
            } else if (!BACKOFF_FUNCTIONS.contains(p.backoffFunction)) {
                bad = "backoffFunction must be one of linear, arithmetic, geometric, exponential";
            } else if (java.util.Arrays.stream(p.delaysMillis()).sum() > MAX_TOTAL_SECONDS * 1000L) {
                bad = "The total retry time cannot be greater than " + MAX_TOTAL_SECONDS + " seconds";
            }
            if (bad != null) {
                throw SnsErrors.invalidParameter(prefix + "DeliveryPolicy: " + bad);
            }
        }
        if (throttle.isObject() && throttle.has("maxReceivesPerSecond")
                && throttle.get("maxReceivesPerSecond").asInt(0) < 1) {
            throw SnsErrors.invalidParameter(prefix + "DeliveryPolicy: maxReceivesPerSecond must be at least 1");
        }
        if (request.isObject() && request.has("headerContentType")
                && !request.get("headerContentType").asText("").matches("[\\w.+-]+/[\\w.+-]+(\\s*;.*)?")) {
            throw SnsErrors.invalidParameter(prefix + "DeliveryPolicy: headerContentType is not a valid content type");
        }
    }

    /** As GetSubscriptionAttributes shows it in {@code EffectiveDeliveryPolicy}. */
    String toJson() {
        ObjectNode node = Json.MAPPER.createObjectNode();
        node.putObject("healthyRetryPolicy").put("minDelayTarget", minDelayTarget)
                .put("maxDelayTarget", maxDelayTarget).put("numRetries", numRetries)
                .put("numMaxDelayRetries", numMaxDelayRetries).put("numNoDelayRetries", numNoDelayRetries)
                .put("numMinDelayRetries", numMinDelayRetries).put("backoffFunction", backoffFunction);
        if (maxReceivesPerSecond > 0) {
            node.putObject("throttlePolicy").put("maxReceivesPerSecond", maxReceivesPerSecond);
        }
        node.putObject("requestPolicy").put("headerContentType", contentType);
        node.put("guaranteed", false);
        return Json.text(node);
    }

    /** Stored with an outbox entry: the policy as it was when the message was published. */
    static RetryPolicy fromJson(String json) {
        ObjectNode node = json == null ? null : Json.parseObject(json);
        if (node == null) {
            return HTTP_DEFAULT;
        }
        return HTTP_DEFAULT.with(node.path("healthyRetryPolicy"), node.path("throttlePolicy"),
                node.path("requestPolicy"));
    }
}
