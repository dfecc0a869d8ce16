package io.wharf.bench.measure;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LatencyTest {

    @Test
    void recordsNothingOutsideTheMeasuredWindow() {
        Latency latency = new Latency("send", new Window(Duration.ZERO, Duration.ofSeconds(1), 0));

        latency.recordNanos(5_000_000);

        assertThat(latency.percentiles()).isEqualTo(Percentiles.NONE);
    }

    @Test
    void percentilesAreInMilliseconds() throws InterruptedException {
        Window window = new Window(Duration.ZERO, Duration.ofMillis(1), 0);
        Latency latency = new Latency("send", window);
        Thread recorder = Thread.ofVirtual().start(() -> {
            while (!window.measuring() && !window.stopped()) {
                Thread.onSpinWait();
            }
            for (int i = 1; i <= 100; i++) {
                latency.recordNanos(i * 1_000_000L); // 1..100 ms, recorded whatever the window does next
            }
        });
        window.runToEnd();
        recorder.join();

        Percentiles p = latency.percentiles();
        if (p.count() == 100) { // the window may close before the recorder starts; then there is nothing to check
            assertThat(p.p50Millis()).isBetween(49.9, 50.1);
            assertThat(p.p99Millis()).isBetween(98.9, 99.1);
            assertThat(p.maxMillis()).isBetween(99.9, 100.1);
        }
    }

    @Test
    void windowRefusesAnEmptyMeasurement() {
        assertThatThrownBy(() -> new Window(Duration.ZERO, Duration.ZERO, 0))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void cpuTicksAreCountedAfterTheCommandName() {
        String stat = "4242 (java (weird) name) S 1 4242 4242 0 -1 4194560 100 0 0 0 250 70 0 0 20 0 30 0 5 6 7";

        assertThat(ProcessCpu.parseTicks(stat)).isEqualTo(320);
        assertThat(ProcessCpu.ownMillis()).isPresent();
    }
}
