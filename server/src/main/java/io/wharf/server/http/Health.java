package io.wharf.server.http;

import io.wharf.protocol.wire.WireResponse;

import java.nio.charset.StandardCharsets;

/**
 * The health endpoints, answered on the event loop without touching the gateway (docs/operations.md):
 * <ul>
 *   <li>{@code GET /_wharf/live} — the process is alive and its event loop answers: always 200 while it does
 *       (a wedged process does not answer at all). For a Kubernetes livenessProbe.</li>
 *   <li>{@code GET /_wharf/ready} and {@code GET /_wharf/health} — Wharf accepts writes: 200
 *       {@code {"status":"ok"}}, else 503 {@code {"status":"unavailable","reason":"..."}} with the reason:
 *       {@code shutting down}, {@code disk full: store failed: ...} or {@code store failed: ...} (fail-stop; only a
 *       restart clears it). For a readinessProbe and load balancers.</li>
 * </ul>
 */
final class Health {
    static final String HEALTH_PATH = "/_wharf/health";
    static final String LIVE_PATH = "/_wharf/live";
    static final String READY_PATH = "/_wharf/ready";
    /** Prometheus metrics ({@code io.wharf.server.metrics}): answered beside these, on a virtual thread. */
    static final String METRICS_PATH = "/_wharf/metrics";

    private static final WireResponse ALIVE = json(200, "{\"status\":\"alive\"}");

    private Health() {
    }

    /** The answer for {@code path} if it is a health endpoint, else null. */
    static WireResponse answer(String path, FrontDoorContext context) {
        return switch (path) {
            case LIVE_PATH -> ALIVE;
            case HEALTH_PATH, READY_PATH -> {
                String reason = notReady(context);
                yield reason == null ? WireMessages.HEALTH
                        : json(503, "{\"status\":\"unavailable\",\"reason\":\"" + escape(reason) + "\"}");
            }
            default -> null;
        };
    }

    /** Why Wharf cannot accept writes now, or null when it can. */
    static String notReady(FrontDoorContext context) {
        if (context.draining()) {
            return "shutting down";
        }
        String failure = context.storeFailure();
        if (failure == null) {
            return null;
        }
        return failure.contains("No space left on device") || failure.contains("NoSpace") ? "disk full: " + failure
                : failure;
    }

    private static WireResponse json(int status, String body) {
        return WireResponse.of(status, "application/json", body.getBytes(StandardCharsets.UTF_8));
    }

    private static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.toString();
    }
}
