package io.wharf.server.http;

import java.lang.management.ManagementFactory;
import java.time.Duration;

/**
 * What one client may cost the front door, per connection and in total (docs/operations.md, "Connections and request
 * limits"). Values are checked by {@code WharfConfig}, which names the flag; here only programmer errors are caught.
 *
 * @param idleTimeout       a keep-alive connection with no request in progress (HTTP/1.1), or no open stream (HTTP/2),
 *                          is closed after this long; a request being served (a long poll, an event stream) is never idle
 * @param headerTimeout     the request line and headers must have arrived this long after the request's first byte (on
 *                          a new connection: after the connection opened); also the TLS handshake's limit
 * @param bodyTimeout       a request body with no byte for this long, or slower on average than
 *                          {@link #MIN_BODY_BYTES_PER_SECOND} once it has taken this long, is cut off; an answer the
 *                          client does not read for this long (no byte leaves) closes the connection
 * @param maxConnections    open connections over all listeners; one more is answered 503 and closed. 0 = derived from
 *                          the process's file descriptor limit ({@link #effectiveMaxConnections()})
 * @param maxInflightBytes  request body bytes being received at once over all connections; a body that does not fit
 *                          is refused with a 503 before it is read. 0 = {@link #DEFAULT_MAX_INFLIGHT_BYTES} (or the
 *                          largest request, if larger)
 * @param http2MaxStreams   SETTINGS_MAX_CONCURRENT_STREAMS: open streams per HTTP/2 connection
 */
public record ConnectionLimits(Duration idleTimeout, Duration headerTimeout, Duration bodyTimeout, int maxConnections,
                               long maxInflightBytes, int http2MaxStreams) {
    public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofSeconds(30);
    public static final Duration DEFAULT_HEADER_TIMEOUT = Duration.ofSeconds(10);
    public static final Duration DEFAULT_BODY_TIMEOUT = Duration.ofSeconds(10);
    /** Where no file descriptor limit can be read, and the most the derived default ever is. */
    public static final int DEFAULT_MAX_CONNECTIONS = 10_000;
    public static final long DEFAULT_MAX_INFLIGHT_BYTES = 64L * 1024 * 1024;
    public static final int DEFAULT_HTTP2_MAX_STREAMS = 100;
    /** A body that has been arriving for longer than the body timeout must average at least this. */
    public static final int MIN_BODY_BYTES_PER_SECOND = 1024;
    /**
     * Answer bytes one HTTP/2 connection may have waiting for the client's flow-control window. Past it, a stream's
     * new request is refused (REFUSED_STREAM: not processed, safe to retry) and a finished answer that does not fit is
     * dropped with RST_STREAM, as if the connection had broken.
     */
    public static final int HTTP2_MAX_PENDING_ANSWER_BYTES = 16 * 1024 * 1024;

    public static final ConnectionLimits DEFAULTS = new ConnectionLimits(DEFAULT_IDLE_TIMEOUT, DEFAULT_HEADER_TIMEOUT,
            DEFAULT_BODY_TIMEOUT, 0, 0, DEFAULT_HTTP2_MAX_STREAMS);

    public ConnectionLimits {
        if (idleTimeout.isNegative() || idleTimeout.isZero() || headerTimeout.isNegative() || headerTimeout.isZero()
                || bodyTimeout.isNegative() || bodyTimeout.isZero()) {
            throw new IllegalArgumentException("timeouts must be positive");
        }
        if (maxConnections < 0 || maxInflightBytes < 0 || http2MaxStreams < 1) {
            throw new IllegalArgumentException("limits must not be negative");
        }
    }

    /**
     * The connection cap in force: the configured one, else three quarters of the file descriptor limit (the rest is
     * for the store's files, the audit log and outbound deliveries), at most {@value #DEFAULT_MAX_CONNECTIONS}.
     */
    public int effectiveMaxConnections() {
        if (maxConnections > 0) {
            return maxConnections;
        }
        long fdLimit = fileDescriptorLimit();
        return fdLimit <= 0 ? DEFAULT_MAX_CONNECTIONS : (int) Math.max(16, Math.min(DEFAULT_MAX_CONNECTIONS, fdLimit * 3 / 4));
    }

    /** The in-flight body budget in force for a server whose largest request is {@code maxRequestBytes}. */
    public long effectiveMaxInflightBytes(int maxRequestBytes) {
        return maxInflightBytes > 0 ? maxInflightBytes : Math.max(DEFAULT_MAX_INFLIGHT_BYTES, maxRequestBytes);
    }

    /** The process's open file limit ({@code ulimit -n}), or -1 where the platform does not say. */
    static long fileDescriptorLimit() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.UnixOperatingSystemMXBean unix) {
            return unix.getMaxFileDescriptorCount();
        }
        return -1;
    }

    public ConnectionLimits withIdleTimeout(Duration value) {
        return new ConnectionLimits(value, headerTimeout, bodyTimeout, maxConnections, maxInflightBytes, http2MaxStreams);
    }

    public ConnectionLimits withHeaderTimeout(Duration value) {
        return new ConnectionLimits(idleTimeout, value, bodyTimeout, maxConnections, maxInflightBytes, http2MaxStreams);
    }

    public ConnectionLimits withBodyTimeout(Duration value) {
        return new ConnectionLimits(idleTimeout, headerTimeout, value, maxConnections, maxInflightBytes, http2MaxStreams);
    }

    public ConnectionLimits withMaxConnections(int value) {
        return new ConnectionLimits(idleTimeout, headerTimeout, bodyTimeout, value, maxInflightBytes, http2MaxStreams);
    }

    public ConnectionLimits withMaxInflightBytes(long value) {
        return new ConnectionLimits(idleTimeout, headerTimeout, bodyTimeout, maxConnections, value, http2MaxStreams);
    }

    public ConnectionLimits withHttp2MaxStreams(int value) {
        return new ConnectionLimits(idleTimeout, headerTimeout, bodyTimeout, maxConnections, maxInflightBytes, value);
    }
}
