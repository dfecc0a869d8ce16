package io.wharf.mq.broker.activemq;

import io.wharf.mq.broker.BrokerSpec;
import io.wharf.mq.broker.BrokerSpec.BrokerUser;
import io.wharf.mq.broker.RunningBroker;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Specs and endpoint look-ups the ActiveMQ runtime's tests share. */
final class Brokers {
    static final String ALICE = "alice";
    static final String ALICE_PASSWORD = "alice-password-1";
    static final String BOB = "bob";
    static final String BOB_PASSWORD = "bob-password-123";
    static final List<BrokerUser> USERS = List.of(
            new BrokerUser(ALICE, ALICE_PASSWORD, true, List.of("admins"), false),
            new BrokerUser(BOB, BOB_PASSWORD, false, List.of("users"), false));

    /** A short lock retry so the standby of a pair takes over quickly in tests. */
    static final ActiveMqRuntime RUNTIME = new ActiveMqRuntime(Duration.ofMillis(200));

    private Brokers() {
    }

    static BrokerSpec single(Path dir) {
        return spec(dir, "SINGLE_INSTANCE", Map.of(), null, null);
    }

    static BrokerSpec spec(Path dir, String mode, Map<String, Integer> ports, String configurationXml, BrokerSpec.Tls tls) {
        return new BrokerSpec("b-" + UUID.randomUUID(), "test-broker", "ACTIVEMQ", "5.18", mode, "127.0.0.1",
                "localhost", dir, ports, USERS, configurationXml, tls);
    }

    /** The same broker again (same id, directory and ports), as the engine restarts it. */
    static BrokerSpec again(BrokerSpec spec, RunningBroker previous) {
        return new BrokerSpec(spec.brokerId(), spec.brokerName(), spec.engineType(), spec.engineVersion(),
                spec.deploymentMode(), spec.bindHost(), spec.advertisedHost(), spec.dataDirectory(), previous.ports(),
                spec.users(), spec.configurationXml(), spec.tls());
    }

    /** The endpoint of {@code scheme} of instance {@code index}, as DescribeBroker would show it. */
    static URI endpoint(RunningBroker broker, int index, String scheme) {
        return broker.instances().get(index).endpoints().stream()
                .filter(endpoint -> endpoint.startsWith(scheme + "://"))
                .map(URI::create)
                .findFirst()
                .orElseThrow(() -> new AssertionError("no " + scheme + " endpoint in " + broker.instances()));
    }
}
