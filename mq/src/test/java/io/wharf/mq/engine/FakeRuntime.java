package io.wharf.mq.engine;

import io.wharf.mq.broker.BrokerRuntime;
import io.wharf.mq.broker.BrokerSpec;
import io.wharf.mq.broker.RunningBroker;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** A test double of a broker runtime: remembers every start, can be held at the gate, fail or be unavailable. */
final class FakeRuntime implements BrokerRuntime {
    final String engineType;
    final List<BrokerSpec> starts = new CopyOnWriteArrayList<>();
    final List<String> closed = new CopyOnWriteArrayList<>();
    volatile String unavailable;
    volatile String failWith;
    volatile CountDownLatch gate = new CountDownLatch(0);

    FakeRuntime(String engineType) {
        this.engineType = engineType;
    }

    @Override
    public String engineType() {
        return engineType;
    }

    @Override
    public Optional<String> unavailableReason() {
        return Optional.ofNullable(unavailable);
    }

    @Override
    public void validateConfiguration(String data) {
        if (!data.contains("<broker")) {
            throw new ConfigurationRejected("The configuration has no <broker> element.");
        }
    }

    @Override
    public RunningBroker start(BrokerSpec spec) {
        try {
            if (!gate.await(30, TimeUnit.SECONDS)) {
                throw new BrokerStartException("gate never opened", null);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BrokerStartException("interrupted", e);
        }
        starts.add(spec);
        if (failWith != null) {
            throw new BrokerStartException(failWith, null);
        }
        int port = spec.ports().getOrDefault("openwire", 61617 + starts.size());
        return new RunningBroker() {
            @Override
            public List<Instance> instances() {
                return List.of(new Instance("https://" + spec.advertisedHost() + ":8162",
                        List.of("ssl://" + spec.advertisedHost() + ":" + port), spec.bindHost()));
            }

            @Override
            public Map<String, Integer> ports() {
                return Map.of("openwire", port);
            }

            @Override
            public boolean isRunning() {
                return true;
            }

            @Override
            public void close() {
                closed.add(spec.brokerId());
            }
        };
    }
}
