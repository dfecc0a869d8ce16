package io.wharf.bench.measure;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.OptionalLong;

/**
 * What one scenario run measured against one target.
 *
 * @param scenario       the scenario's name, e.g. {@code sqs-roundtrip}
 * @param target         a label for what was measured (an endpoint, or a compare target's name)
 * @param parameters     the settings that shape the load (callers, rate, backlog cap…), in print order
 * @param measuredSeconds length of the measured window
 * @param messages       messages completed in the window (what "completed" means is the scenario's)
 * @param errors         failed calls in the window and after it
 * @param firstError     the first failure's message, or null
 * @param primaryLatency the key of {@code latencies} that sums the scenario up
 * @param latencies      named distributions, in print order
 * @param serverCpuMillis server CPU used in the window, when its PID was given
 * @param clientCpuMillis this process's CPU used in the window
 * @param loadAverage    the machine's 1-minute load average at the end of the window (how crowded it was)
 */
public record Result(String scenario, String target, Map<String, String> parameters, double measuredSeconds,
                     long messages, long errors, String firstError, String primaryLatency,
                     Map<String, Percentiles> latencies, OptionalLong serverCpuMillis,
                     OptionalLong clientCpuMillis, OptionalDouble loadAverage) {

    public Result {
        parameters = Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
        latencies = Collections.unmodifiableMap(new LinkedHashMap<>(latencies));
        if (!latencies.isEmpty() && !latencies.containsKey(primaryLatency)) {
            throw new IllegalArgumentException("primary latency " + primaryLatency + " not among " + latencies.keySet());
        }
    }

    public double messagesPerSecond() {
        return measuredSeconds > 0 ? messages / measuredSeconds : 0;
    }

    public Percentiles primary() {
        return latencies.getOrDefault(primaryLatency, Percentiles.NONE);
    }

    /** Server CPU milliseconds per 1,000 messages completed. */
    public OptionalDouble serverCpuMillisPerThousand() {
        return perThousand(serverCpuMillis);
    }

    /** The parameter that carries the server's JIT compiler CPU in the window ({@link Window#serverJitCpuMillis}). */
    public static final String SERVER_JIT_MILLIS = "server.jitCpuMillis";

    /**
     * Server CPU milliseconds per 1,000 messages without the JIT compiler's (when the run recorded it): the
     * steady-state cost per message, which a short run's compiling otherwise blurs.
     */
    public OptionalDouble serverCpuWithoutJitPerThousand() {
        String jit = parameters.get(SERVER_JIT_MILLIS);
        if (jit == null || serverCpuMillis.isEmpty()) {
            return OptionalDouble.empty();
        }
        return perThousand(OptionalLong.of(Math.max(0, serverCpuMillis.getAsLong() - Long.parseLong(jit))));
    }

    /** This result with one more parameter (or one replaced). */
    public Result withParameter(String name, String value) {
        return withParameters(Map.of(name, value));
    }

    /** This result with more parameters, after its own (those of the same name replaced). */
    public Result withParameters(Map<String, String> added) {
        Map<String, String> more = new LinkedHashMap<>(parameters);
        more.putAll(added);
        return new Result(scenario, target, more, measuredSeconds, messages, errors, firstError, primaryLatency,
                latencies, serverCpuMillis, clientCpuMillis, loadAverage);
    }

    /** This load generator's CPU milliseconds per 1,000 messages completed. */
    public OptionalDouble clientCpuMillisPerThousand() {
        return perThousand(clientCpuMillis);
    }

    private OptionalDouble perThousand(OptionalLong cpuMillis) {
        return cpuMillis.isPresent() && messages > 0
                ? OptionalDouble.of(cpuMillis.getAsLong() * 1000.0 / messages) : OptionalDouble.empty();
    }

    public Result withTarget(String newTarget) {
        return new Result(scenario, newTarget, parameters, measuredSeconds, messages, errors, firstError,
                primaryLatency, latencies, serverCpuMillis, clientCpuMillis, loadAverage);
    }
}
