package io.wharf.it.crash;

import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

import java.util.Map;

/** What the crash tests ask before they call a queue drained. */
final class QueueCounts {
    private QueueCounts() {
    }

    /** True when the queue holds no visible, in-flight or delayed message. */
    static boolean empty(SqsClient sqs, String url) {
        Map<String, String> counts = sqs.getQueueAttributes(r -> r.queueUrl(url).attributeNames(
                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE,
                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_DELAYED)).attributesAsStrings();
        return counts.values().stream().allMatch("0"::equals);
    }
}
