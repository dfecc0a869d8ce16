package io.wharf.bench.scenario;

import io.wharf.bench.measure.Result;

/** One load shape. A run creates what it needs (a queue), loads it for warm-up + duration, cleans up. */
public interface Scenario {

    /** The name used on the command line and in results, e.g. {@code sqs-send}. */
    String name();

    /** Runs to the end of the settings' window and reports; bounded by the window plus a short drain. */
    Result run(ScenarioSettings settings) throws InterruptedException;
}
