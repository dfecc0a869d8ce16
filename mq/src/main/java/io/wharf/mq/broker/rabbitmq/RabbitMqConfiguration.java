package io.wharf.mq.broker.rabbitmq;

import io.wharf.mq.broker.BrokerRuntime.ConfigurationRejected;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * What an Amazon MQ for RabbitMQ configuration may say: {@code rabbitmq.conf}'s Cuttlefish {@code key = value} lines
 * (comments with {@code #}), limited to the keys Amazon MQ documents as configurable (developer guide, "Configurable
 * values" and "Resource limit configuration"), each with its documented range.
 *
 * <p>Accepted keys are handed to the node in its {@code rabbitmq.conf} when the installed RabbitMQ knows them (its
 * Cuttlefish schema names them: a key a 3.10 node does not know would stop it from booting), except
 * {@code secure.management.http.headers.enabled}, which is Amazon MQ's own switch and no RabbitMQ key. The
 * authentication families Amazon MQ also allows (LDAP, OAuth 2.0, HTTP backends, mTLS) are refused: Wharf's brokers
 * only authenticate the users of the API.
 */
final class RabbitMqConfiguration {
    /** Amazon MQ's own switch; accepted and never handed to RabbitMQ. */
    static final String SECURE_HEADERS = "secure.management.http.headers.enabled";
    private static final int MAX_LINES = 1_000;
    private static final Pattern KEY = Pattern.compile("[A-Za-z0-9_.$-]+");

    private static final Map<String, Predicate<String>> KEYS = keys();

    private final Map<String, String> values;

    private RabbitMqConfiguration(Map<String, String> values) {
        this.values = values;
    }

    /** The configuration {@code data} holds, or {@link ConfigurationRejected} with the first problem. Null: empty. */
    static RabbitMqConfiguration parse(String data) {
        Map<String, String> values = new LinkedHashMap<>();
        if (data == null) {
            return new RabbitMqConfiguration(values);
        }
        String[] lines = data.split("\r?\n", -1);
        if (lines.length > MAX_LINES) {
            throw new ConfigurationRejected("The configuration has more than " + MAX_LINES + " lines.");
        }
        for (String raw : lines) {
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            if (line.startsWith("{{")) {
                throw new ConfigurationRejected("Configuration sections (" + line
                        + ") are supported only for RabbitMQ 4 brokers.");
            }
            int equals = line.indexOf('=');
            if (equals <= 0 || !KEY.matcher(line.substring(0, equals).strip()).matches()) {
                throw new ConfigurationRejected("Invalid configuration line: \"" + abbreviate(line)
                        + "\". Each line must have the form key = value.");
            }
            String key = line.substring(0, equals).strip();
            String value = stripComment(line.substring(equals + 1)).strip();
            Predicate<String> valid = KEYS.get(key);
            if (valid == null) {
                throw new ConfigurationRejected("Configuration key " + abbreviate(key) + " is not supported. "
                        + "Supported keys: " + String.join(", ", KEYS.keySet()) + ".");
            }
            if (!valid.test(value)) {
                throw new ConfigurationRejected("Invalid value " + abbreviate(value) + " for configuration key "
                        + key + ".");
            }
            values.put(key, value);
        }
        return new RabbitMqConfiguration(values);
    }

    /** The accepted {@code key → value}s in the order given (a key given twice keeps its last value). */
    Map<String, String> values() {
        return Map.copyOf(values);
    }

    /** The lines to append to the node's {@code rabbitmq.conf}: the keys {@code known} says the node understands. */
    String toRabbitConf(Predicate<String> known) {
        StringBuilder conf = new StringBuilder();
        values.forEach((key, value) -> {
            if (!key.equals(SECURE_HEADERS) && known.test(key)) {
                conf.append(key).append(" = ").append(value).append('\n');
            }
        });
        return conf.toString();
    }

    private static Map<String, Predicate<String>> keys() {
        Map<String, Predicate<String>> keys = new LinkedHashMap<>();
        keys.put("consumer_timeout", value -> inRange(value, 0, Integer.MAX_VALUE));
        keys.put("heartbeat", value -> inRange(value, 60, 3600));
        keys.put("management.restrictions.operator_policy_changes.disabled", RabbitMqConfiguration::isBoolean);
        keys.put("quorum_queue.property_equivalence.relaxed_checks_on_redeclaration", RabbitMqConfiguration::isBoolean);
        keys.put(SECURE_HEADERS, RabbitMqConfiguration::isBoolean);
        // resource limits (RabbitMQ 4 on Amazon MQ; the maxima there depend on the instance type)
        for (String limit : List.of("connection_max", "channel_max_per_node", "cluster_queue_limit", "vhost_max",
                "runtime_parameters.limits.shovel", "cluster_exchange_limit", "consumer_max_per_channel")) {
            keys.put(limit, value -> inRange(value, 0, Integer.MAX_VALUE));
        }
        keys.put("max_message_size", value -> inRange(value, 1, 536_870_912));
        return keys;
    }

    private static boolean inRange(String value, long min, long max) {
        try {
            long number = Long.parseLong(value);
            return number >= min && number <= max;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static boolean isBoolean(String value) {
        return value.equals("true") || value.equals("false");
    }

    private static String stripComment(String value) {
        int hash = value.indexOf('#');
        return hash < 0 ? value : value.substring(0, hash);
    }

    private static String abbreviate(String text) {
        return text.length() <= 100 ? text : text.substring(0, 100) + "…";
    }
}
