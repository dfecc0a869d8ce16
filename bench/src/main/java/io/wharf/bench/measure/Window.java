package io.wharf.bench.measure;

import java.time.Duration;
import java.util.OptionalDouble;
import java.util.OptionalLong;

/**
 * The clock of one run: a warm-up whose work is thrown away, then the measured window of a fixed
 * duration, then stop. Workers poll {@link #stopped()} and record only while {@link #measuring()}; CPU of
 * the server (when its PID is known) and of this process is read at both edges of the measured window.
 */
public final class Window {
    private final Duration warmup;
    private final Duration measured;
    private final long serverPid; // <= 0: unknown
    private volatile boolean measuring;
    private volatile boolean stopped;
    private long startNanos;
    private long endNanos;
    private OptionalLong serverCpuStart = OptionalLong.empty();
    private OptionalLong serverCpuEnd = OptionalLong.empty();
    private OptionalLong serverJitStart = OptionalLong.empty();
    private OptionalLong serverJitEnd = OptionalLong.empty();
    private OptionalLong clientCpuStart = OptionalLong.empty();
    private OptionalLong clientCpuEnd = OptionalLong.empty();
    private OptionalDouble loadAverage = OptionalDouble.empty();
    private static volatile Edges lastEdges;
    private static volatile OptionalLong lastServerJitMillis = OptionalLong.empty();

    /** The wall-clock edges of a measured window, to line it up with what a server logged meanwhile. */
    public record Edges(long startEpochMillis, long endEpochMillis) {
    }

    public Window(Duration warmup, Duration measured, long serverPid) {
        if (warmup.isNegative() || measured.isNegative() || measured.isZero()) {
            throw new IllegalArgumentException("warm-up must be >= 0 and the measured window > 0, got "
                    + warmup + " and " + measured);
        }
        this.warmup = warmup;
        this.measured = measured;
        this.serverPid = serverPid;
    }

    public boolean measuring() {
        return measuring;
    }

    /** When the measured window closed (a {@link System#nanoTime} reading); meaningful once {@link #stopped()}. */
    public long closedAtNanos() {
        return endNanos;
    }

    public boolean stopped() {
        return stopped;
    }

    /** Blocks for warm-up plus the measured window; the workers run meanwhile on their own threads. */
    public void runToEnd() throws InterruptedException {
        try {
            Thread.sleep(warmup);
            serverJitStart = serverPid > 0 ? ProcessCpu.compilerMillis(serverPid) : OptionalLong.empty();
            serverCpuStart = serverPid > 0 ? ProcessCpu.millis(serverPid) : OptionalLong.empty();
            clientCpuStart = ProcessCpu.ownMillis();
            startNanos = System.nanoTime();
            long startMillis = System.currentTimeMillis();
            measuring = true;
            try {
                Thread.sleep(measured);
            } finally {
                lastEdges = new Edges(startMillis, System.currentTimeMillis());
            }
        } finally {
            measuring = false;
            endNanos = System.nanoTime();
            serverCpuEnd = serverPid > 0 ? ProcessCpu.millis(serverPid) : OptionalLong.empty();
            serverJitEnd = serverPid > 0 ? ProcessCpu.compilerMillis(serverPid) : OptionalLong.empty();
            lastServerJitMillis = serverJitCpuMillis();
            clientCpuEnd = ProcessCpu.ownMillis();
            loadAverage = ProcessCpu.loadAverage();
            stopped = true;
        }
    }

    /**
     * The edges of the last measured window that ended in this process, or null: a compare runs one scenario at a
     * time, so after a run this is that run's window.
     */
    public static Edges lastEdges() {
        return lastEdges;
    }

    /**
     * The server's JIT compiler CPU in the last measured window that ended in this process (a compare runs one
     * scenario at a time), or empty: part of {@link #serverCpuMillis}, reported apart so steady-state CPU per message
     * can be read without the warm-up's compiling.
     */
    public static OptionalLong lastServerJitMillis() {
        return lastServerJitMillis;
    }

    /** Stops the workers of a run that failed before its window ran (they poll {@link #stopped()}). */
    public void abort() {
        measuring = false;
        stopped = true;
    }

    /** Length of the measured window as it really was (sleeps overrun). */
    public double measuredSeconds() {
        return (endNanos - startNanos) / 1e9;
    }

    public OptionalLong serverCpuMillis() {
        return difference(serverCpuStart, serverCpuEnd);
    }

    /** The server's JIT compiler CPU in the window (included in {@link #serverCpuMillis}). */
    public OptionalLong serverJitCpuMillis() {
        return difference(serverJitStart, serverJitEnd);
    }

    /** The 1-minute load average when the window closed: above the core count, others were competing. */
    public OptionalDouble loadAverage() {
        return loadAverage;
    }

    public OptionalLong clientCpuMillis() {
        return difference(clientCpuStart, clientCpuEnd);
    }

    private static OptionalLong difference(OptionalLong start, OptionalLong end) {
        return start.isPresent() && end.isPresent()
                ? OptionalLong.of(end.getAsLong() - start.getAsLong()) : OptionalLong.empty();
    }
}
