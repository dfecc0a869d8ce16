package io.wharf.server;

import io.wharf.firehose.engine.FirehoseEngine;
import io.wharf.protocol.AwsException;
import io.wharf.sns.FirehoseDelivery;
import io.wharf.sns.SqsDelivery;

import java.util.List;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * SNS {@code firehose} subscriptions delivered into Firehose delivery streams of this server: the record is the
 * notification as SNS formats it (the raw message, or the JSON envelope without RawMessageDelivery), durable in the
 * delivery stream's buffer when this returns. A missing stream or one that refuses puts (a Kinesis-sourced one) is a
 * permanent failure (SNS's redrive policy applies); a stream not yet ACTIVE is retried. The subscription's
 * SubscriptionRoleArn is not evaluated.
 */
final class SnsToFirehose implements FirehoseDelivery {
    private static final Pattern ARN = Pattern.compile(
            "arn:aws[a-z-]*:firehose:([a-z0-9-]+):(\\d{12}):deliverystream/([A-Za-z0-9_.-]+)");

    /** The Firehose engine, once it exists (SNS starts delivering its outbox before Firehose is built). */
    private final Supplier<FirehoseEngine> firehose;

    SnsToFirehose(Supplier<FirehoseEngine> firehose) {
        this.firehose = firehose;
    }

    @Override
    public void deliver(String topicArn, String deliveryStreamArn, byte[] record) {
        Matcher m = ARN.matcher(deliveryStreamArn);
        if (!m.matches()) {
            throw new SqsDelivery.DeliveryException("not a delivery stream ARN: " + deliveryStreamArn, true, null);
        }
        FirehoseEngine engine = firehose.get();
        if (engine == null) {
            throw new SqsDelivery.DeliveryException("Firehose is not started yet", false, null);
        }
        try {
            engine.put(m.group(3), m.group(2), m.group(1), List.of(record));
        } catch (AwsException e) {
            boolean permanent = !e.code().equals("ResourceInUseException") && !e.code().equals("ServiceUnavailableException");
            throw new SqsDelivery.DeliveryException(e.getMessage(), permanent, e);
        }
    }
}
