package io.wharf.sqs.engine;

import java.util.Map;

/**
 * A queue's attributes as typed values, defaults applied. Rebuilt whenever attributes change, so hot paths
 * read fields instead of parsing strings.
 */
record QueueSettings(boolean fifo, int delaySeconds, int maximumMessageSize, int messageRetentionPeriod,
                     int receiveMessageWaitTimeSeconds, int visibilityTimeout, boolean contentBasedDeduplication,
                     boolean deduplicationPerGroup, RedrivePolicy redrivePolicy) {

    /** Where and after how many receives a message is dead-lettered. */
    record RedrivePolicy(QueueId deadLetterTarget, int maxReceiveCount) {
    }

    static QueueSettings of(boolean fifo, Map<String, String> attributes) {
        RedrivePolicy redrive = null;
        String redriveJson = attributes.get(QueueAttributes.REDRIVE_POLICY);
        if (redriveJson != null) {
            Map<?, ?> policy = (Map<?, ?>) Json.parse(redriveJson);
            redrive = new RedrivePolicy(QueueId.fromArn(String.valueOf(policy.get("deadLetterTargetArn"))),
                    Integer.parseInt(String.valueOf(policy.get("maxReceiveCount"))));
        }
        return new QueueSettings(fifo,
                intOf(attributes, QueueAttributes.DELAY_SECONDS, 0),
                intOf(attributes, QueueAttributes.MAXIMUM_MESSAGE_SIZE, 1_048_576),
                intOf(attributes, QueueAttributes.MESSAGE_RETENTION_PERIOD, 345_600),
                intOf(attributes, QueueAttributes.RECEIVE_MESSAGE_WAIT_TIME_SECONDS, 0),
                intOf(attributes, QueueAttributes.VISIBILITY_TIMEOUT, 30),
                "true".equals(attributes.get(QueueAttributes.CONTENT_BASED_DEDUPLICATION)),
                "messageGroup".equals(attributes.get(QueueAttributes.DEDUPLICATION_SCOPE)),
                redrive);
    }

    private static int intOf(Map<String, String> attributes, String name, int defaultValue) {
        String value = attributes.get(name);
        return value == null ? defaultValue : Integer.parseInt(value);
    }
}
