package io.wharf.bench.scenario;

import io.wharf.bench.measure.Window;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * A fixed rate shared by all producers of a run: one tick every {@code unitsPerTick / rate} seconds,
 * taken in turn. A producer stamps its call with the moment the tick was <em>due</em>, not when it went
 * out, so falling behind shows in the latency instead of hiding (no coordinated omission). At rate 0
 * every tick is due at once (full speed).
 */
public final class Pacing {
    private static final long MAX_PARK_NANOS = 50_000_000;

    private final long startNanos = System.nanoTime();
    private final double nanosPerTick;
    private final AtomicLong ticket = new AtomicLong();

    /** @param ratePerSecond units (messages, records) per second in all, 0 for full speed */
    public Pacing(int ratePerSecond, int unitsPerTick) {
        if (ratePerSecond < 0 || unitsPerTick < 1) {
            throw new IllegalArgumentException("rate must be >= 0 and a tick >= 1 unit, got " + ratePerSecond
                    + " and " + unitsPerTick);
        }
        nanosPerTick = ratePerSecond > 0 ? unitsPerTick * 1e9 / ratePerSecond : 0;
    }

    public boolean fixedRate() {
        return nanosPerTick > 0;
    }

    /**
     * Takes the next tick and waits until it is due (or the window stops); answers the stamp for the
     * call: the due moment at a fixed rate, else now.
     */
    public long awaitNextTick(Window window) {
        if (!fixedRate()) {
            return System.nanoTime();
        }
        long due = startNanos + (long) (ticket.getAndIncrement() * nanosPerTick);
        long left;
        while ((left = due - System.nanoTime()) > 0 && !window.stopped()) {
            LockSupport.parkNanos(Math.min(left, MAX_PARK_NANOS));
        }
        return Math.min(due, System.nanoTime());
    }
}
