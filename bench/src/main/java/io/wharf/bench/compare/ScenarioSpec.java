package io.wharf.bench.compare;

import io.wharf.bench.scenario.Scenario;
import io.wharf.bench.scenario.Scenarios;

/**
 * A scenario as a compare names it: {@code sqs-send}, or with a fixed rate in messages/s after an
 * {@code @}, like {@code sqs-roundtrip@1000}.
 */
record ScenarioSpec(String label, Scenario scenario, int ratePerSecond) {

    static ScenarioSpec parse(String text) {
        int at = text.indexOf('@');
        if (at < 0) {
            return new ScenarioSpec(text, Scenarios.named(text), 0);
        }
        int rate;
        try {
            rate = Integer.parseInt(text.substring(at + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + text + "': the rate after @ must be a number of messages/s");
        }
        if (rate <= 0) {
            throw new IllegalArgumentException("'" + text + "': the rate after @ must be positive");
        }
        return new ScenarioSpec(text, Scenarios.named(text.substring(0, at)), rate);
    }
}
