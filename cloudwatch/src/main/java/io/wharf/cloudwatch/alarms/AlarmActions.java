package io.wharf.cloudwatch.alarms;

/**
 * Where an alarm's SNS actions go: the server wires this to SNS's publish, so cloudwatch needs no sns dependency. A
 * failure (the topic does not exist, or its policy does not let CloudWatch publish for this alarm) is reported by
 * throwing; the alarm's history records it.
 */
public interface AlarmActions {
    AlarmActions NONE = (alarmArn, topicArn, subject, message) -> {
        throw new IllegalStateException("no SNS here to publish to " + topicArn);
    };

    /**
     * Publishes an alarm's notification.
     *
     * @param alarmArn the alarm acting, which is the {@code aws:SourceArn} of the publish (and its account the
     *                 {@code aws:SourceAccount} / {@code AWS:SourceOwner})
     */
    void notify(String alarmArn, String topicArn, String subject, String message);
}
