package io.wharf.mq.broker.rabbitmq;

import io.wharf.mq.broker.BrokerSpec;
import org.junit.jupiter.api.Assumptions;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The runtime the tests start nodes with: skipped where rabbitmq-server is not installed, unless
 * {@code -Dmq.requireRabbit=true} (CI, which installs it) makes that a failure. {@code -Dmq.rabbitHome=DIR} points
 * them at another installation than Debian's {@code /usr/lib/rabbitmq}.
 */
final class RabbitMqTesting {
    static final String REQUIRE = "mq.requireRabbit";
    static final String HOME = "mq.rabbitHome";

    private RabbitMqTesting() {
    }

    static RabbitMqRuntime runtimeOrSkip() {
        String home = System.getProperty(HOME);
        RabbitMqRuntime runtime = home == null ? new RabbitMqRuntime() : new RabbitMqRuntime(Path.of(home));
        runtime.unavailableReason().ifPresent(why -> {
            if (Boolean.getBoolean(REQUIRE)) {
                throw new IllegalStateException(why + " — " + REQUIRE + "=true asks for it");
            }
            Assumptions.abort(why);
        });
        return runtime;
    }

    static BrokerSpec spec(String brokerId, Path dataDirectory, Map<String, Integer> ports,
                           List<BrokerSpec.BrokerUser> users, String configuration) {
        return new BrokerSpec(brokerId, "test-broker", "RABBITMQ", "3.13", "SINGLE_INSTANCE", "127.0.0.1", "localhost",
                dataDirectory, ports, users, configuration, null);
    }

    static String newBrokerId() {
        return "b-" + UUID.randomUUID();
    }
}
