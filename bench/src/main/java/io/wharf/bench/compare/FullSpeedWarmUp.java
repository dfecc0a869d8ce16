package io.wharf.bench.compare;

import io.wharf.bench.measure.ProcessCpu;
import io.wharf.bench.scenario.ScenarioSettings;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.LongFunction;

/**
 * Precedes the first run of a rate-limited scenario against a server that has not yet run that scenario at full speed
 * with throw-away runs at full speed, each as long as the warm-up, until both JVMs' JIT compilers have settled. At a
 * fixed rate the warm-up alone leaves the server's JIT short of the code it reaches under load (a fresh Wharf's
 * sqs-roundtrip@1000 measured a p99 of 10-11 ms where a warmed one measured 2.5-4 ms), and one full-speed run as long
 * as the warm-up was not enough either: after it, round 1 of sqs-roundtrip@5000 still held 1.5-2.6 s of the server's
 * compiling in its window and twice the client's CPU per message of later rounds (docs/benchmarks.md, "7 December,
 * third session"). So it runs again while the server's or this process's compiler threads took more than
 * {@link #SETTLED_SHARE} of the run's time, {@link #MAX_RUNS} runs at most. Every target gets the same treatment, once
 * per scenario.
 */
final class FullSpeedWarmUp {
    /** Compiler CPU per second of a run, in either JVM, under which the JIT counts as settled: 50 ms per second. */
    static final double SETTLED_SHARE = 0.05;
    static final int MAX_RUNS = 4;

    private final Set<String> warmed = new HashSet<>();
    private final LongFunction<OptionalLong> compilerMillis;
    private final long ownPid;

    FullSpeedWarmUp() {
        this(ProcessCpu::compilerMillis, ProcessHandle.current().pid());
    }

    /** With the compilers' CPU read through {@code compilerMillis} (by pid), this process being {@code ownPid}. */
    FullSpeedWarmUp(LongFunction<OptionalLong> compilerMillis, long ownPid) {
        this.compilerMillis = compilerMillis;
        this.ownPid = ownPid;
    }

    /** Called before each run; runs the scenario at full speed first when this is the first run that needs it. */
    void before(ScenarioSpec spec, ScenarioSettings runSettings, String serverName) throws InterruptedException {
        boolean first = warmed.add(spec.scenario().name() + "\u0000" + serverName);
        if (!first || spec.ratePerSecond() == 0 || runSettings.warmup().isZero()) {
            return; // a full-speed run warms the server itself, as did the one before
        }
        Duration each = runSettings.warmup();
        ScenarioSettings fullSpeed = runSettings.withRate(0).withTimes(Duration.ZERO, each);
        long settledMillis = (long) (each.toMillis() * SETTLED_SHARE);
        List<String> compiling = new ArrayList<>();
        for (int run = 1; run <= MAX_RUNS; run++) {
            OptionalLong serverBefore = compilerMillis(runSettings.serverPid());
            OptionalLong ownBefore = compilerMillis(ownPid);
            spec.scenario().run(fullSpeed);
            OptionalLong server = used(serverBefore, compilerMillis(runSettings.serverPid()));
            OptionalLong own = used(ownBefore, compilerMillis(ownPid));
            compiling.add(server.isPresent() && own.isPresent()
                    ? server.getAsLong() + "/" + own.getAsLong() : "unknown");
            boolean settled = server.isEmpty() || own.isEmpty() // can't tell: one run, as before
                    || server.getAsLong() <= settledMillis && own.getAsLong() <= settledMillis;
            if (settled || run == MAX_RUNS) {
                System.err.println("wharf-bench: " + spec.label() + " against " + serverName + ": first warmed at full "
                        + "speed for " + run + " x " + each.toSeconds() + " s (not measured; JIT ms per run, server/"
                        + "client: " + String.join(", ", compiling) + (settled ? ")" : "; still compiling)"));
                return;
            }
        }
    }

    private OptionalLong compilerMillis(long pid) {
        return pid <= 0 ? OptionalLong.empty() : compilerMillis.apply(pid);
    }

    private static OptionalLong used(OptionalLong before, OptionalLong after) {
        return before.isPresent() && after.isPresent()
                ? OptionalLong.of(after.getAsLong() - before.getAsLong()) : OptionalLong.empty();
    }
}
