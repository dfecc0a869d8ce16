package io.wharf.server.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.wharf.protocol.RequestLog;

import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Request metrics from the gateway's {@link RequestLog}: per (service, operation, status class, error code) a counter
 * {@code wharf_requests_total}; per (service, operation, status class) a timer {@code wharf_request_duration_seconds}
 * with fixed buckets from 1 ms to 30 s (long polls wait up to 20 s); per (service, operation) the bytes in and out.
 * The meters of a key are looked up once and cached, so a request costs a map lookup and a few adds. Keys are bounded by
 * the models (services, operations, error codes); a guard caps them anyway ({@value #MAX_KEYS}), as an unexpected
 * value must not grow the registry without end.
 */
final class RequestMetrics implements RequestLog {
    static final int MAX_KEYS = 5_000;
    static final Duration[] BUCKETS = {Duration.ofMillis(1), Duration.ofMillis(2), Duration.ofMillis(5),
            Duration.ofMillis(10), Duration.ofMillis(25), Duration.ofMillis(50), Duration.ofMillis(100),
            Duration.ofMillis(250), Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofMillis(2500),
            Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(21), Duration.ofSeconds(30)};

    private record Key(String service, String operation, int status, String errorCode) {
    }

    private record Meters(Counter requests, Timer duration, Counter bytesIn, Counter bytesOut) {
    }

    private final MeterRegistry registry;
    private final ConcurrentHashMap<Key, Meters> meters = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, Timer> timers = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, Counter[]> bytes = new ConcurrentHashMap<>();

    RequestMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    public void record(Entry e) {
        Key key = new Key(e.service(), e.action(), e.status(), e.errorCode());
        Meters m = meters.get(key);
        if (m == null) {
            m = meters.size() >= MAX_KEYS ? overflow() : meters.computeIfAbsent(key, this::create);
        }
        m.requests().increment();
        m.duration().record(e.micros(), TimeUnit.MICROSECONDS);
        m.bytesIn().increment(e.bytesIn());
        if (e.bytesOut() > 0) {
            m.bytesOut().increment(e.bytesOut());
        }
    }

    private Meters overflow() {
        return meters.computeIfAbsent(new Key(CardinalityGuard.OTHER, CardinalityGuard.OTHER, 0,
                CardinalityGuard.OTHER), this::create);
    }

    private Meters create(Key key) {
        String service = or(key.service());
        String operation = or(key.operation());
        String statusClass = key.status() == 0 ? CardinalityGuard.OTHER : (key.status() / 100) + "xx";
        Counter requests = Counter.builder("wharf.requests")
                .description("AWS calls answered, by service, operation, status class and error code")
                .tags("service", service, "operation", operation, "status", statusClass,
                        "error_code", key.errorCode() == null ? "none" : key.errorCode())
                .register(registry);
        Timer duration = timers.computeIfAbsent(service + '\u0000' + operation + '\u0000' + statusClass,
                k -> Timer.builder("wharf.request.duration")
                        .description("Time from a call's arrival until its answer was made (a streamed body's head)")
                        .tags("service", service, "operation", operation, "status", statusClass)
                        .serviceLevelObjectives(BUCKETS)
                        .register(registry));
        Counter[] io = bytes.computeIfAbsent(service + '\u0000' + operation, k -> new Counter[]{
                Counter.builder("wharf.request.bytes").baseUnit("bytes").description("Request body bytes received")
                        .tags("service", service, "operation", operation).register(registry),
                Counter.builder("wharf.response.bytes").baseUnit("bytes")
                        .description("Response body bytes sent (streamed bodies of unannounced length not counted)")
                        .tags("service", service, "operation", operation).register(registry)});
        return new Meters(requests, duration, io[0], io[1]);
    }

    private static String or(String value) {
        return value == null ? "unknown" : value;
    }
}
