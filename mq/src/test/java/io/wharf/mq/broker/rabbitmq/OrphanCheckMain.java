package io.wharf.mq.broker.rabbitmq;

import io.wharf.mq.broker.BrokerSpec.BrokerUser;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Run by {@link WharfKilledTest} in a JVM of its own: starts one node in the directory {@code args[0]}, prints the
 * node's VM pid and waits to be killed.
 */
public final class OrphanCheckMain {
    private OrphanCheckMain() {
    }

    public static void main(String[] args) throws Exception {
        RabbitMqNode node = (RabbitMqNode) new RabbitMqRuntime().start(RabbitMqTesting.spec(
                RabbitMqTesting.newBrokerId(), Path.of(args[0]), Map.of(),
                List.of(new BrokerUser("admin", "orphan-check-password", true, List.of(), false)), null));
        System.out.println("READY " + node.vmProcess().orElseThrow().pid());
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }
}
