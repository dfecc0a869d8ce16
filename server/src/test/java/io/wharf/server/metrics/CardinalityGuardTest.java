package io.wharf.server.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.wharf.sqs.engine.QueueId;
import io.wharf.sqs.engine.QueueStats;
import io.wharf.storage.StoreStats;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The cap on per-resource series: the first ones keep theirs, the rest go to {@code _other}, a freed place is reused. */
class CardinalityGuardTest {
    @Test
    void theFirstCapKeysAreAdmittedAndKeepTheirPlace() {
        CardinalityGuard guard = new CardinalityGuard(2);
        guard.retainOnly(Set.of("a", "b", "c"));
        assertThat(guard.admit("a")).isTrue();
        assertThat(guard.admit("b")).isTrue();
        assertThat(guard.admit("c")).isFalse();
        // the next scrape: the same answer, whatever the order the engine lists them in
        guard.retainOnly(Set.of("c", "b", "a"));
        assertThat(guard.admit("c")).isFalse();
        assertThat(guard.admit("b")).isTrue();
        assertThat(guard.admit("a")).isTrue();
        assertThat(guard.admittedCount()).isEqualTo(2);
    }

    @Test
    void aResourceThatGoesAwayFreesItsPlace() {
        CardinalityGuard guard = new CardinalityGuard(2);
        guard.retainOnly(Set.of("a", "b", "c"));
        guard.admit("a");
        guard.admit("b");
        assertThat(guard.admit("c")).isFalse();
        guard.retainOnly(Set.of("b", "c"));
        assertThat(guard.admit("c")).isTrue();
        assertThat(guard.admittedCount()).isEqualTo(2);
    }

    @Test
    void aCapOfZeroSendsEverythingToTheAggregate() {
        CardinalityGuard guard = new CardinalityGuard(0);
        assertThat(guard.admit("a")).isFalse();
    }

    @Test
    void queuesBeyondTheCapAreSummedIntoOneOtherSeriesWithTheLargestAge() {
        MeterRegistry registry = new SimpleMeterRegistry();
        List<QueueStats> queues = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            queues.add(new QueueStats(new QueueId("000000000000", "us-east-1", "q" + i), 10 + i, i, 0, 100 * i));
        }
        ResourceMetrics metrics = new ResourceMetrics(registry, new ResourceMetrics.Sources(() -> queues, List::of,
                List::of, () -> StoreStats.NONE, null), 3);
        metrics.refresh();

        assertThat(registry.find("wharf.sqs.messages.visible").gauges()).hasSize(4);
        assertThat(registry.get("wharf.sqs.messages.visible").tag("queue", "q0").gauge().value()).isEqualTo(10);
        assertThat(registry.get("wharf.sqs.messages.visible").tag("queue", "_other").tag("account", "_other")
                .gauge().value()).isEqualTo(13 + 14);
        assertThat(registry.get("wharf.sqs.oldest.message.age.seconds").tag("queue", "_other").gauge().value())
                .isEqualTo(400);
        assertThat(registry.get("wharf.resources").tag("kind", "queue").gauge().value()).isEqualTo(5);

        // q0 is deleted: its series goes, and the first of the others takes its place
        queues.remove(0);
        metrics.refresh();
        assertThat(registry.find("wharf.sqs.messages.visible").tag("queue", "q0").gauges()).isEmpty();
        assertThat(registry.find("wharf.sqs.messages.visible").gauges()).hasSize(4);
        assertThat(registry.get("wharf.sqs.messages.visible").tag("queue", "q3").gauge().value()).isEqualTo(13);
        assertThat(registry.get("wharf.sqs.messages.visible").tag("queue", "_other").gauge().value()).isEqualTo(14);
    }
}
