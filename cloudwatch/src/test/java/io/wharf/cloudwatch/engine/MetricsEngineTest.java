package io.wharf.cloudwatch.engine;

import io.wharf.protocol.AwsException;
import io.wharf.storage.FsyncMode;
import io.wharf.storage.MemoryStore;
import io.wharf.storage.RocksStore;
import io.wharf.storage.Store;
import io.wharf.testing.ManualClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MetricsEngineTest {
    private static final long NOW = 1_764_759_000_000L; // a whole minute
    private final ManualClock clock = new ManualClock(NOW);
    private final MemoryStore store = new MemoryStore();
    private final MetricsEngine engine = new MetricsEngine(store, clock);

    private static Datum value(String name, Long at, double value, Dimension... dimensions) {
        return new Datum("MetricData.member.1", name, List.of(dimensions), at, value, List.of(), List.of(), null,
                "Count", null);
    }

    private List<Datapoint> sums(String name, int period, Dimension... dimensions) {
        return engine.statistics("111122223333", "us-east-1", "App", name, List.of(dimensions), NOW - 3_600_000,
                NOW + 3_600_000, period, null, true, List.of());
    }

    private void put(Datum... data) {
        engine.put("111122223333", "us-east-1", "App", List.of(data));
    }

    @Test
    void valuesAggregatePerMinuteAndPeriod() {
        put(value("Latency", NOW + 1_000, 4), value("Latency", NOW + 59_000, 2),
                value("Latency", NOW + 61_000, 9));
        put(new Datum("MetricData.member.1", "Latency", List.of(), NOW + 120_000, null, List.of(1.0, 3.0),
                List.of(2.0, 1.0), null, "Count", null));

        List<Datapoint> minutes = sums("Latency", 60);
        assertThat(minutes).extracting(Datapoint::timestampMillis).containsExactly(NOW, NOW + 60_000, NOW + 120_000);
        assertThat(minutes.get(0).aggregate()).isEqualTo(new Aggregate(2, 6, 2, 4));
        assertThat(minutes.get(2).aggregate()).isEqualTo(new Aggregate(3, 5, 1, 3));

        List<Datapoint> fiveMinutes = sums("Latency", 300);
        assertThat(fiveMinutes).hasSize(1);
        assertThat(fiveMinutes.get(0).aggregate()).isEqualTo(new Aggregate(6, 20, 1, 9));
        assertThat(fiveMinutes.get(0).aggregate().average()).isEqualTo(20.0 / 6);
    }

    @Test
    void dimensionsInAnyOrderAreOneMetricAndFiltersMatchByName() {
        put(value("Hits", NOW, 1, new Dimension("b", "2"), new Dimension("a", "1")));
        put(value("Hits", NOW, 1, new Dimension("a", "1"), new Dimension("b", "2")));
        put(value("Hits", NOW, 1, new Dimension("a", "other")));

        assertThat(engine.metricCount()).isEqualTo(2);
        assertThat(sums("Hits", 60, new Dimension("a", "1"), new Dimension("b", "2")).get(0).aggregate().sum())
                .isEqualTo(2);
        MetricsEngine.Page filtered = engine.list("111122223333", "us-east-1", "App", null,
                List.of(new MetricsEngine.DimensionFilter("b", null)), false, null);
        assertThat(filtered.metrics()).singleElement().extracting(MetricId::dimensions)
                .isEqualTo(List.of(new Dimension("a", "1"), new Dimension("b", "2")));
        assertThat(engine.list("999999999999", "us-east-1", null, null, List.of(), false, null).metrics()).isEmpty();
    }

    @Test
    void listingPagesByFiveHundred() {
        List<Datum> data = new ArrayList<>();
        for (int i = 0; i < 700; i++) {
            data.add(value("m" + i, null, i));
        }
        engine.put("111122223333", "us-east-1", "App", data);

        MetricsEngine.Page first = engine.list("111122223333", "us-east-1", null, null, List.of(), false, null);
        assertThat(first.metrics()).hasSize(500);
        MetricsEngine.Page second = engine.list("111122223333", "us-east-1", null, null, List.of(), false,
                first.nextToken());
        assertThat(second.metrics()).hasSize(200);
        assertThat(second.nextToken()).isNull();
        List<MetricId> all = new ArrayList<>(first.metrics());
        all.addAll(second.metrics());
        assertThat(all).doesNotHaveDuplicates().hasSize(700);
        List<MetricId> sorted = new ArrayList<>(all);
        Collections.sort(sorted);
        assertThat(all).isEqualTo(sorted);
    }

    @Test
    void awsRulesRefuseTheWholeCall() {
        assertThatThrownBy(() -> engine.put("111122223333", "us-east-1", "AWS/EC2", List.of(value("m", null, 1))))
                .isInstanceOf(AwsException.class).hasMessage("The value AWS/EC2 for parameter Namespace is invalid.");
        assertThatThrownBy(() -> put(value("ok", null, 1), value("old", NOW - Duration.ofDays(15).toMillis(), 1)))
                .hasMessage("The parameter MetricData.member.1.Timestamp must specify a time within the past two weeks.")
                .extracting(e -> ((AwsException) e).code()).isEqualTo("InvalidParameterValue");
        assertThatThrownBy(() -> put(new Datum("MetricData.member.1", "m", List.of(), null, 1.0, List.of(2.0),
                List.of(), null, null, null)))
                .hasMessage("The parameters MetricData.member.1.Value and MetricData.member.1.Values are mutually "
                        + "exclusive and you have specified both.")
                .extracting(e -> ((AwsException) e).code()).isEqualTo("InvalidParameterCombination");
        assertThatThrownBy(() -> put(new Datum("MetricData.member.1", "m", List.of(), null, null, List.of(2.0, 3.0),
                List.of(1.0), null, null, null)))
                .hasMessage("The parameters MetricData.member.1.Values and MetricData.member.1.Counts must be of the "
                        + "same size.");
        assertThatThrownBy(() -> put(value("m", null, Math.pow(2, 361))))
                .extracting(e -> ((AwsException) e).code()).isEqualTo("InvalidParameterValue");
        List<Datum> tooMany = new ArrayList<>();
        for (int i = 0; i < 1001; i++) {
            tooMany.add(value("m", null, 1));
        }
        assertThatThrownBy(() -> engine.put("111122223333", "us-east-1", "App", tooMany))
                .hasMessage("The collection MetricData must not have a size greater than 1000.");
        assertThat(engine.metricCount()).isZero();
    }

    @Test
    void statisticsRules() {
        assertThatThrownBy(() -> engine.statistics("a", "r", "App", "m", List.of(), NOW, NOW, 60, null, true, List.of()))
                .hasMessage("The parameter StartTime must be less than the parameter EndTime.");
        assertThatThrownBy(() -> engine.statistics("a", "r", "App", "m", List.of(), NOW, NOW + 86_400_000L, 1, null,
                true, List.of()))
                .hasMessage("You have requested up to 86400 datapoints, which exceeds the limit of 1440. You may "
                        + "reduce the datapoints requested by increasing Period, or decreasing the time range.")
                .extracting(e -> ((AwsException) e).code()).isEqualTo("InvalidParameterCombination");
        assertThat(engine.statistics("a", "r", "App", "m", List.of(), NOW, NOW + 60_000, 60, null, false,
                List.of("p99"))).isEmpty();
    }

    @Test
    void highResolutionDataHasSecondBuckets() {
        put(new Datum("MetricData.member.1", "Fast", List.of(), NOW + 1_500, 1.0, List.of(), List.of(), null, null, 1),
                new Datum("MetricData.member.2", "Fast", List.of(), NOW + 2_500, 5.0, List.of(), List.of(), null,
                        null, 1));

        List<Datapoint> seconds = engine.statistics("111122223333", "us-east-1", "App", "Fast", List.of(), NOW,
                NOW + 10_000, 1, null, true, List.of());
        assertThat(seconds).extracting(Datapoint::timestampMillis).containsExactly(NOW + 1_000, NOW + 2_000);
        assertThat(seconds.get(0).unit()).isEqualTo("None");
        assertThat(sums("Fast", 60).get(0).aggregate()).isEqualTo(new Aggregate(2, 6, 1, 5));
    }

    @Test
    void oldBucketsAgeOutOnTheNextPut() {
        put(value("m", NOW, 1));
        clock.advance(Duration.ofDays(16));
        put(value("m", null, 2));

        List<Datapoint> all = engine.statistics("111122223333", "us-east-1", "App", "m", List.of(),
                NOW - 3_600_000, NOW + Duration.ofDays(16).toMillis() + 60_000, 86_400, null, true, List.of());
        assertThat(all).singleElement().extracting(d -> d.aggregate().sum()).isEqualTo(2.0);
        MetricsEngine reopened = new MetricsEngine(store, clock);
        assertThat(reopened.metricCount()).isEqualTo(1);
    }

    @Test
    void survivesARestart(@TempDir Path dir) {
        try (Store rocks = RocksStore.open(dir, FsyncMode.ALWAYS)) {
            MetricsEngine first = new MetricsEngine(rocks, clock);
            first.put("111122223333", "us-east-1", "App", List.of(value("m", NOW, 3, new Dimension("d", "v")),
                    value("m", NOW + 1_000, 4, new Dimension("d", "v"))));
        }
        try (Store rocks = RocksStore.open(dir, FsyncMode.ALWAYS)) {
            MetricsEngine second = new MetricsEngine(rocks, clock);
            List<Datapoint> points = second.statistics("111122223333", "us-east-1", "App", "m",
                    List.of(new Dimension("d", "v")), NOW, NOW + 60_000, 60, "Count", true, List.of());
            assertThat(points).singleElement().extracting(Datapoint::aggregate).isEqualTo(new Aggregate(2, 7, 3, 4));
            assertThat(second.list("111122223333", "us-east-1", "App", "m", List.of(), false, null).metrics())
                    .hasSize(1);
        }
    }

    @Test
    void theServicesOwnMetricsArePublishedUnderTheNamespacesPutMetricDataRefuses() {
        Dimension queue = new Dimension("QueueName", "orders");
        Datum depth = new Datum("MetricData.member.1", "ApproximateNumberOfMessagesVisible", List.of(queue), NOW + 5_000,
                null, List.of(), List.of(), new Aggregate(1, 3, 3, 3), "Count", 60);
        engine.publish("111122223333", "us-east-1", "AWS/SQS", List.of(depth));
        engine.publish("111122223333", "us-east-1", "AWS/SQS", List.of()); // nothing to write

        List<Datapoint> points = engine.statistics("111122223333", "us-east-1", "AWS/SQS",
                "ApproximateNumberOfMessagesVisible", List.of(queue), NOW - 60_000, NOW + 60_000, 60, null, true,
                List.of());
        assertThat(points).containsExactly(new Datapoint(NOW, "Count", new Aggregate(1, 3, 3, 3)));
        assertThatThrownBy(() -> engine.publish("111122223333", "us-east-1", "App", List.of(depth)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
