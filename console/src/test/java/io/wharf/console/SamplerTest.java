package io.wharf.console;

import org.junit.jupiter.api.Test;

import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The console's bounded memory of samples: capacity per series, a cap on series, rates from counters. */
class SamplerTest {

    @Test
    void keepsTheLastSamplesOfEachSeries() {
        Sampler sampler = new Sampler(3, 10);
        for (int i = 0; i < 5; i++) {
            sampler.record("q", 1000L * i, i, 10 * i);
        }
        assertThat(sampler.points("q")).extracting(Sampler.Point::millis).containsExactly(2000L, 3000L, 4000L);
        assertThat(sampler.points("q").get(2).values()).containsExactly(4, 40);
        assertThat(sampler.points("unknown")).isEmpty();
    }

    @Test
    void ratesComeFromTheLastTwoSamplesAndNeverGoNegative() {
        Sampler sampler = new Sampler(10, 10);
        sampler.record("s", 0, 100, 50);
        assertThat(sampler.ratesPerSecond("s")).isNull();
        sampler.record("s", 5000, 150, 50);
        assertThat(sampler.ratesPerSecond("s")).containsExactly(10.0, 0.0);
        sampler.record("s", 10_000, 20, 60); // the counter restarted
        assertThat(sampler.ratesPerSecond("s")).containsExactly(0.0, 2.0);
    }

    @Test
    void aSampleAtTheSameOrAnEarlierTimeIsIgnored() {
        Sampler sampler = new Sampler(10, 10);
        sampler.record("s", 5000, 1);
        sampler.record("s", 5000, 2);
        sampler.record("s", 4000, 3);
        assertThat(sampler.points("s")).hasSize(1);
        assertThat(sampler.points("s").get(0).values()).containsExactly(1);
    }

    @Test
    void newSeriesBeyondTheCapAreNotKeptAndGoneResourcesAreForgotten() {
        Sampler sampler = new Sampler(2, 2);
        sampler.record("a", 1, 1);
        sampler.record("b", 1, 1);
        sampler.record("c", 1, 1);
        assertThat(sampler.seriesCount()).isEqualTo(2);
        assertThat(sampler.points("c")).isEmpty();

        sampler.retain(Set.of("b"));
        sampler.record("c", 2, 1);
        assertThat(sampler.points("a")).isEmpty();
        assertThat(sampler.points("c")).hasSize(1);
    }

    @Test
    void aSamplerNeedsRoomForARate() {
        assertThatThrownBy(() -> new Sampler(1, 1)).isInstanceOf(IllegalArgumentException.class);
    }
}
