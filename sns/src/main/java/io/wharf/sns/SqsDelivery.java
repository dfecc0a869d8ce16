package io.wharf.sns;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * How SNS puts a message into an SQS queue. SNS does not depend on SQS; the server wires this to its SQS
 * engine (DESIGN.md §4). An implementation returns once the message is durable in the queue, or throws.
 */
@FunctionalInterface
public interface SqsDelivery {

    /**
     * @param queueArn   the subscription's endpoint, {@code arn:aws:sqs:region:account:name}
     * @param body       the SQS message body (the JSON envelope, or the raw message)
     * @param attributes SQS message attributes (only with raw delivery; empty otherwise)
     * @param groupId    MessageGroupId to pass on, or null
     * @param dedupId    MessageDeduplicationId to pass on (FIFO topics), or null
     * @throws DeliveryException when the queue refuses the message (it is retried later)
     */
    void deliver(String queueArn, String body, Map<String, MessageAttribute> attributes, String groupId,
                 String dedupId);

    /**
     * A delivery on behalf of {@code topicArn}: what SNS calls, so the queue's policy can be asked whether it lets
     * {@code sns.amazonaws.com} send for that topic ({@code aws:SourceArn}). The default ignores the topic.
     */
    default void deliver(String topicArn, String queueArn, String body, Map<String, MessageAttribute> attributes,
                         String groupId, String dedupId) {
        deliver(queueArn, body, attributes, groupId, dedupId);
    }

    /**
     * Several messages for one queue on behalf of {@code topicArn}, put in the queue together (one durable write for
     * all when the implementation can). Answers, per message and in order, null when it is in the queue or why not;
     * a failure of the whole call may also be thrown. The default delivers them one by one.
     */
    default List<DeliveryException> deliverAll(String topicArn, String queueArn, List<Outgoing> messages) {
        List<DeliveryException> outcomes = new ArrayList<>(messages.size());
        for (Outgoing m : messages) {
            try {
                deliver(topicArn, queueArn, m.body(), m.attributes(), m.groupId(), m.dedupId());
                outcomes.add(null);
            } catch (DeliveryException e) {
                outcomes.add(e);
            }
        }
        return outcomes;
    }

    /** One message of {@link #deliverAll}: what {@link #deliver} takes for it. */
    record Outgoing(String body, Map<String, MessageAttribute> attributes, String groupId, String dedupId) {
    }

    /** A delivery that failed; {@code permanent} ones (queue gone, message refused) are not retried forever. */
    final class DeliveryException extends RuntimeException {
        private final boolean permanent;

        public DeliveryException(String message, boolean permanent, Throwable cause) {
            super(message, cause);
            this.permanent = permanent;
        }

        public boolean permanent() {
            return permanent;
        }
    }

    /** Delivers nowhere: for engines without SQS (tests of the control plane). */
    SqsDelivery NONE = (queueArn, body, attributes, groupId, dedupId) -> {
        throw new DeliveryException("no SQS here", true, null);
    };
}
