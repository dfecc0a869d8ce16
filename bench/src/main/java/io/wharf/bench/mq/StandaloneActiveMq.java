package io.wharf.bench.mq;

import org.apache.activemq.broker.BrokerPlugin;
import org.apache.activemq.broker.BrokerService;
import org.apache.activemq.broker.TransportConnector;
import org.apache.activemq.broker.util.TimeStampingBrokerPlugin;
import org.apache.activemq.plugin.ForcePersistencyModeBrokerPlugin;
import org.apache.activemq.plugin.StatisticsBrokerPlugin;
import org.apache.activemq.security.AuthenticationUser;
import org.apache.activemq.security.SimpleAuthenticationPlugin;
import org.apache.activemq.store.kahadb.KahaDBPersistenceAdapter;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

/**
 * The {@code activemq} target: a standalone ActiveMQ Classic broker (the version Wharf embeds, from Maven Central) in
 * its own JVM, run from the load generator's class path like the floor. It is set up as Wharf's embedding sets up a
 * single-instance broker created without a configuration ({@code ActiveMqRuntime}, {@code BrokerInstance},
 * {@code Transport} and the default configuration revision Amazon MQ makes), so that the two differ only in where the
 * broker runs: persistent, KahaDB with its defaults in the data directory, no JMX, the simple authentication plugin with
 * one user and no anonymous access, the plugins of Amazon MQ's default configuration (persistency forced on,
 * statistics, time stamps with a one-day TTL ceiling), store and temp limits capped to 90 % of the disk, and an
 * OpenWire connector on loopback with Amazon MQ's connector options. Only OpenWire is opened: {@code mq-jms} speaks
 * nothing else (Wharf's broker opens AMQP, STOMP and MQTT too; idle connectors cost nothing measurable).
 * <p>
 * Usage: {@code java -cp <bench class path> io.wharf.bench.mq.StandaloneActiveMq DATA_DIR USER} with the password in
 * {@value #PASSWORD_VARIABLE} (never in the command line, which any local user can read). Prints
 * {@code activemq listening on tcp://127.0.0.1:PORT} once it serves; stops on SIGTERM.
 */
public final class StandaloneActiveMq {
    public static final String PASSWORD_VARIABLE = "WHARF_BENCH_BROKER_PASSWORD";
    public static final String READY = "activemq listening on ";
    /** As Wharf's {@code Transport}: a bounded number of connections and AWS's 100 MiB frame limit. */
    private static final String CONNECTOR_OPTIONS = "?maximumConnections=1000&wireFormat.maxFrameSize=104857600";
    /** Amazon MQ's default configuration: {@code timeStampingBrokerPlugin ttlCeiling} and {@code zeroExpirationOverride}. */
    private static final long ONE_DAY_MILLIS = 86_400_000L;

    private StandaloneActiveMq() {
    }

    public static void main(String[] args) throws Exception {
        String password = System.getenv(PASSWORD_VARIABLE);
        if (args.length != 2 || password == null || password.isEmpty()) {
            System.err.println("usage: StandaloneActiveMq DATA_DIR USER, with the password in $" + PASSWORD_VARIABLE);
            System.exit(2);
        }
        BrokerService broker = broker(Path.of(args[0]), args[1], password);
        TransportConnector openWire = new TransportConnector();
        openWire.setUri(URI.create("tcp://127.0.0.1:0" + CONNECTOR_OPTIONS));
        openWire.setName("openwire");
        broker.addConnector(openWire);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                broker.stop();
                broker.waitUntilStopped();
            } catch (Exception e) {
                System.err.println("activemq did not stop cleanly: " + e);
            }
        }, "activemq-stop"));
        broker.start();
        System.out.println(READY + "tcp://127.0.0.1:" + openWire.getServer().getSocketAddress().getPort());
        System.out.flush();
        broker.waitUntilStopped();
    }

    private static final java.util.concurrent.atomic.AtomicInteger BROKERS = new java.util.concurrent.atomic.AtomicInteger();

    static BrokerService broker(Path data, String username, String password) throws IOException {
        Files.createDirectories(data);
        Files.setPosixFilePermissions(data, PosixFilePermissions.fromString("rwx------"));
        Path instance = Files.createDirectories(data.resolve("instance-1"));
        BrokerService broker = new BrokerService();
        // Unique in the JVM: with JMX on, a second broker of the same name (the bench's tests run several) could not
        // register its MBeans.
        broker.setBrokerName("wharf-bench-activemq-" + BROKERS.incrementAndGet());
        // As Wharf's brokers run (ActiveMqRuntime): MBeans in the platform server, where their web console reads
        // them, and no JMX connector. ActiveMQ's own distribution has JMX on too.
        broker.setUseJmx(true);
        broker.getManagementContext().setCreateConnector(false);
        broker.setUseShutdownHook(false);
        broker.setSystemExitOnShutdown(false);
        broker.setPersistent(true);
        broker.setDataDirectoryFile(instance.toFile());
        broker.setTmpDataDirectory(instance.resolve("tmp").toFile());
        broker.setSchedulerDirectoryFile(data.resolve("scheduler").toFile());
        long usable = Files.getFileStore(data).getUsableSpace() / 10 * 9;
        var usage = broker.getSystemUsage();
        usage.getStoreUsage().setLimit(Math.min(usage.getStoreUsage().getLimit(), usable));
        usage.getTempUsage().setLimit(Math.min(usage.getTempUsage().getLimit(), usable));
        KahaDBPersistenceAdapter store = new KahaDBPersistenceAdapter();
        store.setDirectory(data.resolve("kahadb").toFile());
        store.getLocker().setFailIfLocked(true);
        broker.setPersistenceAdapter(store);
        SimpleAuthenticationPlugin authentication = new SimpleAuthenticationPlugin(
                List.of(new AuthenticationUser(username, password, "")));
        authentication.setAnonymousAccessAllowed(false);
        ForcePersistencyModeBrokerPlugin persistency = new ForcePersistencyModeBrokerPlugin();
        persistency.setPersistenceFlag(true);
        TimeStampingBrokerPlugin timeStamps = new TimeStampingBrokerPlugin();
        timeStamps.setTtlCeiling(ONE_DAY_MILLIS);
        timeStamps.setZeroExpirationOverride(ONE_DAY_MILLIS);
        broker.setPlugins(new BrokerPlugin[] {authentication, persistency, new StatisticsBrokerPlugin(), timeStamps});
        return broker;
    }
}
