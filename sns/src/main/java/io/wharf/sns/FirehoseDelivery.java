package io.wharf.sns;

/**
 * How SNS puts a message into a Firehose delivery stream ({@code firehose} subscriptions). SNS does not depend on
 * Firehose; the server wires this to its Firehose engine. An implementation returns once the record is durable in
 * the delivery stream's buffer, or throws {@link SqsDelivery.DeliveryException} (permanent when the delivery stream is
 * gone or refuses the record: the message then goes to the subscription's dead-letter queue, if any).
 */
@FunctionalInterface
public interface FirehoseDelivery {

    /**
     * @param topicArn          the topic the message was published to
     * @param deliveryStreamArn the subscription's endpoint, {@code arn:aws:firehose:region:account:deliverystream/name}
     * @param record            the record: the raw message (RawMessageDelivery) or the JSON notification envelope
     */
    void deliver(String topicArn, String deliveryStreamArn, byte[] record);

    /** No Firehose wired: every delivery fails, retried as a transient failure (the outbox keeps it). */
    FirehoseDelivery NONE = (topic, stream, record) -> {
        throw new SqsDelivery.DeliveryException("Firehose is not available", false, null);
    };
}
