package io.wharf.sns.engine;

import io.wharf.sns.SnsErrors;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** Topic attributes (sns.md §3.1): which may be set, how they are checked, what GetTopicAttributes shows. */
final class TopicAttributes {
    static final String FIFO_TOPIC = "FifoTopic";
    static final String CONTENT_BASED_DEDUPLICATION = "ContentBasedDeduplication";
    static final String POLICY = "Policy";
    static final String DISPLAY_NAME = "DisplayName";
    static final String SIGNATURE_VERSION = "SignatureVersion";

    static final String EFFECTIVE_DELIVERY_POLICY = "{\"http\":{\"defaultHealthyRetryPolicy\":{\"minDelayTarget\":20,"
            + "\"maxDelayTarget\":20,\"numRetries\":3,\"numMaxDelayRetries\":0,\"numNoDelayRetries\":0,"
            + "\"numMinDelayRetries\":0,\"backoffFunction\":\"linear\"},\"disableSubscriptionOverrides\":false,"
            + "\"defaultRequestPolicy\":{\"headerContentType\":\"text/plain; charset=UTF-8\"}}}";

    private static final Set<String> SETTABLE = Set.of(DISPLAY_NAME, POLICY, "DeliveryPolicy", "KmsMasterKeyId",
            SIGNATURE_VERSION, "TracingConfig", CONTENT_BASED_DEDUPLICATION, "FifoThroughputScope", "ArchivePolicy",
            "HTTPSuccessFeedbackRoleArn", "HTTPSuccessFeedbackSampleRate", "HTTPFailureFeedbackRoleArn",
            "FirehoseSuccessFeedbackRoleArn", "FirehoseSuccessFeedbackSampleRate", "FirehoseFailureFeedbackRoleArn",
            "LambdaSuccessFeedbackRoleArn", "LambdaSuccessFeedbackSampleRate", "LambdaFailureFeedbackRoleArn",
            "ApplicationSuccessFeedbackRoleArn", "ApplicationSuccessFeedbackSampleRate",
            "ApplicationFailureFeedbackRoleArn", "SQSSuccessFeedbackRoleArn", "SQSSuccessFeedbackSampleRate",
            "SQSFailureFeedbackRoleArn");
    private static final Set<String> FIFO_ONLY = Set.of(CONTENT_BASED_DEDUPLICATION, "FifoThroughputScope",
            "ArchivePolicy");

    private TopicAttributes() {
    }

    /** Checks CreateTopic's attributes for a topic of this name; returns them normalised. */
    static Map<String, String> validateCreate(String name, Map<String, String> attributes) {
        boolean fifoRequested = "true".equalsIgnoreCase(attributes.get(FIFO_TOPIC));
        boolean fifoName = name.endsWith(".fifo");
        if (!Arns.validTopicName(name, fifoName) || fifoName != fifoRequested) {
            if (fifoRequested) {
                throw SnsErrors.invalidParameter("Fifo Topic names must end with .fifo and must be made up of only "
                        + "uppercase and lowercase ASCII letters, numbers, underscores, and hyphens, and must be "
                        + "between 1 and 256 characters long.");
            }
            throw SnsErrors.invalidParameter("Topic Name");
        }
        Map<String, String> result = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : attributes.entrySet()) {
            if (e.getKey().equals(FIFO_TOPIC)) {
                String v = e.getValue();
                if (!v.equalsIgnoreCase("true") && !v.equalsIgnoreCase("false")) {
                    throw SnsErrors.invalidParameter("Attributes Reason: FifoTopic: Invalid value [" + v
                            + "]. Must be true or false.");
                }
                if (fifoRequested) {
                    result.put(FIFO_TOPIC, "true");
                }
                continue;
            }
            result.put(e.getKey(), validate(e.getKey(), e.getValue(), fifoRequested, "Attributes Reason: "));
        }
        return result;
    }

    /** One attribute of SetTopicAttributes (or CreateTopic, with its "Attributes Reason: " prefix). */
    static String validate(String name, String value, boolean fifo, String prefix) {
        if (!SETTABLE.contains(name)) {
            throw SnsErrors.invalidParameter(prefix.isEmpty() ? "AttributeName" : prefix + "Unknown attribute " + name);
        }
        String v = value == null ? "" : value;
        if (FIFO_ONLY.contains(name) && !fifo) {
            throw SnsErrors.invalidParameter(prefix + name + " is only available for FIFO topics");
        }
        switch (name) {
            case CONTENT_BASED_DEDUPLICATION -> {
                if (!v.equalsIgnoreCase("true") && !v.equalsIgnoreCase("false")) {
                    throw SnsErrors.invalidParameter(prefix + name + ": Invalid value [" + v
                            + "]. Must be true or false.");
                }
                return v.toLowerCase(java.util.Locale.ROOT);
            }
            case "FifoThroughputScope" -> requireOneOf(prefix, name, v, "Topic", "MessageGroup");
            case SIGNATURE_VERSION -> requireOneOf(prefix, name, v, "1", "2");
            case "TracingConfig" -> requireOneOf(prefix, name, v, "PassThrough", "Active");
            case "DeliveryPolicy" -> {
                if (!v.isEmpty()) {
                    RetryPolicy.validateTopicPolicy(v, prefix);
                }
            }
            case POLICY, "ArchivePolicy" -> {
                if (!v.isEmpty() && !Json.isObject(v)) {
                    throw SnsErrors.invalidParameter(prefix + name + ": failed to parse JSON.");
                }
            }
            default -> { }
        }
        return v;
    }

    private static void requireOneOf(String prefix, String name, String value, String... allowed) {
        for (String a : allowed) {
            if (a.equals(value)) {
                return;
            }
        }
        throw SnsErrors.invalidParameter(prefix + name + ": Invalid value [" + value + "]. Must be "
                + String.join(" or ", allowed) + ".");
    }

    /** GetTopicAttributes: identity, defaults, counters, then what was set. */
    static Map<String, String> view(Topic topic) {
        Map<String, String> view = new LinkedHashMap<>();
        view.put(POLICY, TopicPolicy.defaultPolicy(topic.arn, topic.owner));
        view.put("Owner", topic.owner);
        long confirmed = topic.subscriptions.stream().filter(Subscription::confirmed).count();
        view.put("SubscriptionsPending", Long.toString(topic.subscriptions.size() - confirmed));
        view.put("TopicArn", topic.arn);
        String deliveryPolicy = topic.attributes.get("DeliveryPolicy");
        view.put("EffectiveDeliveryPolicy", deliveryPolicy == null || deliveryPolicy.isEmpty()
                ? EFFECTIVE_DELIVERY_POLICY : deliveryPolicy);
        view.put("SubscriptionsConfirmed", Long.toString(confirmed));
        view.put(DISPLAY_NAME, "");
        view.put("SubscriptionsDeleted", Long.toString(topic.subscriptionsDeleted));
        if (topic.fifo) {
            view.put(FIFO_TOPIC, "true");
            view.put(CONTENT_BASED_DEDUPLICATION, "false");
        }
        view.putAll(topic.attributes);
        return view;
    }
}
