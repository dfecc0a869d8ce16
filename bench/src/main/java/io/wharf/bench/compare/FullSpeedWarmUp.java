package io.wharf.bench.compare;

import io.wharf.bench.scenario.ScenarioSettings;

import java.time.Duration;
import java.util.HashSet;
import java.util.Set;

/**
 * Precedes the first run of a rate-limited scenario against a server that has not yet run that scenario at full speed
 * with a throw-away run at full speed, as long as the warm-up. At a fixed rate the warm-up alone leaves the server's JIT
 * short of the code it reaches under load (a fresh Wharf's sqs-roundtrip@1000 measured a p99 of 10-11 ms where a warmed
 * one measured 2.5-4 ms); every target gets the same treatment, once per scenario.
 */
final class FullSpeedWarmUp {
    private final Set<String> warmed = new HashSet<>();

    /** Called before each run; runs the scenario at full speed first when this is the first run that needs it. */
    void before(ScenarioSpec spec, ScenarioSettings runSettings, String serverName) throws InterruptedException {
        boolean first = warmed.add(spec.scenario().name() + "\u0000" + serverName);
        if (!first || spec.ratePerSecond() == 0 || runSettings.warmup().isZero()) {
            return; // a full-speed run warms the server itself, as did the one before
        }
        System.err.println("wharf-bench: " + spec.label() + " against " + serverName + ": first warmed at full speed for "
                + runSettings.warmup().toSeconds() + " s (not measured)");
        spec.scenario().run(runSettings.withRate(0).withTimes(Duration.ZERO, runSettings.warmup()));
    }
}
