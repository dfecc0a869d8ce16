package io.wharf.sns.engine;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counters per topic for metrics, kept in memory only (a restart starts them from zero): messages published,
 * notifications finished by protocol and outcome ({@code delivered}: the endpoint took it; {@code failed}: given up
 * on — sent to the subscription's dead-letter queue or dropped), delivery retries, and the outbox entries handed to
 * the delivery lanes and not finished yet. Cheap adds on the publish and delivery paths.
 */
public final class DeliveryCounters {
    /** One topic's counters as read for metrics. */
    public record TopicStats(String topicArn, long published, Map<String, Long> delivered, Map<String, Long> failed,
                             long retries, long outbox) {
    }

    private static final class Counters {
        final LongAdder published = new LongAdder();
        final Map<String, LongAdder> delivered = new ConcurrentHashMap<>();
        final Map<String, LongAdder> failed = new ConcurrentHashMap<>();
        final LongAdder retries = new LongAdder();
        final AtomicLong outbox = new AtomicLong();
        final io.wharf.protocol.metrics.Distribution publishSizes = new io.wharf.protocol.metrics.Distribution();
    }

    private final Map<String, Counters> byTopic = new ConcurrentHashMap<>();

    private Counters of(String topicArn) {
        return byTopic.computeIfAbsent(topicArn, t -> new Counters());
    }

    void published(String topicArn, int messages) {
        if (messages > 0) {
            of(topicArn).published.add(messages);
        }
    }

    /** AWS/SNS PublishSize: one published message's size in bytes. */
    void publishSize(String topicArn, int bytes) {
        of(topicArn).publishSizes.record(bytes);
    }

    /**
     * The sizes of the messages published to each of {@code topicArns} since the last call (drained: one reader only,
     * the CloudWatch publisher); topics with none are left out.
     */
    Map<String, io.wharf.protocol.metrics.Distribution.Summary> drainPublishSizes(java.util.Collection<String> topicArns) {
        Map<String, io.wharf.protocol.metrics.Distribution.Summary> sizes = new java.util.HashMap<>();
        for (String arn : topicArns) {
            Counters c = byTopic.get(arn);
            io.wharf.protocol.metrics.Distribution.Summary summary = c == null ? null : c.publishSizes.drain();
            if (summary != null) {
                sizes.put(arn, summary);
            }
        }
        return sizes;
    }

    void queued(Delivery d) {
        of(d.topicArn()).outbox.incrementAndGet();
    }

    void done(Delivery d) {
        of(d.topicArn()).outbox.decrementAndGet();
    }

    void delivered(Delivery d) {
        if (d.notification()) {
            of(d.topicArn()).delivered.computeIfAbsent(d.protocol(), p -> new LongAdder()).increment();
        }
    }

    void failed(Delivery d) {
        if (d.notification()) {
            of(d.topicArn()).failed.computeIfAbsent(d.protocol(), p -> new LongAdder()).increment();
        }
    }

    void retried(Delivery d) {
        of(d.topicArn()).retries.increment();
    }

    /** The counters of the topics in {@code topicArns} (the existing ones); those of deleted topics are forgotten. */
    List<TopicStats> stats(java.util.Collection<String> topicArns) {
        byTopic.keySet().removeIf(arn -> !topicArns.contains(arn) && byTopic.get(arn).outbox.get() <= 0);
        List<TopicStats> stats = new java.util.ArrayList<>(topicArns.size());
        for (String arn : topicArns) {
            Counters c = byTopic.get(arn);
            stats.add(c == null ? new TopicStats(arn, 0, Map.of(), Map.of(), 0, 0)
                    : new TopicStats(arn, c.published.sum(), sums(c.delivered), sums(c.failed), c.retries.sum(),
                    Math.max(0, c.outbox.get())));
        }
        return stats;
    }

    private static Map<String, Long> sums(Map<String, LongAdder> adders) {
        Map<String, Long> sums = new java.util.TreeMap<>();
        adders.forEach((k, v) -> sums.put(k, v.sum()));
        return sums;
    }
}
