package io.wharf.server.logging;

import io.wharf.protocol.RequestLog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.spi.LoggingEventBuilder;

import java.util.Locale;

/**
 * The request log: one INFO line per AWS call on the logger {@value #LOGGER} — in text,
 * {@code sqs SendMessage 200 - 1.214 ms in=312 out=402 account=000000000000 id=… ip=127.0.0.1 key=AKID… resource=…}
 * ({@code -} where a value is absent; the error code in place of the first {@code -}); the same fields as key-value
 * pairs, which the JSON format writes as typed members.
 */
public final class RequestLogWriter implements RequestLog {
    public static final String LOGGER = "io.wharf.requests";
    private static final Logger LOG = LoggerFactory.getLogger(LOGGER);

    @Override
    public void record(Entry e) {
        if (!LOG.isInfoEnabled()) {
            return;
        }
        String latency = String.format(Locale.ROOT, "%.3f", e.micros() / 1000.0);
        LoggingEventBuilder line = LOG.atInfo();
        put(line, "time", e.time().toString());
        put(line, "requestId", e.requestId());
        put(line, "account", e.account());
        put(line, "service", e.service());
        put(line, "action", e.action());
        put(line, "resource", e.resource());
        put(line, "status", e.status());
        put(line, "errorCode", e.errorCode());
        put(line, "latencyMs", e.micros() / 1000.0);
        put(line, "bytesIn", e.bytesIn());
        put(line, "bytesOut", e.bytesOut() < 0 ? null : e.bytesOut());
        put(line, "sourceIp", e.sourceIp());
        put(line, "accessKeyId", e.accessKeyId());
        line.log("{} {} {} {} {} ms in={} out={} account={} id={} ip={} key={} resource={}", or(e.service()),
                or(e.action()), e.status(), or(e.errorCode()), latency, e.bytesIn(),
                e.bytesOut() < 0 ? "-" : Long.toString(e.bytesOut()), or(e.account()), e.requestId(),
                or(e.sourceIp()), or(e.accessKeyId()), or(e.resource()));
    }

    /** Absent values are left out of the pairs (the text line says {@code -}). */
    private static void put(LoggingEventBuilder line, String key, Object value) {
        if (value != null) {
            line.addKeyValue(key, value);
        }
    }

    private static String or(String value) {
        return value == null ? "-" : value;
    }
}
