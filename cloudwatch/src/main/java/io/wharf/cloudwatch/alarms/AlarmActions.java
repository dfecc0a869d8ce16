package io.wharf.cloudwatch.alarms;

/**
 * Where an alarm's SNS actions go: the server wires this to SNS's publish, so cloudwatch needs no sns dependency. A
 * failure is reported by throwing; the alarm's history records it.
 */
public interface AlarmActions {
    AlarmActions NONE = (topicArn, subject, message) -> {
        throw new IllegalStateException("no SNS here to publish to " + topicArn);
    };

    void notify(String topicArn, String subject, String message);
}
