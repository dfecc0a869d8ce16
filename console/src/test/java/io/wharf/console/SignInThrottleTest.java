package io.wharf.console;

import io.wharf.testing.ManualClock;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Failed sign-ins per address: refused after ten in a minute, allowed again when the minute is over. */
class SignInThrottleTest {
    private final ManualClock clock = new ManualClock(1_700_000_000_000L);
    private final SignInThrottle throttle = new SignInThrottle(clock);

    @Test
    void tenFailuresInAMinuteStopAnAddressUntilTheMinuteEnds() {
        for (int i = 0; i < SignInThrottle.MAX_FAILURES; i++) {
            assertThat(throttle.allowed("10.0.0.1")).isTrue();
            throttle.failed("10.0.0.1");
        }
        assertThat(throttle.allowed("10.0.0.1")).isFalse();
        assertThat(throttle.allowed("10.0.0.2")).as("another address").isTrue();

        clock.advance(SignInThrottle.WINDOW.minusMillis(1));
        assertThat(throttle.allowed("10.0.0.1")).isFalse();
        clock.advanceSeconds(1);
        assertThat(throttle.allowed("10.0.0.1")).isTrue();
        throttle.failed("10.0.0.1");
        assertThat(throttle.allowed("10.0.0.1")).as("a new window counts from one").isTrue();
    }

    @Test
    void aSuccessClearsTheCount() {
        for (int i = 0; i < SignInThrottle.MAX_FAILURES - 1; i++) {
            throttle.failed("10.0.0.1");
        }
        throttle.succeeded("10.0.0.1");
        throttle.failed("10.0.0.1");
        assertThat(throttle.allowed("10.0.0.1")).isTrue();
    }
}
