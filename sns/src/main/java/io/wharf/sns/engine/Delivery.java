package io.wharf.sns.engine;

import io.wharf.sns.MessageAttribute;

import java.util.Map;

/**
 * One pending delivery of a published message to one SQS subscription: an outbox entry. The body is rendered at
 * publish time (envelope or raw), so a delivery needs nothing but itself, also after a restart.
 *
 * @param number              its key in the outbox; increasing in publish order
 * @param deadLetterTargetArn the subscription's RedrivePolicy target at publish time, or null
 */
public record Delivery(long number, String subscriptionArn, String queueArn, String body,
                       Map<String, MessageAttribute> attributes, String groupId, String dedupId,
                       String deadLetterTargetArn) {
}
