package io.wharf.mq.broker.rabbitmq;

import io.wharf.mq.broker.BrokerRuntime;
import io.wharf.mq.broker.BrokerSpec;
import io.wharf.mq.broker.RunningBroker;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Amazon MQ for RabbitMQ on the Wharf host: each broker is a {@code rabbitmq-server} child process
 * ({@link RabbitMqNode}) when Debian's {@code rabbitmq-server} package is installed; without it CreateBroker is
 * refused with {@link #unavailableReason()}. Thread-safe: it holds no state of its own besides the installation.
 */
public final class RabbitMqRuntime implements BrokerRuntime {
    /** How long a node may take to accept AMQP: seconds usually, more on a loaded two-core host. */
    public static final Duration DEFAULT_START_TIMEOUT = Duration.ofSeconds(120);

    private final RabbitMqInstallation installation;
    private final String unavailableReason;
    private final Duration startTimeout;
    private final Clock clock;

    /** The Debian installation under {@code /usr/lib/rabbitmq}. */
    public RabbitMqRuntime() {
        this(RabbitMqInstallation.DEBIAN_HOME);
    }

    /** The installation under {@code home} (the directory holding {@code bin/rabbitmq-server}). */
    public RabbitMqRuntime(Path home) {
        this(home, DEFAULT_START_TIMEOUT, Clock.systemUTC());
    }

    public RabbitMqRuntime(Path home, Duration startTimeout, Clock clock) {
        RabbitMqInstallation.Result found = RabbitMqInstallation.find(Objects.requireNonNull(home, "home"));
        this.installation = found.installation();
        this.unavailableReason = found.unavailableReason();
        this.startTimeout = Objects.requireNonNull(startTimeout, "startTimeout");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public String engineType() {
        return "RABBITMQ";
    }

    @Override
    public Optional<String> unavailableReason() {
        return Optional.ofNullable(unavailableReason);
    }

    @Override
    public void validateConfiguration(String data) {
        RabbitMqConfiguration.parse(data);
    }

    @Override
    public RunningBroker start(BrokerSpec spec) {
        if (installation == null) {
            throw new BrokerStartException(unavailableReason, null);
        }
        if (!engineType().equals(spec.engineType())) {
            throw new IllegalArgumentException("not a RabbitMQ broker: " + spec);
        }
        RabbitMqConfiguration configuration;
        try {
            configuration = RabbitMqConfiguration.parse(spec.configurationXml());
        } catch (ConfigurationRejected e) {
            throw new BrokerStartException("The configuration of RabbitMQ broker " + spec.brokerId()
                    + " is not valid: " + e.getMessage(), e);
        }
        return RabbitMqNode.start(installation, spec, configuration, startTimeout, clock);
    }
}
