package io.wharf.server;

import io.wharf.protocol.AwsException;
import io.wharf.sns.MessageAttribute;
import io.wharf.sns.SqsDelivery;
import io.wharf.sqs.engine.MessageAttributeValue;
import io.wharf.sqs.engine.QueueId;
import io.wharf.sqs.engine.SendCommand;
import io.wharf.sqs.engine.SqsEngine;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * SNS's way into SQS: a delivery is a SendMessage on the SQS engine, durable when it returns. A queue that does
 * not exist, or a message it refuses (a client error), is a permanent failure; anything else may be retried.
 */
final class SqsFanOut implements SqsDelivery {
    /** The SenderId SQS shows for messages SNS delivered. */
    static final String SNS_SENDER = "AIDAISMY7JYY5F7RTT6AO";

    private final SqsEngine sqs;

    SqsFanOut(SqsEngine sqs) {
        this.sqs = sqs;
    }

    @Override
    public void deliver(String queueArn, String body, Map<String, MessageAttribute> attributes, String groupId,
                        String dedupId) {
        QueueId queue = QueueId.fromArn(queueArn);
        if (queue == null) {
            throw new DeliveryException("not an SQS queue ARN: " + queueArn, true, null);
        }
        Map<String, MessageAttributeValue> sqsAttributes = new LinkedHashMap<>();
        attributes.forEach((name, a) -> sqsAttributes.put(name,
                new MessageAttributeValue(a.dataType(), a.stringValue(), a.binaryValue())));
        // SQS standard queues take a MessageGroupId (fair queues); a dedup id only means something to FIFO queues
        SendCommand command = new SendCommand(body, null, sqsAttributes, Map.of(),
                queue.isFifo() ? dedupId : null, groupId, SNS_SENDER);
        try {
            sqs.sendMessage(queue, command);
        } catch (AwsException e) {
            throw new DeliveryException(e.code() + ": " + e.getMessage(), e.senderFault(), e);
        }
    }
}
