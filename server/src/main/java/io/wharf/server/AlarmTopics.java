package io.wharf.server;

import io.wharf.cloudwatch.alarms.AlarmActions;
import io.wharf.protocol.AwsException;
import io.wharf.protocol.auth.AccessControl;
import io.wharf.protocol.auth.AccessRequest;
import io.wharf.protocol.auth.Decision;
import io.wharf.protocol.auth.Principal;
import io.wharf.sns.engine.PublishCommand;
import io.wharf.sns.engine.SnsEngine;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * CloudWatch's way into SNS for alarm actions: AWS's notification published to the topic as the service principal
 * {@code cloudwatch.amazonaws.com}, acting for the alarm ({@code aws:SourceArn}) of its account
 * ({@code aws:SourceAccount}, and {@code AWS:SourceOwner}, which SNS's default topic policy asks for). So under
 * {@code --auth enforce} a topic with the default policy takes its own account's alarms, and a topic with a policy of
 * its own must let {@code cloudwatch.amazonaws.com} publish — as AWS documents for alarm topics. A refusal or a topic
 * that does not exist is thrown; the alarm's history records the failed action.
 */
final class AlarmTopics implements AlarmActions {
    static final Principal CLOUDWATCH = Principal.service("cloudwatch.amazonaws.com");

    private final SnsEngine sns;
    private final AccessControl access;

    /** @param access decides whether a topic lets CloudWatch in; {@link AccessControl#ALLOW_ALL} unless enforced */
    AlarmTopics(SnsEngine sns, AccessControl access) {
        this.sns = sns;
        this.access = access;
    }

    @Override
    public void notify(String alarmArn, String topicArn, String subject, String message) {
        String[] alarm = alarmArn.split(":", 6);
        String[] topic = topicArn.split(":", 6);
        if (topic.length != 6 || !"sns".equals(topic[2])) {
            throw new IllegalArgumentException("not an SNS topic ARN: " + topicArn);
        }
        String account = alarm.length == 6 ? alarm[4] : "";
        String policy = access == AccessControl.ALLOW_ALL ? null : sns.topicPolicy(topicArn);
        if (policy != null) { // no policy: no topic, which the publish reports as SNS's NotFound
            Map<String, List<String>> context = new LinkedHashMap<>();
            context.put("aws:SourceArn", List.of(alarmArn));
            context.put("aws:SourceAccount", List.of(account));
            context.put("AWS:SourceOwner", List.of(account));
            Decision decision = access.authorize(new AccessRequest(CLOUDWATCH, "sns:Publish", topicArn, topic[4],
                    policy, context));
            if (!decision.allowed()) {
                throw new IllegalStateException("AccessDenied: " + decision.message(CLOUDWATCH, "sns:Publish",
                        topicArn));
            }
        }
        try {
            sns.publish(new PublishCommand(topicArn, null, null, message, subject, null, Map.of(), null, null, null));
        } catch (AwsException e) {
            throw new IllegalStateException(e.code() + ": " + e.getMessage(), e);
        }
    }
}
