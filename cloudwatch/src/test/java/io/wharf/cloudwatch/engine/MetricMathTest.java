package io.wharf.cloudwatch.engine;

import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MetricMathTest {
    private static final MetricMath.Grid GRID = new MetricMath.Grid(0, 300_000, 60_000);

    private static MetricMath.TimeSeries series(double... pairs) {
        NavigableMap<Long, Double> points = new TreeMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            points.put((long) pairs[i], pairs[i + 1]);
        }
        return new MetricMath.TimeSeries(points);
    }

    private static final Map<String, MetricMath.Value> IDS = Map.of(
            "m1", series(0, 1, 60_000, 4, 120_000, 10),
            "m2", series(0, 2, 60_000, 0, 180_000, 5));

    private static Map<Long, Double> eval(String expression) {
        return MetricMath.evaluate(expression, id -> {
            MetricMath.Value v = IDS.get(id);
            if (v == null) {
                throw new MetricMath.MathException("Unrecognized metric id " + id + ".");
            }
            return v;
        }, GRID).points();
    }

    @Test
    void arithmeticKeepsTheTimestampsBothSeriesHaveAndDropsDivisionsByZero() {
        assertThat(eval("m1 + m2")).containsExactly(Map.entry(0L, 3.0), Map.entry(60_000L, 4.0));
        assertThat(eval("m1 / m2")).containsExactly(Map.entry(0L, 0.5));
        assertThat(eval("(m1 - 1) * 2")).containsExactly(Map.entry(0L, 0.0), Map.entry(60_000L, 6.0),
                Map.entry(120_000L, 18.0));
        assertThat(eval("100 * m1 / 4 + -1")).containsEntry(120_000L, 249.0);
    }

    @Test
    void aggregatesOfAnArrayArePerTimestampAndOfOneSeriesAScalarOnTheGrid() {
        assertThat(eval("SUM([m1, m2])")).containsExactly(Map.entry(0L, 3.0), Map.entry(60_000L, 4.0),
                Map.entry(120_000L, 10.0), Map.entry(180_000L, 5.0));
        assertThat(eval("MAX([m1, m2])")).containsEntry(0L, 2.0).containsEntry(60_000L, 4.0);
        assertThat(eval("AVG([m1, m2])")).containsEntry(0L, 1.5);
        assertThat(eval("MIN([m1, m2])")).containsEntry(60_000L, 0.0);
        assertThat(eval("MAX(m1)")).hasSize(5).containsEntry(240_000L, 10.0);
        assertThat(eval("m1 / SUM(m1)")).containsEntry(120_000L, 10.0 / 15);
    }

    @Test
    void rateDiffFillAndAbs() {
        assertThat(eval("DIFF(m1)")).containsExactly(Map.entry(60_000L, 3.0), Map.entry(120_000L, 6.0));
        assertThat(eval("RATE(m1)")).containsExactly(Map.entry(60_000L, 0.05), Map.entry(120_000L, 0.1));
        assertThat(eval("FILL(m2, 7)")).containsExactly(Map.entry(0L, 2.0), Map.entry(60_000L, 0.0),
                Map.entry(120_000L, 7.0), Map.entry(180_000L, 5.0), Map.entry(240_000L, 7.0));
        assertThat(eval("ABS(0 - m1)")).containsEntry(120_000L, 10.0);
    }

    @Test
    void errorsSayWhatIsWrong() {
        assertThatThrownBy(() -> eval("m1 + m3")).hasMessage("Unrecognized metric id m3.");
        assertThatThrownBy(() -> eval("m1 +")).hasMessage("Unexpected end of the expression.");
        assertThatThrownBy(() -> eval("SUM(m1, m2)")).hasMessage("SUM takes 1 argument, not 2.");
        assertThatThrownBy(() -> eval("[m1, m2]")).hasMessageContaining("single time series");
        assertThatThrownBy(() -> eval("ANOMALY_DETECTION_BAND(m1)")).hasMessageStartingWith("Unknown function");
        assertThatThrownBy(() -> eval("m1 )")).hasMessage("Unexpected ')' at position 4.");
    }

    @Test
    void percentilesOnlyWhereTheAggregatePinsThemDown() {
        assertThat(Aggregate.of(5, 3).statistic("p99")).isEqualTo(5.0);
        Aggregate spread = new Aggregate(4, 10, 1, 4);
        assertThat(spread.statistic("p50")).isNull();
        assertThat(spread.statistic("p0")).isEqualTo(1.0);
        assertThat(spread.statistic("p100")).isEqualTo(4.0);
        assertThat(spread.statistic("Average")).isEqualTo(2.5);
        assertThat(Aggregate.known("p99.9")).isTrue();
        assertThat(Aggregate.known("tm99")).isFalse();
    }
}
