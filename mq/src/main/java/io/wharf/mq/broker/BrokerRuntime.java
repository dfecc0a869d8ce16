package io.wharf.mq.broker;

import java.util.Optional;

/**
 * Runs brokers of one engine type ({@code ACTIVEMQ}, {@code RABBITMQ}). Implementations are thread-safe; the MQ
 * engine calls {@link #start} off the request thread (CreateBroker answers {@code CREATION_IN_PROGRESS} at once).
 */
public interface BrokerRuntime {
    /** The model's {@code EngineType} value this runtime serves: {@code ACTIVEMQ} or {@code RABBITMQ}. */
    String engineType();

    /**
     * Empty when brokers can be started here; otherwise why not, in words for a user (CreateBroker answers it as a
     * {@code BadRequestException}), e.g. "RabbitMQ brokers need rabbitmq-server installed (apt-get install
     * rabbitmq-server)".
     */
    Optional<String> unavailableReason();

    /**
     * Checks a configuration revision's data (the XML a user sent base64-encoded, decoded) against what Amazon MQ
     * accepts for this engine; throws {@link ConfigurationRejected} with AWS's wording when it does not.
     */
    void validateConfiguration(String data);

    /**
     * Starts the broker {@code spec} describes and returns once it accepts connections. Called again with the same
     * {@link BrokerSpec#brokerId()} after a restart of Wharf or a reboot (the previous {@link RunningBroker} closed
     * first), with the same data directory: persistent messages are still there.
     *
     * @throws BrokerStartException when it cannot start (ports taken, process died); the broker is reported as such
     */
    RunningBroker start(BrokerSpec spec);

    /**
     * Like {@link #validateConfiguration}, and also what Amazon MQ would remove from the configuration (its
     * {@code Warnings} in CreateConfiguration/UpdateConfiguration answers, at most 20 listed): the broker gets the
     * data without them. The default has no warnings.
     */
    default java.util.List<ConfigurationWarning> configurationWarnings(String data) {
        validateConfiguration(data);
        return java.util.List.of();
    }

    /**
     * AWS's {@code SanitizationWarning}: an element or attribute removed from a configuration.
     *
     * @param elementName   the element's name
     * @param attributeName the attribute's name, or null when the whole element was removed
     * @param reason        {@code DISALLOWED_ELEMENT_REMOVED}, {@code DISALLOWED_ATTRIBUTE_REMOVED} or
     *                      {@code INVALID_ATTRIBUTE_VALUE_REMOVED}
     */
    record ConfigurationWarning(String elementName, String attributeName, String reason) {
    }

    /** Thrown by {@link #validateConfiguration}; its message is the one CreateConfiguration/UpdateConfiguration answer. */
    final class ConfigurationRejected extends RuntimeException {
        public ConfigurationRejected(String message) {
            super(message);
        }
    }

    /** Thrown by {@link #start}. */
    final class BrokerStartException extends RuntimeException {
        public BrokerStartException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
