package io.wharf.server;

import io.wharf.protocol.AwsException;
import io.wharf.protocol.auth.AccessControl;
import io.wharf.protocol.auth.AccessRequest;
import io.wharf.protocol.auth.Decision;
import io.wharf.protocol.auth.Principal;
import io.wharf.sns.MessageAttribute;
import io.wharf.sns.SqsDelivery;
import io.wharf.sqs.engine.BatchEntry;
import io.wharf.sqs.engine.BatchResult;
import io.wharf.sqs.engine.MessageAttributeValue;
import io.wharf.sqs.engine.QueueId;
import io.wharf.sqs.engine.SendCommand;
import io.wharf.sqs.engine.SendResult;
import io.wharf.sqs.engine.SqsEngine;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * SNS's way into SQS: a delivery is a SendMessage on the SQS engine, durable when it returns. A queue that does
 * not exist, or a message it refuses (a client error), is a permanent failure; anything else may be retried.
 *
 * <p>As on AWS, SNS is a service principal here: when policies are enforced, the queue's policy must allow
 * {@code sns.amazonaws.com} to {@code sqs:SendMessage}, usually only for the topic ({@code aws:SourceArn}) — same
 * account or not. Without that the delivery fails permanently (the subscription's dead-letter queue, if any, gets
 * the message — if its own policy lets SNS in).
 */
final class SqsFanOut implements SqsDelivery {
    /** The SenderId SQS shows for messages SNS delivered. */
    static final String SNS_SENDER = "AIDAISMY7JYY5F7RTT6AO";

    static final Principal SNS = Principal.service("sns.amazonaws.com");

    private final SqsEngine sqs;
    private final AccessControl access;

    SqsFanOut(SqsEngine sqs) {
        this(sqs, AccessControl.ALLOW_ALL);
    }

    /** @param access decides whether a queue lets SNS in; {@link AccessControl#ALLOW_ALL} unless policies are enforced */
    SqsFanOut(SqsEngine sqs, AccessControl access) {
        this.sqs = sqs;
        this.access = access;
    }

    @Override
    public void deliver(String queueArn, String body, Map<String, MessageAttribute> attributes, String groupId,
                        String dedupId) {
        deliver(null, queueArn, body, attributes, groupId, dedupId);
    }

    @Override
    public void deliver(String topicArn, String queueArn, String body, Map<String, MessageAttribute> attributes,
                        String groupId, String dedupId) {
        QueueId queue = QueueId.fromArn(queueArn);
        if (queue == null) {
            throw new DeliveryException("not an SQS queue ARN: " + queueArn, true, null);
        }
        if (access != AccessControl.ALLOW_ALL) {
            authorize(topicArn, queue);
        }
        try {
            sqs.sendMessage(queue, command(queue, body, attributes, groupId, dedupId));
        } catch (AwsException e) {
            throw new DeliveryException(e.code() + ": " + e.getMessage(), e.senderFault(), e);
        }
    }

    /** One SendMessageBatch for them all (callers keep a batch within SQS's 10 entries and 256 KiB). */
    @Override
    public List<DeliveryException> deliverAll(String topicArn, String queueArn, List<Outgoing> messages) {
        QueueId queue = QueueId.fromArn(queueArn);
        if (queue == null) {
            throw new DeliveryException("not an SQS queue ARN: " + queueArn, true, null);
        }
        if (access != AccessControl.ALLOW_ALL) {
            authorize(topicArn, queue);
        }
        List<BatchEntry<SendCommand>> entries = new ArrayList<>(messages.size());
        for (int i = 0; i < messages.size(); i++) {
            Outgoing m = messages.get(i);
            entries.add(new BatchEntry<>(Integer.toString(i), command(queue, m.body(), m.attributes(), m.groupId(),
                    m.dedupId())));
        }
        BatchResult<SendResult> result;
        try {
            result = sqs.sendMessageBatch(queue, entries);
        } catch (AwsException e) {
            throw new DeliveryException(e.code() + ": " + e.getMessage(), e.senderFault(), e);
        }
        List<DeliveryException> outcomes = new ArrayList<>(Collections.nCopies(messages.size(), null));
        for (BatchResult.Failure failure : result.failed()) {
            outcomes.set(Integer.parseInt(failure.id()), new DeliveryException(failure.code() + ": "
                    + failure.message(), failure.senderFault(), null));
        }
        return outcomes;
    }

    private static SendCommand command(QueueId queue, String body, Map<String, MessageAttribute> attributes,
                                       String groupId, String dedupId) {
        Map<String, MessageAttributeValue> sqsAttributes = new LinkedHashMap<>();
        attributes.forEach((name, a) -> sqsAttributes.put(name,
                new MessageAttributeValue(a.dataType(), a.stringValue(), a.binaryValue())));
        // SQS standard queues take a MessageGroupId (fair queues); a dedup id only means something to FIFO queues
        return new SendCommand(body, null, sqsAttributes, Map.of(), queue.isFifo() ? dedupId : null, groupId,
                SNS_SENDER);
    }

    private void authorize(String topicArn, QueueId queue) {
        Map<String, List<String>> context = new LinkedHashMap<>();
        if (topicArn != null) {
            context.put("aws:SourceArn", List.of(topicArn));
            String[] parts = topicArn.split(":", 6);
            if (parts.length > 4) {
                context.put("aws:SourceAccount", List.of(parts[4]));
            }
        }
        Decision decision = access.authorize(new AccessRequest(SNS, "sqs:SendMessage", queue.arn(), queue.accountId(),
                sqs.queuePolicy(queue), context));
        if (!decision.allowed()) {
            throw new DeliveryException("AccessDenied: " + decision.message(SNS, "sqs:SendMessage", queue.arn()),
                    true, null);
        }
    }
}
