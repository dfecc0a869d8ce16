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

    @Test
    void theScheduleStartsAgainWhenTheMeasuredWindowOpensAndKeepsHowLateTheWarmUpWas() throws Exception {
        Window timed = new Window(Duration.ofMillis(400), Duration.ofSeconds(2), 0);
        Pacing pacing = new Pacing(1000, 100); // one call every 100 ms
        Thread clock = Thread.ofPlatform().start(() -> {
            try {
                timed.runToEnd();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        try {
            pacing.awaitNextTick(timed); // the warm-up takes one tick, then falls silent (a cold client, say)
            assertThat(pacing.lagAtWindowStartMillis()).isEqualTo(-1);
            while (!timed.measuring()) {
                Thread.sleep(5);
            }
            long opened = System.nanoTime();

            long first = pacing.awaitNextTick(timed);
            long second = pacing.awaitNextTick(timed);

            // the old schedule had three ticks due by then; the new one starts at the window
            assertThat(first).isGreaterThanOrEqualTo(opened);
            assertThat(second - first).isBetween(99_999_999L, 100_000_001L);
            assertThat(System.nanoTime()).isGreaterThanOrEqualTo(second);
            assertThat(pacing.lagAtWindowStartMillis()).isBetween(250L, 2_000L); // ~300 ms: ticks due at 100, 200, 300
        } finally {
            clock.interrupt();
            clock.join();
        }
        // the window closed before the third tick was due: on time at the end
        assertThat(pacing.figures(timed)).containsEntry(Pacing.LAG_AT_END, "0")
                .containsEntry(Pacing.LAG_AT_START, Long.toString(pacing.lagAtWindowStartMillis()));
    }

    @Test
    void aRunBehindWhenTheWindowClosesSaysByHowMuch() throws Exception {
        Window timed = new Window(Duration.ZERO, Duration.ofMillis(300), 0);
        Pacing pacing = new Pacing(1000, 100); // one call every 100 ms
        timed.runToEnd(); // a window of 300 ms in which nobody took a tick: three were due, at 0, 100 and 200 ms

        assertThat(Long.parseLong(pacing.figures(timed).get(Pacing.LAG_AT_END))).isBetween(250L, 2_000L);
        assertThat(pacing.figures(timed)).containsEntry(Pacing.LAG_AT_START, "-1"); // no tick taken in the window
    }

    @Test
    void fullSpeedHasNoSchedule() {
        Pacing pacing = new Pacing(0, 10);
        pacing.awaitNextTick(window);

        assertThat(pacing.figures(window)).isEmpty();
        assertThat(pacing.lagAtWindowStartMillis()).isEqualTo(-1);
    }
}
