package io.wharf.bench.scenario;

import io.wharf.bench.measure.Window;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PacingTest {
    private final Window window = new Window(Duration.ZERO, Duration.ofSeconds(1), 0);

    @Test
    void aProducerBehindScheduleIsStampedWithTheMomentsItsCallsWereDue() throws InterruptedException {
        Pacing pacing = new Pacing(1000, 100); // one call of 100 records every 100 ms
        Thread.sleep(250); // three ticks are due already: none waits, each keeps its due time

        long first = pacing.awaitNextTick(window);
        long second = pacing.awaitNextTick(window);
        long third = pacing.awaitNextTick(window);

        assertThat(pacing.fixedRate()).isTrue();
        assertThat(second - first).isBetween(99_999_999L, 100_000_001L);
        assertThat(third - second).isBetween(99_999_999L, 100_000_001L);
    }

    @Test
    void fullSpeedStampsNow() {
        Pacing pacing = new Pacing(0, 100);
        long before = System.nanoTime();

        assertThat(pacing.fixedRate()).isFalse();
        assertThat(pacing.awaitNextTick(window)).isGreaterThanOrEqualTo(before);
        assertThatThrownBy(() -> new Pacing(-1, 1)).isInstanceOf(IllegalArgumentException.class);
    }
}
