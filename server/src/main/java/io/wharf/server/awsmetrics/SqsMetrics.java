package io.wharf.server.awsmetrics;

import io.wharf.cloudwatch.engine.Dimension;
import io.wharf.server.metrics.CardinalityGuard;
import io.wharf.sqs.engine.QueueCounters;
import io.wharf.sqs.engine.QueueId;
import io.wharf.sqs.engine.QueueStats;

import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * {@code AWS/SQS}, dimension {@code QueueName}, for the queues AWS calls active: holding messages, or used (created,
 * sent to, received from, deleted from) in the last six hours. Such a queue reports ApproximateNumberOfMessagesVisible
 * and the four counts (zeros too) each interval; ApproximateNumberOfMessagesNotVisible and …Delayed only while there
 * are such messages, ApproximateAgeOfOldestMessage only while it holds any, SentMessageSize only when messages were
 * sent — AWS's reporting rules ("Available CloudWatch metrics for Amazon SQS").
 */
final class SqsMetrics implements MetricSource {
    static final String NAMESPACE = "AWS/SQS";
    static final Duration ACTIVE_FOR = Duration.ofHours(6);

    private final Supplier<List<QueueStats>> gauges;
    private final Supplier<List<QueueCounters>> counters;
    private final CardinalityGuard guard;
    private final Deltas deltas = new Deltas();

    SqsMetrics(Supplier<List<QueueStats>> gauges, Supplier<List<QueueCounters>> counters, int cap) {
        this.gauges = gauges;
        this.counters = counters;
        this.guard = new CardinalityGuard(cap);
    }

    @Override
    public void collect(Datapoints out, long nowMillis) {
        Map<QueueId, QueueStats> depth = new HashMap<>();
        for (QueueStats q : gauges.get()) {
            depth.put(q.id(), q);
        }
        List<QueueCounters> all = counters.get();
        Set<String> present = new HashSet<>();
        all.forEach(c -> present.add(c.id().arn()));
        guard.retainOnly(present);
        for (QueueCounters c : all) {
            QueueStats q = depth.get(c.id());
            QueueId id = c.id();
            long sent = deltas.delta(List.of(id, "sent"), c.sent());
            long received = deltas.delta(List.of(id, "received"), c.received());
            long deleted = deltas.delta(List.of(id, "deleted"), c.deleted());
            long empty = deltas.delta(List.of(id, "empty"), c.emptyReceives());
            if (q == null) {
                continue; // deleted between the two reads
            }
            boolean holds = q.visible() + q.inFlight() + q.delayed() > 0;
            boolean active = holds || nowMillis - c.lastUsedMillis() < ACTIVE_FOR.toMillis();
            if (!active || !guard.admit(id.arn())) {
                continue;
            }
            Datapoints.Scope scope = new Datapoints.Scope(id.accountId(), id.region(), NAMESPACE);
            List<Dimension> queue = List.of(new Dimension("QueueName", id.name()));
            out.add(scope, "ApproximateNumberOfMessagesVisible", queue, "Count", q.visible());
            if (q.inFlight() > 0) {
                out.add(scope, "ApproximateNumberOfMessagesNotVisible", queue, "Count", q.inFlight());
            }
            if (q.delayed() > 0) {
                out.add(scope, "ApproximateNumberOfMessagesDelayed", queue, "Count", q.delayed());
            }
            if (holds) {
                out.add(scope, "ApproximateAgeOfOldestMessage", queue, "Seconds", q.oldestAgeSeconds());
            }
            out.add(scope, "NumberOfMessagesSent", queue, "Count", sent);
            out.add(scope, "NumberOfMessagesReceived", queue, "Count", received);
            out.add(scope, "NumberOfMessagesDeleted", queue, "Count", deleted);
            out.add(scope, "NumberOfEmptyReceives", queue, "Count", empty);
            if (c.sentSizes() != null) {
                out.add(scope, "SentMessageSize", queue, "Bytes", c.sentSizes());
            }
        }
        deltas.endInterval();
    }
}
