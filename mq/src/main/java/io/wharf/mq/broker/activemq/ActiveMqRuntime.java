package io.wharf.mq.broker.activemq;

import io.wharf.mq.broker.BrokerRuntime;
import io.wharf.mq.broker.BrokerSpec;
import io.wharf.mq.broker.RunningBroker;
import io.wharf.storage.OwnerOnly;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.activemq.broker.BrokerPlugin;
import org.apache.activemq.broker.BrokerService;
import org.apache.activemq.broker.Locker;
import org.apache.activemq.broker.SslContext;
import org.apache.activemq.store.kahadb.KahaDBPersistenceAdapter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs Amazon MQ's ActiveMQ brokers as Apache ActiveMQ Classic brokers inside Wharf's process.
 *
 * <p>A broker's data directory holds {@code kahadb/} (the message store, shared by both instances of an
 * {@code ACTIVE_STANDBY_MULTI_AZ} pair: KahaDB's shared-file lock makes the second one wait as the standby) and one
 * {@code instance-<n>/} per instance (its temporary store for non-persistent messages). Everything is owner-only.
 * No shutdown hook of ActiveMQ's own: Wharf stops brokers through {@link RunningBroker#close()}. Each broker registers
 * its MBeans in the platform MBean server (no JMX connector, no port), where its {@link WebConsole} reads it; the
 * consoles' shared files are unpacked in {@code <data dir>/mq/webconsole/}.
 */
public final class ActiveMqRuntime implements BrokerRuntime {
    static final String ENGINE_TYPE = "ACTIVEMQ";
    private static final String ACTIVE_STANDBY = "ACTIVE_STANDBY_MULTI_AZ";
    private static final String SINGLE_INSTANCE = "SINGLE_INSTANCE";
    /** How often a standby tries the store's lock: it is also how soon it takes over when the active one stops. */
    private static final Duration DEFAULT_LOCK_RETRY = Duration.ofSeconds(1);
    private static final Duration PAIR_START_TIMEOUT = Duration.ofMinutes(2);

    private static final Logger LOG = LoggerFactory.getLogger(ActiveMqRuntime.class);

    private final Duration lockRetry;

    public ActiveMqRuntime() {
        this(DEFAULT_LOCK_RETRY);
    }

    ActiveMqRuntime(Duration lockRetry) {
        this.lockRetry = lockRetry;
    }

    @Override
    public String engineType() {
        return ENGINE_TYPE;
    }

    @Override
    public Optional<String> unavailableReason() {
        return Optional.empty(); // embedded: always available
    }

    @Override
    public void validateConfiguration(String data) {
        ActiveMqConfiguration.parse(data);
    }

    @Override
    public List<ConfigurationWarning> configurationWarnings(String data) {
        return ActiveMqConfiguration.parse(data).warnings();
    }

    @Override
    public RunningBroker start(BrokerSpec spec) {
        boolean pair = switch (spec.deploymentMode()) {
            case SINGLE_INSTANCE -> false;
            case ACTIVE_STANDBY -> true;
            default -> throw new BrokerStartException(
                    "ActiveMQ brokers support SINGLE_INSTANCE and ACTIVE_STANDBY_MULTI_AZ, not " + spec.deploymentMode(), null);
        };
        try {
            ActiveMqConfiguration configuration = spec.configurationXml() == null
                    ? ActiveMqConfiguration.DEFAULT : ActiveMqConfiguration.parse(spec.configurationXml());
            Path data = spec.dataDirectory();
            Files.createDirectories(data);
            OwnerOnly.restrict(data);
            TlsMaterial.KeyMaterial keys = spec.tls() == null ? null : TlsMaterial.keyStore(spec.tls()); // parsed once
            SslContext ssl = keys == null ? null : TlsMaterial.sslContext(keys);
            String consolePassword = new String(TlsMaterial.randomPassword());
            int count = pair ? 2 : 1;
            List<BrokerInstance> instances = new ArrayList<>(count);
            for (int index = 0; index < count; index++) {
                String name = spec.brokerId() + "-" + (index + 1);
                Path instanceData = data.resolve("instance-" + (index + 1));
                Files.createDirectories(instanceData);
                OwnerOnly.restrict(instanceData);
                // A pair's ports are all fixed before it starts: a standby binds only once it takes over.
                Map<Transport, Integer> ports = ports(spec, index, pair);
                instances.add(new BrokerInstance(index, name,
                        () -> brokerService(spec, name, data, instanceData, ssl, configuration, pair, consolePassword),
                        spec.tls() != null, spec.bindHost(), ports, pair ? freePort("127.0.0.1") : 0));
            }
            ActiveMqBroker broker = new ActiveMqBroker(instances, spec.tls() != null, spec.advertisedHost(),
                    ipAddress(spec.bindHost()));
            if (pair) {
                broker.startPair(PAIR_START_TIMEOUT);
            } else {
                broker.startSingle();
            }
            startConsoles(spec, broker, consolePassword, keys);
            OwnerOnly.restrictTree(data);
            return broker;
        } catch (BrokerStartException e) {
            throw e;
        } catch (ConfigurationRejected e) {
            throw new BrokerStartException("ActiveMQ broker " + spec.brokerId() + " has a configuration it cannot use: "
                    + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BrokerStartException("interrupted while starting ActiveMQ broker " + spec.brokerId(), e);
        } catch (Exception e) {
            throw new BrokerStartException("ActiveMQ broker " + spec.brokerId() + " could not start: " + e.getMessage(), e);
        }
    }

    /**
     * Starts each instance's web console. A console that cannot start (its port taken) is logged and left out: the
     * broker serves without it, and DescribeBroker shows no {@code ConsoleURL} for that instance.
     */
    private static void startConsoles(BrokerSpec spec, ActiveMqBroker broker, String consolePassword,
                                      TlsMaterial.KeyMaterial keys) {
        if (!WebConsoleBundle.available()) {
            LOG.warn("ActiveMQ broker {}: this build has no web console", spec.brokerId());
            return;
        }
        try {
            WebConsoleBundle bundle = WebConsoleBundle.in(spec.dataDirectory().getParent().resolve("webconsole"));
            for (BrokerInstance instance : broker.brokerInstances()) {
                Integer port = spec.ports().get(WebConsole.portKey(instance.index));
                Path work = spec.dataDirectory().resolve("instance-" + (instance.index + 1)).resolve("console");
                broker.addConsole(instance.index, WebConsole.start(bundle, work, spec.bindHost(),
                        port == null ? 0 : port, keys, instance.name(), instance.consolePort(), consolePassword,
                        spec.users()));
            }
        } catch (Exception e) {
            LOG.warn("ActiveMQ broker {}: its web console could not start", spec.brokerId(), e);
        }
    }

    private BrokerService brokerService(BrokerSpec spec, String name, Path data, Path instanceData, SslContext ssl,
                                        ActiveMqConfiguration configuration, boolean pair, String consolePassword) {
        try {
            BrokerService broker = new BrokerService();
            broker.setBrokerName(name);
            broker.setUseJmx(true); // in the platform MBean server, for the web console; no connector
            broker.getManagementContext().setCreateConnector(false);
            broker.setUseShutdownHook(false);
            broker.setSystemExitOnShutdown(false);
            broker.setPersistent(true);
            broker.setDataDirectoryFile(instanceData.toFile());
            broker.setTmpDataDirectory(instanceData.resolve("tmp").toFile());
            broker.setSchedulerDirectoryFile(data.resolve("scheduler").toFile());
            if (ssl != null) {
                broker.setSslContext(ssl);
            }
            limitUsageToDisk(broker, data);
            KahaDBPersistenceAdapter store = new KahaDBPersistenceAdapter();
            store.setDirectory(data.resolve("kahadb").toFile());
            Locker locker = store.getLocker();
            locker.setLockAcquireSleepInterval(lockRetry.toMillis());
            // A single instance never waits for a lock: a held lock means another process has its store.
            locker.setFailIfLocked(!pair);
            configuration.applyTo(broker, store);
            broker.setPersistenceAdapter(store);
            List<BrokerPlugin> plugins = new ArrayList<>();
            plugins.add(BrokerUsers.authentication(spec.users(), consolePassword));
            plugins.addAll(configuration.plugins());
            broker.setPlugins(plugins.toArray(BrokerPlugin[]::new));
            return broker;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /**
     * ActiveMQ's store and temporary-store limits (100 GiB, 50 GiB) capped to 90% of the disk's usable space, which ActiveMQ
     * would otherwise do itself with a warning at every start.
     */
    private static void limitUsageToDisk(BrokerService broker, Path data) throws IOException {
        long usable = Files.getFileStore(data).getUsableSpace() / 10 * 9; // a margin: the store's own files grow
        var usage = broker.getSystemUsage();
        usage.getStoreUsage().setLimit(Math.min(usage.getStoreUsage().getLimit(), usable));
        usage.getTempUsage().setLimit(Math.min(usage.getTempUsage().getLimit(), usable));
    }

    private static Map<Transport, Integer> ports(BrokerSpec spec, int index, boolean pickNow) throws IOException {
        Map<Transport, Integer> ports = new EnumMap<>(Transport.class);
        for (Transport transport : Transport.values()) {
            Integer chosen = spec.ports().get(transport.portKey(index));
            ports.put(transport, chosen != null ? chosen : pickNow ? freePort(spec.bindHost()) : 0);
        }
        return ports;
    }

    /**
     * A port free now on {@code host}, for a standby that binds only when it takes over. Another program may take it
     * in between: the instance then fails to serve and says so in the log.
     */
    private static int freePort(String host) throws IOException {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(false);
            socket.bind(new InetSocketAddress(InetAddress.getByName(host), 0));
            return socket.getLocalPort();
        }
    }

    private static String ipAddress(String bindHost) {
        try {
            InetAddress address = InetAddress.getByName(bindHost);
            return address.isAnyLocalAddress() ? InetAddress.getLocalHost().getHostAddress() : address.getHostAddress();
        } catch (IOException e) {
            return bindHost;
        }
    }
}
