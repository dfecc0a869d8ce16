package io.wharf.mq.engine;

import io.wharf.mq.broker.BrokerRuntime;
import io.wharf.mq.broker.BrokerSpec;
import io.wharf.mq.broker.RunningBroker;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Starts, reboots and deletes brokers off the request threads, on a bounded pool the engine owns. A broker's tasks run
 * one after another ({@link Broker#lifecycle}); the runtime is called outside the engine's lock and every resulting
 * state change is committed under it. Passwords go to the runtime in the {@link BrokerSpec} and nowhere else.
 */
final class BrokerLifecycle implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(BrokerLifecycle.class);
    /** Brokers starting or stopping at once; more wait in the queue. */
    static final int THREADS = 2;
    /** Lifecycle tasks waiting at most; beyond it a task fails and its broker says so. */
    static final int QUEUE = 1_000;
    static final long CLOSE_WAIT_SECONDS = 60;

    private final MqEngine engine;
    private final Map<String, BrokerRuntime> runtimes;
    private final MqHosting hosting;
    private final ThreadPoolExecutor executor;
    private volatile boolean closed;

    BrokerLifecycle(MqEngine engine, Map<String, BrokerRuntime> runtimes, MqHosting hosting) {
        this.engine = engine;
        this.runtimes = runtimes;
        this.hosting = hosting;
        AtomicInteger count = new AtomicInteger();
        this.executor = new ThreadPoolExecutor(THREADS, THREADS, 30, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(QUEUE), r -> {
                    Thread thread = new Thread(r, "wharf-mq-broker-" + count.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                });
        executor.allowCoreThreadTimeOut(true);
    }

    /** CREATION_IN_PROGRESS → RUNNING, or CREATION_FAILED. Called under the engine's lock. */
    void create(Broker broker) {
        schedule(broker, () -> start(broker, false, MqEngine.CREATION_FAILED));
    }

    /** After a Wharf restart: → RUNNING, or CRITICAL_ACTION_REQUIRED. Called under the engine's lock. */
    void restart(Broker broker) {
        schedule(broker, () -> start(broker, false, MqEngine.CRITICAL_ACTION_REQUIRED));
    }

    /** REBOOT_IN_PROGRESS: stop, apply what is pending, start → RUNNING. Called under the engine's lock. */
    void reboot(Broker broker) {
        schedule(broker, () -> {
            stop(broker);
            start(broker, true, MqEngine.CRITICAL_ACTION_REQUIRED);
        });
    }

    /** DELETION_IN_PROGRESS: stop, remove its data, forget it. Called under the engine's lock. */
    void delete(Broker broker) {
        schedule(broker, () -> {
            stop(broker);
            deleteTree(directory(broker));
            synchronized (engine.lock) {
                if (engine.brokers.get(broker.id) == broker) {
                    engine.brokers.remove(broker.id);
                    engine.store.commit(new io.wharf.storage.WriteBatch().delete(engine.layout.brokers,
                            MqStoreLayout.key(broker.id)));
                }
            }
        });
    }

    private void schedule(Broker broker, Runnable task) {
        broker.lifecycle = broker.lifecycle.thenRunAsync(() -> {
            if (!closed) {
                task.run();
            }
        }, executor).exceptionally(failure -> {
            log.warn("mq broker {}: lifecycle task failed: {}", broker.id, failure.toString());
            return null;
        });
    }

    private void start(Broker broker, boolean applyPending, String failedState) {
        BrokerSpec spec;
        BrokerRuntime runtime;
        synchronized (engine.lock) {
            if (engine.brokers.get(broker.id) != broker || broker.state.equals(MqEngine.DELETION_IN_PROGRESS)) {
                return;
            }
            if (applyPending) {
                applyPending(broker);
                engine.commit(broker);
            }
            runtime = runtimes.get(broker.engineType);
            spec = spec(broker);
        }
        RunningBroker running;
        try {
            if (runtime == null) {
                throw new BrokerRuntime.BrokerStartException("no " + broker.engineType + " runtime in this Wharf",
                        null);
            }
            if (runtime.unavailableReason().isPresent()) {
                throw new BrokerRuntime.BrokerStartException(runtime.unavailableReason().get(), null);
            }
            running = runtime.start(spec);
        } catch (RuntimeException e) {
            log.warn("mq broker {} ({}) did not start: {}", broker.id, broker.name, e.getMessage());
            synchronized (engine.lock) {
                if (engine.brokers.get(broker.id) == broker && !broker.state.equals(MqEngine.DELETION_IN_PROGRESS)) {
                    broker.state = failedState;
                    broker.actionRequiredCode = "BROKER_START_FAILED";
                    broker.actionRequiredInfo = "The broker did not start: " + e.getMessage();
                    broker.instances = List.of();
                    engine.commit(broker);
                }
            }
            return;
        }
        boolean keep;
        synchronized (engine.lock) {
            keep = !closed && engine.brokers.get(broker.id) == broker
                    && !broker.state.equals(MqEngine.DELETION_IN_PROGRESS);
            if (keep) {
                broker.running = running;
                broker.instances = running.instances();
                broker.ports = new java.util.TreeMap<>(running.ports());
                broker.state = MqEngine.RUNNING;
                broker.actionRequiredCode = null;
                broker.actionRequiredInfo = null;
                engine.commit(broker);
            }
        }
        if (!keep) {
            running.close();
        } else {
            log.info("mq broker {} ({}, {} {}) running", broker.id, broker.name, broker.engineType,
                    broker.engineVersion);
        }
    }

    private void stop(Broker broker) {
        RunningBroker running;
        synchronized (engine.lock) {
            running = broker.running;
            broker.running = null;
            broker.instances = List.of();
        }
        if (running != null) {
            try {
                running.close();
            } catch (RuntimeException e) {
                log.warn("mq broker {}: stopping it failed: {}", broker.id, e.toString());
            }
        }
    }

    /** What a reboot applies: users' pending changes, the pending configuration, engine version and instance type. */
    private static void applyPending(Broker broker) {
        broker.users.values().removeIf(user -> !user.applyPending());
        if (broker.pendingConfiguration != null) {
            if (broker.configuration != null) {
                broker.configurationHistory.add(broker.configuration);
            }
            broker.configuration = broker.pendingConfiguration;
            broker.pendingConfiguration = null;
        }
        if (broker.pendingEngineVersion != null) {
            broker.engineVersion = broker.pendingEngineVersion;
            broker.pendingEngineVersion = null;
        }
        if (broker.pendingHostInstanceType != null) {
            broker.hostInstanceType = broker.pendingHostInstanceType;
            broker.pendingHostInstanceType = null;
        }
    }

    /** Under the engine's lock. */
    private BrokerSpec spec(Broker broker) {
        List<BrokerSpec.BrokerUser> users = new ArrayList<>();
        for (BrokerUserRecord user : broker.users.values()) {
            if (user.applied) {
                users.add(new BrokerSpec.BrokerUser(user.username, user.password, user.consoleAccess, user.groups,
                        user.replicationUser));
            }
        }
        String bindHost = hosting.bindHost(broker.publiclyAccessible);
        return new BrokerSpec(broker.id, broker.name, broker.engineType, broker.engineVersion, broker.deploymentMode,
                bindHost, hosting.advertisedHost(bindHost), directory(broker), broker.ports, users,
                engine.configurationData(broker), hosting.tls());
    }

    private Path directory(Broker broker) {
        return hosting.brokersDirectory().resolve(broker.id);
    }

    /** Stops taking tasks, lets those under way finish (up to a minute), then stops every running broker. */
    @Override
    public void close() {
        closed = true;
        executor.shutdown();
        try {
            if (!executor.awaitTermination(CLOSE_WAIT_SECONDS, TimeUnit.SECONDS)) {
                log.warn("mq: broker tasks still running after {} s; stopping brokers anyway", CLOSE_WAIT_SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        List<Broker> all;
        synchronized (engine.lock) {
            all = new ArrayList<>(engine.brokers.values());
        }
        for (Broker broker : all) {
            stop(broker);
        }
    }

    static void deleteTree(Path directory) {
        try {
            io.wharf.storage.FileTrees.deleteTree(directory);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + directory, e);
        }
    }
}
