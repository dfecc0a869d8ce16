package io.wharf.mq.broker.activemq;

import io.wharf.mq.broker.RunningBroker;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running ActiveMQ broker: one instance, or an active/standby pair on one KahaDB directory. In a pair each instance
 * runs under its own supervisor thread: it starts the instance (which waits for the store's lock while the other
 * serves), and when the instance stops without {@link #close()} — the active one failed or was stopped — it launches
 * it again, so it comes back as the standby of the one that took over, as Amazon MQ replaces a failed instance.
 */
final class ActiveMqBroker implements RunningBroker {
    private static final Logger LOG = LoggerFactory.getLogger(ActiveMqBroker.class);
    /** How long a failed instance of a pair waits before it is launched again (not a busy loop on a broken disk). */
    private static final Duration RELAUNCH_DELAY = Duration.ofSeconds(1);
    private static final Duration MAX_RELAUNCH_DELAY = Duration.ofSeconds(30);

    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);

    private final List<BrokerInstance> instances;
    private final boolean tls;
    private final String advertisedHost;
    private final String ipAddress;
    private final List<Thread> supervisors = new ArrayList<>();
    /** Each instance's web console by instance index; none when it could not start (the broker serves anyway). */
    private final Map<Integer, WebConsole> consoles = new java.util.concurrent.ConcurrentHashMap<>();
    private volatile boolean closed;

    ActiveMqBroker(List<BrokerInstance> instances, boolean tls, String advertisedHost, String ipAddress) {
        this.instances = List.copyOf(instances);
        this.tls = tls;
        this.advertisedHost = advertisedHost;
        this.ipAddress = ipAddress;
    }

    /** Starts the single instance on the calling thread. */
    void startSingle() throws Exception {
        instances.getFirst().launch();
    }

    /** Starts every instance of a pair under its supervisor; returns when one serves, or throws after {@code timeout}. */
    void startPair(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        for (BrokerInstance instance : instances) {
            Thread supervisor = Thread.ofPlatform().daemon().name("activemq-" + instance.name())
                    .start(() -> supervise(instance));
            supervisors.add(supervisor);
            // The first instance first, so that it is the active one (as DescribeBroker lists them) unless it fails.
            while (instance.index == 0 && !instance.isServing() && supervisor.isAlive() && !instance.failedOnce()
                    && System.nanoTime() - deadline < 0) {
                Thread.sleep(20); // start-up only: the broker offers no callback for "took the lock and serves"
            }
        }
        while (!isRunning()) {
            if (System.nanoTime() - deadline > 0) {
                close();
                throw new IllegalStateException("no instance of the pair started within " + timeout);
            }
            Thread.sleep(50); // start-up only: the broker offers no callback for "took the lock and serves"
        }
    }

    private void supervise(BrokerInstance instance) {
        Duration delay = RELAUNCH_DELAY;
        while (!closed) {
            boolean served = false;
            try {
                instance.launch();
                if (closed) { // close() came while this launch waited for the lock
                    instance.stop();
                    return;
                }
                served = instance.isServing();
                if (instance.service() != null) {
                    instance.service().waitUntilStopped();
                }
            } catch (Exception e) {
                instance.markFailed();
                if (!closed) {
                    LOG.warn("ActiveMQ broker instance {} failed to start", instance.name(), e);
                }
            }
            if (closed) {
                return;
            }
            // An instance that served comes back at once; one that keeps failing (a port taken, a broken disk) is
            // tried less and less often, up to once every MAX_RELAUNCH_DELAY.
            delay = served ? RELAUNCH_DELAY : min(delay.multipliedBy(2), MAX_RELAUNCH_DELAY);
            LOG.warn("ActiveMQ broker instance {} stopped; starting it again as the standby in {}", instance.name(), delay);
            try {
                Thread.sleep(delay);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    @Override
    public List<Instance> instances() {
        List<Instance> answer = new ArrayList<>(instances.size());
        for (BrokerInstance instance : instances) {
            Map<Transport, Integer> ports = instance.ports();
            List<String> endpoints = new ArrayList<>();
            for (Transport transport : Transport.values()) {
                endpoints.add(transport.endpoint(tls, advertisedHost, ports.get(transport)));
            }
            WebConsole console = consoles.get(instance.index);
            String consoleUrl = console == null ? null
                    : (tls ? "https" : "http") + "://" + Transport.hostForUri(advertisedHost) + ":" + console.port();
            answer.add(new Instance(consoleUrl, endpoints, ipAddress));
        }
        return answer;
    }

    @Override
    public Map<String, Integer> ports() {
        Map<String, Integer> answer = new LinkedHashMap<>();
        for (BrokerInstance instance : instances) {
            instance.ports().forEach((transport, port) -> answer.put(transport.portKey(instance.index), port));
            WebConsole console = consoles.get(instance.index);
            if (console != null) {
                answer.put(WebConsole.portKey(instance.index), console.port());
            }
        }
        return answer;
    }

    @Override
    public boolean isRunning() {
        if (closed) {
            return false;
        }
        for (BrokerInstance instance : instances) {
            if (instance.isServing()) {
                return true;
            }
        }
        return false;
    }

    /** The instance that serves now, or null (tests stop it to make the standby take over). */
    BrokerInstance activeInstance() {
        for (BrokerInstance instance : instances) {
            if (instance.isServing()) {
                return instance;
            }
        }
        return null;
    }

    List<BrokerInstance> brokerInstances() {
        return instances;
    }

    void addConsole(int index, WebConsole console) {
        consoles.put(index, console);
    }

    @Override
    public void close() {
        closed = true;
        // The standby first: stopping the active one first would hand the lock to it for nothing.
        for (BrokerInstance instance : instances.reversed()) {
            if (!instance.isServing()) {
                instance.stop();
            }
        }
        for (BrokerInstance instance : instances) {
            instance.stop();
        }
        // After the brokers: the consoles' JMS connections have failed by now and their threads ended with them.
        consoles.values().forEach(WebConsole::close); // kept in the map: ports() still tells their ports
        for (Thread supervisor : supervisors) {
            try {
                if (!supervisor.join(STOP_TIMEOUT)) {
                    LOG.warn("ActiveMQ broker instance thread {} did not end within {}", supervisor.getName(), STOP_TIMEOUT);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
