package io.wharf.server.config;

/**
 * A bad configuration value. The message is one line meant for a person at a terminal: it names the
 * setting as the user wrote it (the option, or the environment variable it came from), the value, and why.
 */
public final class ConfigException extends RuntimeException {
    private final Setting setting;
    private final String value;
    private final String reason;
    private final String source;

    public ConfigException(Setting setting, String value, String reason) {
        this(setting, value, reason, setting.option());
    }

    private ConfigException(Setting setting, String value, String reason, String source) {
        super("invalid " + source + " '" + value + "': " + reason, null, false, false);
        this.setting = setting;
        this.value = value;
        this.reason = reason;
        this.source = source;
    }

    public Setting setting() {
        return setting;
    }

    public String value() {
        return value;
    }

    /** The same error, attributed to where the value really came from (e.g. an environment variable). */
    ConfigException from(String newSource) {
        return new ConfigException(setting, value, reason, newSource);
    }

    String source() {
        return source;
    }
}
