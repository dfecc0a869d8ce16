package io.wharf.mq.broker.rabbitmq;

import io.wharf.mq.broker.BrokerRuntime.BrokerStartException;
import io.wharf.mq.broker.BrokerSpec;
import io.wharf.mq.broker.RunningBroker;
import io.wharf.storage.OwnerOnly;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One RabbitMQ node, its epmd and the thread that keeps them alive.
 *
 * <p>Processes: {@code epmd -port <free> -address 127.0.0.1} (this node's own port mapper, so nothing depends on
 * 4369 or on the host's epmd), and {@code rabbitmq-server} (Debian's script under {@code /usr/lib/rabbitmq/bin}),
 * whose child is the Erlang VM; each under {@link Processes#TIED_TO_PARENT}, so whatever the node writes is
 * owner-only and both stop when Wharf's JVM ends, even by SIGKILL. Ports: AMQP (or AMQPS) and the management console keep the ones the spec hands back; the Erlang
 * distribution port and epmd's are picked free at every launch and bound to loopback only.
 *
 * <p>Supervision: when the node exits without {@link #close()} asking, the supervisor thread starts it again on the
 * same directory and ports (at most {@link #MAX_RESTARTS} within {@link #RESTART_WINDOW}; then it gives up and
 * {@link #isRunning()} answers false). {@link #close()} sends SIGTERM (RabbitMQ's script stops the node cleanly),
 * kills what is left after {@link #STOP_GRACE}, and stops epmd. A JVM shutdown hook does the same if Wharf exits
 * without closing; should anything outlive a killed Wharf anyway, the next start finds it through the pid files and
 * kills it before the node starts again.
 */
final class RabbitMqNode implements RunningBroker {
    static final int MAX_RESTARTS = 5;
    static final Duration RESTART_WINDOW = Duration.ofMinutes(10);
    static final Duration STOP_GRACE = Duration.ofSeconds(30);
    private static final Logger LOG = LoggerFactory.getLogger(RabbitMqNode.class);
    private static final Duration PROBE_INTERVAL = Duration.ofMillis(200);
    private static final int LOG_TAIL_LINES = 40;
    /**
     * How many ports a start tries for each one it picks free (distribution, epmd, and at a first start the listeners):
     * another process may take the one picked before the node binds it.
     */
    static final int PORT_ATTEMPTS = 3;
    /** What the node prints when its distribution port is taken (Erlang's prelaunch error reason). */
    private static final String DISTRIBUTION_PORT_TAKEN = "dist_port_already_used";
    /** What it prints when a listener's port (AMQP, the console) is taken: the reason of Ranch's listen error. */
    private static final String LISTENER_PORT_TAKEN = "eaddrinuse";
    /** How long a {@code rabbitmqctl} command may take (it starts an Erlang VM of its own: a second or two). */
    private static final Duration CLI_TIMEOUT = Duration.ofSeconds(60);

    private final RabbitMqInstallation installation;
    private final BrokerSpec spec;
    private final NodeFiles files;
    private final Duration startTimeout;
    private final Clock clock;
    private final String nodeName;
    private final int amqpPort;
    private final int consolePort; // 0: no management plugin
    private final String ipAddress;

    private final Object lock = new Object();
    private Process node;
    private Process epmd;
    private long consoleOffset; // the console log's size when the node was launched
    /** The node exited while starting because a listener's port was taken ({@link #LISTENER_PORT_TAKEN}). */
    private volatile boolean listenerPortTaken;
    private boolean closed;
    private volatile boolean closing;
    private volatile boolean gaveUp;
    private final Deque<Instant> restarts = new ArrayDeque<>();
    private final AtomicInteger restartCount = new AtomicInteger();
    private Thread supervisor;
    private Thread shutdownHook;

    private RabbitMqNode(RabbitMqInstallation installation, BrokerSpec spec, NodeFiles files, Duration startTimeout,
                         Clock clock, int amqpPort, int consolePort) {
        this.installation = installation;
        this.spec = spec;
        this.files = files;
        this.startTimeout = startTimeout;
        this.clock = clock;
        this.nodeName = "wharf-" + spec.brokerId() + "@localhost";
        this.amqpPort = amqpPort;
        this.consolePort = consolePort;
        this.ipAddress = ipAddress(spec);
    }

    /** Writes the node's files, launches it and returns once it answers AMQP. */
    static RabbitMqNode start(RabbitMqInstallation installation, BrokerSpec spec, RabbitMqConfiguration configuration,
                              Duration startTimeout, Clock clock) {
        if (spec.dataDirectory().toAbsolutePath().toString().chars().anyMatch(Character::isWhitespace)) {
            // rabbitmq.conf values and RabbitMQ's shell scripts do not survive a space in a path
            throw new BrokerStartException("RabbitMQ brokers need a data directory without spaces in its path: "
                    + spec.dataDirectory(), null);
        }
        NodeFiles files = new NodeFiles(spec.dataDirectory().toAbsolutePath());
        for (int attempt = 1; ; attempt++) {
            RabbitMqNode started;
            Set<String> removed;
            try {
                files.prepare();
                // a Wharf killed with SIGKILL leaves its nodes running: they hold the store and the ports
                Processes.killRecorded(files.nodePid, files.home.toString());
                Processes.killRecorded(files.epmdPid, "epmd");
                int amqp = Ports.chosenOrFree(spec, "amqp");
                int console = installation.management() ? Ports.chosenOrFree(spec, "console") : 0;
                started = new RabbitMqNode(installation, spec, files, startTimeout, clock, amqp, console);
                if (spec.tls() != null) {
                    files.writeTls(spec.tls());
                }
                // A deleted API user is remembered until the node has lost it: recorded before the node starts, so
                // a start cut short (Wharf killed) still knows, next time, whom to remove.
                Set<String> apiUsers = NodeFiles.apiUserNames(spec.users());
                removed = new TreeSet<>(files.recordedApiUsers());
                removed.removeAll(apiUsers);
                Set<String> recorded = new TreeSet<>(apiUsers);
                recorded.addAll(removed);
                files.recordApiUsers(recorded);
                files.writeStartFiles(RabbitConf.render(spec, files, installation, configuration, amqp, console),
                        spec.users(), removed, installation.management());
            } catch (IOException | UncheckedIOException e) {
                throw new BrokerStartException("Cannot prepare RabbitMQ broker " + spec.brokerId() + " in "
                        + spec.dataDirectory() + ": " + e.getMessage(), e);
            }
            try {
                started.launchAndAwait();
            } catch (BrokerStartException e) {
                started.stopProcesses();
                // a port picked free at the first start (none recorded yet) that another process took before the
                // node listened on it: pick again, as for the distribution port
                boolean picked = spec.ports().get("amqp") == null
                        || installation.management() && spec.ports().get("console") == null;
                if (started.listenerPortTaken && picked && attempt < PORT_ATTEMPTS) {
                    LOG.warn("RabbitMQ broker {}: a port picked for it was taken before the node listened on it; "
                            + "starting it again with others", spec.brokerId());
                    continue;
                }
                throw e;
            }
            started.deleteUsers(removed);
            OwnerOnly.restrictTree(files.root);
            started.supervise();
            return started;
        }
    }

    @Override
    public List<Instance> instances() {
        String scheme = spec.tls() != null ? "amqps" : "amqp";
        String console = consolePort == 0 ? null
                : (spec.tls() != null ? "https" : "http") + "://" + spec.advertisedHost() + ":" + consolePort;
        return List.of(new Instance(console, List.of(scheme + "://" + spec.advertisedHost() + ":" + amqpPort),
                ipAddress));
    }

    @Override
    public Map<String, Integer> ports() {
        Map<String, Integer> ports = new LinkedHashMap<>();
        ports.put("amqp", amqpPort);
        if (consolePort != 0) {
            ports.put("console", consolePort);
        }
        return Map.copyOf(ports);
    }

    @Override
    public boolean isRunning() {
        return !closing && !gaveUp;
    }

    @Override
    public void close() {
        synchronized (lock) {
            if (closed) {
                return;
            }
            closed = true;
            closing = true;
        }
        stopProcesses();
        Thread watcher = supervisor;
        if (watcher != null && watcher != Thread.currentThread()) {
            watcher.interrupt();
            try {
                watcher.join(Duration.ofSeconds(10));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        Thread hook = shutdownHook;
        if (hook != null && hook != Thread.currentThread()) {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException e) {
                // the JVM is shutting down: the hook runs or ran
            }
        }
    }

    /** The Erlang VM's process (from the pid file RabbitMQ writes), while it runs; for tests and diagnostics. */
    Optional<ProcessHandle> vmProcess() {
        return Processes.recorded(files.nodePid, files.home.toString());
    }

    /** How many times the supervisor started the node again after it died. */
    int restartCount() {
        return restartCount.get();
    }

    String nodeName() {
        return nodeName;
    }

    /** The last lines of the node's log and console output, for diagnostics. */
    String logTail() {
        return files.logTail(LOG_TAIL_LINES);
    }

    /**
     * Launches the node and waits until it answers. The distribution port is picked free just before the launch, so
     * another process can take it before the node binds it; the node then exits at once, and is launched again with
     * another port, up to {@link #PORT_ATTEMPTS} times.
     */
    private void launchAndAwait() {
        for (int attempt = 1; ; attempt++) {
            launch();
            if (awaitReady(attempt < PORT_ATTEMPTS)) {
                return;
            }
            LOG.warn("RabbitMQ broker {}: node {} found its distribution port taken; launching it again with another",
                    spec.brokerId(), nodeName);
        }
    }

    /** Starts epmd if it is not running, then the node. */
    private void launch() {
        synchronized (lock) {
            if (closing) {
                throw new BrokerStartException("RabbitMQ broker " + spec.brokerId() + " is closing", null);
            }
            try {
                if (epmd == null || !epmd.isAlive()) {
                    epmd = startEpmd();
                }
                int epmdPort = files.epmdPort();
                int distributionPort = Ports.free(InetAddress.getLoopbackAddress());
                ProcessBuilder builder = Processes.tiedToParent(List.of(installation.server().toString()));
                Map<String, String> environment = builder.environment();
                nodeEnvironment(environment, epmdPort);
                environment.put("RABBITMQ_CONFIG_FILE", files.config.toString());
                environment.put("RABBITMQ_MNESIA_BASE", files.mnesia.toString());
                environment.put("RABBITMQ_LOG_BASE", files.log.toString());
                environment.put("RABBITMQ_ENABLED_PLUGINS_FILE", files.enabledPlugins.toString());
                environment.put("RABBITMQ_PID_FILE", files.nodePid.toString());
                environment.put("RABBITMQ_DIST_PORT", Integer.toString(distributionPort));
                environment.put("RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS",
                        "-kernel inet_dist_use_interface {127,0,0,1} -start_epmd false");
                builder.directory(files.root.toFile());
                builder.redirectErrorStream(true);
                builder.redirectOutput(ProcessBuilder.Redirect.appendTo(files.consoleLog.toFile()));
                consoleOffset = Files.isRegularFile(files.consoleLog) ? Files.size(files.consoleLog) : 0;
                node = builder.start();
                LOG.info("RabbitMQ broker {}: node {} started (pid {}), AMQP on {}:{}", spec.brokerId(), nodeName,
                        node.pid(), spec.bindHost(), amqpPort);
            } catch (IOException | RuntimeException e) {
                if (e instanceof BrokerStartException start) {
                    throw start;
                }
                throw new BrokerStartException("Cannot start RabbitMQ broker " + spec.brokerId() + ": " + e.getMessage(), e);
            }
        }
    }

    /**
     * What the node and the CLI run with: nothing of Wharf's environment ({@code RABBITMQ_*}, {@code ERL_*}), the
     * broker's home (its Erlang cookie), its env file, node name and epmd.
     */
    private void nodeEnvironment(Map<String, String> environment, int epmdPort) {
        String path = System.getenv("PATH");
        environment.clear();
        environment.put("PATH", (path == null ? "" : path + ":") + "/usr/bin:/bin");
        environment.put("LANG", "C.UTF-8");
        environment.put("LC_ALL", "C.UTF-8");
        environment.put("HOME", files.home.toString());
        environment.put("RABBITMQ_CONF_ENV_FILE", files.envConfig.toString());
        environment.put("RABBITMQ_NODENAME", nodeName);
        environment.put("ERL_EPMD_PORT", Integer.toString(epmdPort));
    }

    /**
     * Deletes users deleted through the API from the running node ({@code rabbitmqctl delete_user}, as Amazon MQ
     * applies a deleted user at the reboot) and forgets them; one that could not be deleted stays recorded, for the
     * next start to try again, and cannot sign in meanwhile (its definition has no password hash).
     */
    private void deleteUsers(Set<String> removed) {
        if (removed.isEmpty()) {
            return;
        }
        Set<String> left = new TreeSet<>();
        for (String name : removed) {
            if (!deleteUser(name)) {
                left.add(name);
            }
        }
        try {
            Set<String> recorded = NodeFiles.apiUserNames(spec.users());
            recorded.addAll(left);
            files.recordApiUsers(recorded);
        } catch (IOException e) {
            LOG.warn("RabbitMQ broker {}: cannot record its users in {} ({}); the next start deletes the deleted "
                    + "ones again", spec.brokerId(), files.apiUsers, e.getMessage());
        }
    }

    private boolean deleteUser(String name) {
        Path output = files.log.resolve("rabbitmqctl.log");
        try {
            int epmdPort = files.epmdPort();
            // "--": a user name may begin with "-" (the API allows it); the CLI would take it for an option
            ProcessBuilder builder = new ProcessBuilder(installation.ctl().toString(), "--node", nodeName,
                    "--quiet", "delete_user", "--", name);
            nodeEnvironment(builder.environment(), epmdPort);
            builder.directory(files.root.toFile());
            builder.redirectErrorStream(true);
            builder.redirectOutput(ProcessBuilder.Redirect.appendTo(output.toFile()));
            Process cli = builder.start();
            if (!Processes.await(cli.toHandle(), CLI_TIMEOUT)) {
                Processes.stopTree(cli.toHandle(), Duration.ofSeconds(5));
                LOG.warn("RabbitMQ broker {}: deleting user {} did not finish within {}", spec.brokerId(), name,
                        CLI_TIMEOUT);
                return false;
            }
            if (cli.exitValue() != 0) {
                LOG.warn("RabbitMQ broker {}: rabbitmqctl delete_user {} exited with {} (see {})", spec.brokerId(),
                        name, cli.exitValue(), output);
                return false;
            }
            LOG.info("RabbitMQ broker {}: user {}, deleted through the API, removed from node {}", spec.brokerId(),
                    name, nodeName);
            return true;
        } catch (IOException | RuntimeException e) {
            LOG.warn("RabbitMQ broker {}: cannot delete user {} from node {}: {}", spec.brokerId(), name, nodeName,
                    e.toString());
            return false;
        }
    }

    /** Starts the broker's own epmd on a free port; one that dies at once (its port taken meanwhile) gets another. */
    private Process startEpmd() throws IOException {
        for (int attempt = 1; ; attempt++) {
            int port = Ports.free(InetAddress.getLoopbackAddress());
            Process started = startEpmd(port, attempt == PORT_ATTEMPTS);
            if (started != null) {
                return started;
            }
            LOG.warn("RabbitMQ broker {}: epmd exited while starting on port {}; starting it on another",
                    spec.brokerId(), port);
        }
    }

    /** epmd on {@code port} once it accepts connections; null if it exited and {@code last} is false. */
    private Process startEpmd(int port, boolean last) throws IOException {
        ProcessBuilder builder = Processes.tiedToParent(List.of(installation.epmd().toString(), "-port",
                Integer.toString(port), "-address", "127.0.0.1"));
        builder.environment().keySet().removeIf(name -> name.startsWith("ERL_"));
        builder.redirectErrorStream(true);
        builder.redirectOutput(ProcessBuilder.Redirect.appendTo(files.log.resolve("epmd.log").toFile()));
        Process started = builder.start();
        NodeFiles.writeOwnerOnly(files.epmdPid, started.pid() + " " + port + "\n"); // the script's pid: it runs epmd
        Instant deadline = clock.instant().plus(Duration.ofSeconds(10));
        while (!Ports.accepts(new InetSocketAddress(InetAddress.getLoopbackAddress(), port))) {
            if (!started.isAlive() && !last) {
                return null;
            }
            if (!started.isAlive() || clock.instant().isAfter(deadline)) {
                started.destroyForcibly();
                throw new BrokerStartException("epmd did not start on port " + port + " for RabbitMQ broker "
                        + spec.brokerId() + "\n" + files.logTail(LOG_TAIL_LINES), null);
            }
            pause();
        }
        return started;
    }

    /**
     * Waits until the node answers the AMQP protocol header (true), it exits, or {@link #startTimeout} passes. A node
     * that exits because its distribution port was taken returns false when {@code portRetry} allows another launch.
     */
    private boolean awaitReady(boolean portRetry) {
        Instant deadline = clock.instant().plus(startTimeout);
        InetSocketAddress address = new InetSocketAddress(probeHost(), amqpPort);
        while (true) {
            Process current;
            long launchedAt;
            synchronized (lock) {
                current = node;
                launchedAt = consoleOffset;
            }
            if (closing) {
                throw new BrokerStartException("RabbitMQ broker " + spec.brokerId() + " closed while starting", null);
            }
            if (!current.isAlive()) {
                String output = files.consoleSince(launchedAt);
                if (portRetry && output.contains(DISTRIBUTION_PORT_TAKEN)) {
                    return false;
                }
                listenerPortTaken = output.contains(LISTENER_PORT_TAKEN);
                throw new BrokerStartException("RabbitMQ broker " + spec.brokerId() + " (node " + nodeName
                        + ") exited with status " + current.exitValue() + " while starting. Its log ends with:\n"
                        + files.logTail(LOG_TAIL_LINES), null);
            }
            if (spec.tls() != null ? Ports.accepts(address) : Ports.answersAmqp(address)) {
                return true;
            }
            if (clock.instant().isAfter(deadline)) {
                Processes.stopTree(current.toHandle(), Duration.ofSeconds(5));
                throw new BrokerStartException("RabbitMQ broker " + spec.brokerId() + " (node " + nodeName
                        + ") did not accept AMQP connections on port " + amqpPort + " within " + startTimeout
                        + ". Its log ends with:\n" + files.logTail(LOG_TAIL_LINES), null);
            }
            pause();
        }
    }

    private void supervise() {
        supervisor = Thread.ofPlatform().daemon().name("rabbitmq-supervisor-" + spec.brokerId()).start(() -> {
            while (!closing) {
                Process current;
                synchronized (lock) {
                    current = node;
                }
                try {
                    current.waitFor();
                } catch (InterruptedException e) {
                    continue; // close() wakes us; the loop condition decides
                }
                if (closing) {
                    return;
                }
                if (!mayRestart()) {
                    gaveUp = true;
                    LOG.error("RabbitMQ broker {}: node {} exited (status {}) {} times within {}; not restarting it "
                            + "again. Its log ends with:\n{}", spec.brokerId(), nodeName, current.exitValue(),
                            MAX_RESTARTS + 1, RESTART_WINDOW, files.logTail(LOG_TAIL_LINES));
                    return;
                }
                LOG.warn("RabbitMQ broker {}: node {} exited unexpectedly (status {}); restarting it", spec.brokerId(),
                        nodeName, current.exitValue());
                try {
                    Processes.killRecorded(files.nodePid, files.home.toString()); // the VM, if only its script died
                    restartCount.incrementAndGet();
                    launchAndAwait();
                    LOG.info("RabbitMQ broker {}: node {} serves again", spec.brokerId(), nodeName);
                } catch (BrokerStartException e) {
                    if (!closing) {
                        LOG.warn("RabbitMQ broker {}: restart failed: {}", spec.brokerId(), e.getMessage());
                    }
                }
            }
        });
        shutdownHook = new Thread(this::close, "rabbitmq-stop-" + spec.brokerId());
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    private boolean mayRestart() {
        Instant now = clock.instant();
        while (!restarts.isEmpty() && restarts.peekFirst().isBefore(now.minus(RESTART_WINDOW))) {
            restarts.removeFirst();
        }
        if (restarts.size() >= MAX_RESTARTS) {
            return false;
        }
        restarts.addLast(now);
        return true;
    }

    /** Stops the node (SIGTERM, then SIGKILL after {@link #STOP_GRACE}) and epmd; forgets their pid files. */
    private void stopProcesses() {
        Process currentNode;
        Process currentEpmd;
        synchronized (lock) {
            closing = true;
            currentNode = node;
            currentEpmd = epmd;
        }
        if (currentNode != null && !Processes.stopTree(currentNode.toHandle(), STOP_GRACE)) {
            LOG.warn("RabbitMQ broker {}: node {} did not stop within {}; killed", spec.brokerId(), nodeName, STOP_GRACE);
        }
        Processes.killRecorded(files.nodePid, files.home.toString());
        if (currentEpmd != null) {
            Processes.stopTree(currentEpmd.toHandle(), Duration.ofSeconds(5));
        }
        try {
            Files.deleteIfExists(files.nodePid);
            Files.deleteIfExists(files.epmdPid);
        } catch (IOException e) {
            // a stale pid file is checked against the process's command line before it is used
        }
        LOG.info("RabbitMQ broker {}: node {} stopped", spec.brokerId(), nodeName);
    }

    private InetAddress probeHost() {
        try {
            InetAddress bind = InetAddress.getByName(spec.bindHost());
            return bind.isAnyLocalAddress() ? InetAddress.getLoopbackAddress() : bind;
        } catch (IOException e) {
            return InetAddress.getLoopbackAddress();
        }
    }

    private static String ipAddress(BrokerSpec spec) {
        try {
            InetAddress bind = InetAddress.getByName(spec.bindHost());
            return bind.isAnyLocalAddress() ? InetAddress.getLoopbackAddress().getHostAddress() : bind.getHostAddress();
        } catch (IOException e) {
            return spec.bindHost();
        }
    }

    private static void pause() {
        try {
            Thread.sleep(PROBE_INTERVAL);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BrokerStartException("interrupted while waiting for RabbitMQ", e);
        }
    }

    @Override
    public String toString() {
        return "RabbitMqNode[" + spec.brokerId() + ", " + nodeName + ", amqp " + amqpPort + "]";
    }

}
