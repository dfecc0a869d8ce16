package io.wharf.mq.broker;

import java.util.List;
import java.util.Map;

/** A broker a {@link BrokerRuntime} started. {@link #close()} stops it (for a reboot, a deletion or Wharf's stop). */
public interface RunningBroker extends AutoCloseable {
    /**
     * The broker's instances as DescribeBroker lists them ({@code BrokerInstances}): one for a single instance, the
     * active and the standby for {@code ACTIVE_STANDBY_MULTI_AZ}.
     */
    List<Instance> instances();

    /** The ports in use by transport name, to be handed back in {@link BrokerSpec#ports()} next start. */
    Map<String, Integer> ports();

    /** Whether the broker (its active instance) still serves; false after a crash the runtime could not mend. */
    boolean isRunning();

    /** Stops the broker, releasing its ports and files; persistent messages stay in its data directory. */
    @Override
    void close();

    /**
     * One broker instance as AWS describes it.
     *
     * @param consoleUrl AWS's {@code ConsoleURL} (the web console's URL), or null when the runtime has none
     * @param endpoints  AWS's {@code Endpoints}: {@code ssl://host:61617}, {@code amqp+ssl://host:5671}, … for
     *                   ActiveMQ; {@code amqps://host:5671} for RabbitMQ
     * @param ipAddress  AWS's {@code IpAddress}
     */
    record Instance(String consoleUrl, List<String> endpoints, String ipAddress) {
        public Instance {
            endpoints = List.copyOf(endpoints);
        }
    }
}
