package io.wharf.sns.engine;

import io.wharf.sns.MessageAttribute;

import java.util.Map;

/**
 * One pending delivery to one subscription: an outbox entry. Everything is rendered when the entry is written
 * (the body, signed; the retry policy in force), so a delivery needs nothing but itself, also after a restart.
 *
 * @param number              its key in the outbox; increasing in publish order
 * @param protocol            the subscription's protocol: sqs, http, https, email, email-json
 * @param endpoint            queue ARN, URL or mail address
 * @param type                Notification, SubscriptionConfirmation or UnsubscribeConfirmation
 * @param subject             the mail subject (email protocols), else the publish Subject or null
 * @param attributes          SQS message attributes (raw SQS delivery only)
 * @param deadLetterTargetArn the subscription's RedrivePolicy target at publish time, or null
 * @param raw                 RawMessageDelivery (HTTP/S: the {@code x-amz-sns-rawdelivery} header)
 * @param policy              HTTP/S: the effective delivery policy as JSON ({@link RetryPolicy#toJson}); else null
 */
public record Delivery(long number, String subscriptionArn, String protocol, String endpoint, String type,
                       String messageId, String topicArn, String subject, String body,
                       Map<String, MessageAttribute> attributes, String groupId, String dedupId,
                       String deadLetterTargetArn, boolean raw, String policy) {

    public Delivery {
        attributes = Map.copyOf(attributes);
    }

    /** Without the body or the endpoint's password, in case a delivery ever reaches a log line. */
    @Override
    public String toString() {
        return "Delivery[" + number + " " + type + " " + messageId + " for " + subscriptionArn + " to "
                + Endpoints.masked(endpoint) + "]";
    }

    /** SQS and Firehose deliveries go through the in-process lanes; the others through HTTP/mail. */
    boolean toQueue() {
        return protocol.equals("sqs") || protocol.equals("firehose");
    }

    boolean notification() {
        return type.equals(Envelope.NOTIFICATION);
    }
}
