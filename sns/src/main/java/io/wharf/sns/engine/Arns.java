package io.wharf.sns.engine;

import io.wharf.sns.SnsErrors;

import java.util.regex.Pattern;

/** SNS ARNs: {@code arn:aws:sns:region:account:topic} and {@code ...:topic:uuid} for subscriptions. */
public final class Arns {
    private static final Pattern TOPIC_NAME = Pattern.compile("[A-Za-z0-9_-]{1,256}");
    private static final Pattern FIFO_TOPIC_NAME = Pattern.compile("[A-Za-z0-9_-]{1,251}\\.fifo");

    private Arns() {
    }

    public static String topic(String region, String account, String name) {
        return "arn:aws:sns:" + region + ":" + account + ":" + name;
    }

    static boolean validTopicName(String name, boolean fifo) {
        return (fifo ? FIFO_TOPIC_NAME : TOPIC_NAME).matcher(name).matches();
    }

    /**
     * The parts of an ARN given as {@code parameter}, with AWS's complaint when it has fewer than six.
     */
    static String[] split(String parameter, String arn) {
        String[] parts = arn.split(":", -1);
        if (parts.length < 6) {
            throw SnsErrors.invalidParameter(parameter + " Reason: An ARN must have at least 6 elements, not "
                    + parts.length);
        }
        return parts;
    }

    /** The topic's ARN from a subscription ARN (its last segment is the subscription id). */
    static String topicOfSubscription(String subscriptionArn) {
        return subscriptionArn.substring(0, subscriptionArn.lastIndexOf(':'));
    }

    /** The account field of an ARN ({@code arn:partition:service:region:account:...}), or "" when it has none. */
    static String account(String arn) {
        String[] parts = arn.split(":", -1);
        return parts.length > 4 ? parts[4] : "";
    }

    /** {@code arn:aws:sqs:...} with six parts: an SQS queue ARN. */
    static boolean isSqsArn(String endpoint) {
        String[] parts = endpoint == null ? new String[0] : endpoint.split(":", -1);
        return parts.length == 6 && parts[0].equals("arn") && parts[2].equals("sqs") && !parts[5].isEmpty();
    }
}
