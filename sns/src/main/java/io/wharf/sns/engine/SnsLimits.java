package io.wharf.sns.engine;

import java.time.Duration;

/**
 * Every limit of the engine in one place (sns.md §0).
 *
 * @param pageSize              ListTopics / ListSubscriptions page size
 * @param maxMessageBytes       body plus attribute names, types and values
 * @param maxBatchEntries       PublishBatch entries
 * @param maxFilterPolicies     subscriptions with a filter policy per topic
 * @param deliveryLanes         parallel delivery workers; one subscription always uses the same lane (its order)
 * @param deliveryAttempts      attempts per delivery before it is dropped (or sent to the subscription's DLQ)
 * @param firstRetryDelay       wait before the second attempt; doubled each time up to {@code maxRetryDelay}
 * @param maxRetryDelay         the longest wait between attempts
 * @param deduplicationWindow   FIFO topics: how long a MessageDeduplicationId is remembered
 */
public record SnsLimits(int pageSize, int maxMessageBytes, int maxBatchEntries, int maxFilterPolicies,
                        int deliveryLanes, int deliveryAttempts, Duration firstRetryDelay, Duration maxRetryDelay,
                        Duration deduplicationWindow) {

    public static final SnsLimits AWS = new SnsLimits(100, 262_144, 10, 200, 16, 100,
            Duration.ofSeconds(1), Duration.ofSeconds(20), Duration.ofMinutes(5));
}
