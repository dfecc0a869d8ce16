package io.wharf.bench.scenario;

import io.wharf.bench.measure.Window;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * A fixed rate shared by all producers of a run: one tick every {@code unitsPerTick / rate} seconds,
 * taken in turn. A producer stamps its call with the moment the tick was <em>due</em>, not when it went
 * out, so falling behind shows in the latency instead of hiding (no coordinated omission). At rate 0
 * every tick is due at once (full speed).
 *
 * <p>The schedule starts again when the measured window opens: what the warm-up fell behind (a cold client or server
 * could not keep the rate yet) is dropped there instead of being caught up, and timed, inside the window. How far
 * behind it was is kept ({@link #lagAtWindowStartMillis}); falling behind inside the window still shows in full.
 */
public final class Pacing {
    private static final long MAX_PARK_NANOS = 50_000_000;
    /** A fixed-rate result's parameter: {@link #lagAtWindowStartMillis}. */
    public static final String LAG_AT_START = "behindScheduleAtStartMs";
    /** A fixed-rate result's parameter: how far behind its schedule the run was when the measured window closed. */
    public static final String LAG_AT_END = "behindScheduleAtEndMs";

    /** One schedule: its start and the next ticket. Swapped whole, so no tick mixes two schedules. */
    private record Schedule(long startNanos, AtomicLong ticket) {
        long nextDue(double nanosPerTick) {
            return startNanos + (long) (ticket.getAndIncrement() * nanosPerTick);
        }

        /** When the next tick is due, without taking it. */
        long peekDue(double nanosPerTick) {
            return startNanos + (long) (ticket.get() * nanosPerTick);
        }
    }

    private final double nanosPerTick;
    private volatile Schedule schedule = new Schedule(System.nanoTime(), new AtomicLong());
    /** -1 until the schedule started again in the measured window: also the mark that it did. */
    private volatile long lagAtWindowStartNanos = -1;

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
        if (lagAtWindowStartNanos < 0 && window.measuring()) {
            restartSchedule();
        }
        long due = schedule.nextDue(nanosPerTick);
        long left;
        while ((left = due - System.nanoTime()) > 0 && !window.stopped()) {
            LockSupport.parkNanos(Math.min(left, MAX_PARK_NANOS));
        }
        return Math.min(due, System.nanoTime());
    }

    /** The first tick taken in the measured window starts the schedule anew, and notes how late the old one was. */
    private synchronized void restartSchedule() {
        if (lagAtWindowStartNanos >= 0) {
            return;
        }
        long now = System.nanoTime();
        long lag = Math.max(0, now - schedule.peekDue(nanosPerTick));
        schedule = new Schedule(now, new AtomicLong());
        lagAtWindowStartNanos = lag; // after the new schedule: whoever sees the mark sees the schedule
    }

    /**
     * How far behind its schedule the warm-up was when the measured window opened (what the restart dropped), in
     * milliseconds; -1 at full speed or before the window opened.
     */
    public long lagAtWindowStartMillis() {
        long lag = lagAtWindowStartNanos;
        return lag < 0 ? -1 : lag / 1_000_000;
    }

    /**
     * After the run, at a fixed rate: {@value #LAG_AT_START} ({@link #lagAtWindowStartMillis}) and {@value #LAG_AT_END},
     * how far behind its schedule the run was when {@code window} closed (0: it kept the rate), for a result's
     * parameters. Empty at full speed.
     */
    public Map<String, String> figures(Window window) {
        if (!fixedRate()) {
            return Map.of();
        }
        long behindAtEnd = Math.max(0, window.closedAtNanos() - schedule.peekDue(nanosPerTick)) / 1_000_000;
        Map<String, String> figures = new LinkedHashMap<>();
        figures.put(LAG_AT_START, Long.toString(lagAtWindowStartMillis()));
        figures.put(LAG_AT_END, Long.toString(behindAtEnd));
        return figures;
    }
}
