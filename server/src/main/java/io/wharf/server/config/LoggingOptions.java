package io.wharf.server.config;

import java.util.Locale;

/**
 * How Wharf logs.
 *
 * @param requests one line per AWS call ({@code --log-requests}): time, request id, account, service, action,
 *                 resource, status, error code, latency, bytes in and out
 * @param level    the least severe level logged ({@code --log-level}: error, warn, info, debug, trace)
 * @param format   each line as text or as one JSON object ({@code --log-format})
 */
public record LoggingOptions(boolean requests, Level level, Format format) {
    public static final LoggingOptions DEFAULT = new LoggingOptions(false, Level.INFO, Format.TEXT);

    public enum Level { ERROR, WARN, INFO, DEBUG, TRACE }

    public enum Format { TEXT, JSON }

    public LoggingOptions {
        java.util.Objects.requireNonNull(level, "level");
        java.util.Objects.requireNonNull(format, "format");
    }

    static Level parseLevel(String value) {
        try {
            return Level.valueOf(value.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new ConfigException(Setting.LOG_LEVEL, value, "expected error, warn, info, debug or trace");
        }
    }

    static Format parseFormat(String value) {
        try {
            return Format.valueOf(value.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new ConfigException(Setting.LOG_FORMAT, value, "expected text or json");
        }
    }
}
