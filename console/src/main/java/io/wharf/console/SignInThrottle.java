package io.wharf.console;

import java.time.Clock;
import java.time.Duration;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Slows down guessing secrets: an address with {@link #MAX_FAILURES} failed sign-ins within {@link #WINDOW} is refused
 * until that window ends. Remembers at most {@link #MAX_ADDRESSES} addresses (forgetting expired ones first).
 */
final class SignInThrottle {
    static final int MAX_FAILURES = 10;
    static final Duration WINDOW = Duration.ofMinutes(1);
    static final int MAX_ADDRESSES = 10_000;

    private record Failures(long windowStartMillis, int count) {
    }

    private final Clock clock;
    private final Map<String, Failures> byAddress = new ConcurrentHashMap<>();

    SignInThrottle(Clock clock) {
        this.clock = clock;
    }

    /** Whether {@code address} may try to sign in now. */
    boolean allowed(String address) {
        Failures failures = byAddress.get(address);
        return failures == null || expired(failures, clock.millis()) || failures.count() < MAX_FAILURES;
    }

    void failed(String address) {
        long now = clock.millis();
        if (byAddress.size() >= MAX_ADDRESSES && !byAddress.containsKey(address)) {
            byAddress.values().removeIf(f -> expired(f, now));
            Iterator<String> any = byAddress.keySet().iterator();
            while (byAddress.size() >= MAX_ADDRESSES && any.hasNext()) {
                any.next();
                any.remove();
            }
        }
        byAddress.merge(address, new Failures(now, 1), (was, one) -> expired(was, now) ? one
                : new Failures(was.windowStartMillis(), was.count() + 1));
    }

    void succeeded(String address) {
        byAddress.remove(address);
    }

    private static boolean expired(Failures failures, long now) {
        return now - failures.windowStartMillis() >= WINDOW.toMillis();
    }
}
