package io.wharf.server.awsmetrics;

import io.wharf.cloudwatch.engine.Dimension;
import io.wharf.protocol.metrics.Distribution;
import io.wharf.server.metrics.CardinalityGuard;
import io.wharf.sns.engine.DeliveryCounters;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * {@code AWS/SNS}, dimension {@code TopicName}, for the topics that had activity in the interval (a publish, or a
 * notification delivered or given up on): NumberOfMessagesPublished, NumberOfNotificationsDelivered and
 * NumberOfNotificationsFailed (every protocol together; zeros too once the topic is active), PublishSize when messages
 * were published. AWS publishes SNS metrics only for active topics.
 */
final class SnsMetrics implements MetricSource {
    static final String NAMESPACE = "AWS/SNS";

    private final Supplier<List<DeliveryCounters.TopicStats>> topics;
    private final Supplier<Map<String, Distribution.Summary>> publishSizes;
    private final CardinalityGuard guard;
    private final Deltas deltas = new Deltas();

    SnsMetrics(Supplier<List<DeliveryCounters.TopicStats>> topics,
               Supplier<Map<String, Distribution.Summary>> publishSizes, int cap) {
        this.topics = topics;
        this.publishSizes = publishSizes;
        this.guard = new CardinalityGuard(cap);
    }

    @Override
    public void collect(Datapoints out, long nowMillis) {
        List<DeliveryCounters.TopicStats> all = topics.get();
        Map<String, Distribution.Summary> sizes = publishSizes.get();
        Set<String> present = new HashSet<>();
        all.forEach(t -> present.add(t.topicArn()));
        guard.retainOnly(present);
        for (DeliveryCounters.TopicStats t : all) {
            String arn = t.topicArn();
            long published = deltas.delta(List.of(arn, "published"), t.published());
            long delivered = deltas.delta(List.of(arn, "delivered"), sum(t.delivered()));
            long failed = deltas.delta(List.of(arn, "failed"), sum(t.failed()));
            Distribution.Summary size = sizes.get(arn);
            String[] parts = arn.split(":", 6); // arn:aws:sns:<region>:<account>:<name>
            if (published + delivered + failed == 0 && size == null || parts.length != 6 || !guard.admit(arn)) {
                continue;
            }
            Datapoints.Scope scope = new Datapoints.Scope(parts[4], parts[3], NAMESPACE);
            List<Dimension> topic = List.of(new Dimension("TopicName", parts[5]));
            out.add(scope, "NumberOfMessagesPublished", topic, "Count", published);
            out.add(scope, "NumberOfNotificationsDelivered", topic, "Count", delivered);
            out.add(scope, "NumberOfNotificationsFailed", topic, "Count", failed);
            if (size != null) {
                out.add(scope, "PublishSize", topic, "Bytes", size);
            }
        }
        deltas.endInterval();
    }

    private static long sum(Map<String, Long> byProtocol) {
        return byProtocol.values().stream().mapToLong(Long::longValue).sum();
    }
}
