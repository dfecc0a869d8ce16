package io.wharf.server;

import io.wharf.protocol.AwsException;
import io.wharf.protocol.auth.AccessControl;
import io.wharf.protocol.auth.AccessRequest;
import io.wharf.protocol.auth.Decision;
import io.wharf.protocol.auth.Principal;
import io.wharf.s3.EventTargets;
import io.wharf.sns.engine.PublishCommand;
import io.wharf.sns.engine.SnsEngine;
import io.wharf.sqs.engine.QueueId;
import io.wharf.sqs.engine.SendCommand;
import io.wharf.sqs.engine.SqsEngine;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * S3's way into SQS and SNS for event notifications: a SendMessage on the SQS engine, a Publish on the SNS engine, each
 * durable when it returns. As on AWS, S3 is the service principal {@code s3.amazonaws.com} here: when policies are
 * enforced, the queue's or topic's policy must let it {@code sqs:SendMessage} / {@code sns:Publish}, usually only for
 * the bucket ({@code aws:SourceArn}). A destination that does not exist, refuses S3, or is FIFO (S3 cannot send to
 * FIFO queues or topics) is a permanent failure; anything else may be retried.
 */
final class S3EventTargets implements EventTargets {
    static final Principal S3 = Principal.service("s3.amazonaws.com");
    /** The SenderId SQS shows for messages S3 sent (Wharf's stand-in for S3's service identity). */
    static final String S3_SENDER = "AIDAJQABLZS4A3QDU576Q";

    private final SqsEngine sqs;
    private final SnsEngine sns;
    private final AccessControl access;
    private volatile String urlBase = "http://localhost:4566/";

    /** @param access decides whether a queue or topic lets S3 in; {@link AccessControl#ALLOW_ALL} unless enforced */
    S3EventTargets(SqsEngine sqs, SnsEngine sns, AccessControl access) {
        this.sqs = sqs;
        this.sns = sns;
        this.access = access;
    }

    /** The server's URL ({@code http://host:port/}) for the unsubscribe links of SNS deliveries, once it is bound. */
    void urlBase(String url) {
        this.urlBase = url;
    }

    @Override
    public void toQueue(String queueArn, String bucketArn, String message) {
        QueueId queue = QueueId.fromArn(queueArn);
        if (queue == null) {
            throw new DeliveryException("not an SQS queue ARN: " + queueArn, true);
        }
        if (queue.isFifo()) {
            throw new DeliveryException("S3 cannot send event notifications to FIFO queues: " + queueArn, true);
        }
        if (access != AccessControl.ALLOW_ALL) {
            authorize("sqs:SendMessage", queueArn, queue.accountId(), sqs.queuePolicy(queue), bucketArn);
        }
        try {
            sqs.sendMessage(queue, new SendCommand(message, null, Map.of(), Map.of(), null, null, S3_SENDER));
        } catch (AwsException e) {
            throw new DeliveryException(e.code() + ": " + e.getMessage(), e.senderFault());
        }
    }

    @Override
    public void toTopic(String topicArn, String bucketArn, String subject, String message) {
        String[] parts = topicArn == null ? new String[0] : topicArn.split(":", 6);
        if (parts.length != 6 || !"sns".equals(parts[2])) {
            throw new DeliveryException("not an SNS topic ARN: " + topicArn, true);
        }
        if (topicArn.endsWith(".fifo")) {
            throw new DeliveryException("S3 cannot send event notifications to FIFO topics: " + topicArn, true);
        }
        try {
            if (access != AccessControl.ALLOW_ALL) {
                authorize("sns:Publish", topicArn, parts[4], sns.topicPolicy(topicArn), bucketArn);
            }
            sns.publish(new PublishCommand(topicArn, null, null, message, subject, null, Map.of(), null, null,
                    urlBase));
        } catch (AwsException e) {
            throw new DeliveryException(e.code() + ": " + e.getMessage(), e.senderFault());
        }
    }

    private void authorize(String action, String arn, String account, String policy, String bucketArn) {
        Map<String, List<String>> context = new LinkedHashMap<>();
        context.put("aws:SourceArn", List.of(bucketArn));
        Decision decision = access.authorize(new AccessRequest(S3, action, arn, account, policy, context));
        if (!decision.allowed()) {
            throw new DeliveryException("AccessDenied: " + decision.message(S3, action, arn), true);
        }
    }
}
