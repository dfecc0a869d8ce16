/**
 * What a scenario is and which exist: {@link io.wharf.bench.scenario.Scenario} runs one load shape
 * against an endpoint for a {@link io.wharf.bench.scenario.ScenarioSettings}; the
 * {@link io.wharf.bench.scenario.Scenarios} registry names them. New services add their scenarios
 * in their own package ({@code io.wharf.bench.sqs} now; {@code sns}, {@code kinesis} later) and one
 * line in the registry.
 */
package io.wharf.bench.scenario;
