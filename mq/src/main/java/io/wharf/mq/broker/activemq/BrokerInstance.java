package io.wharf.mq.broker.activemq;

import java.net.InetSocketAddress;
import java.net.URI;
import java.util.EnumMap;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.activemq.broker.BrokerService;
import org.apache.activemq.broker.TransportConnector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One broker instance: an embedded {@link BrokerService} with its transport connectors on fixed (or, at first start,
 * system-picked) ports. A {@link BrokerService} cannot be started twice, so each {@link #launch} builds a new one
 * from the {@code factory}; the ports stay, so the instance's endpoints never change.
 */
final class BrokerInstance {
    private static final Logger LOG = LoggerFactory.getLogger(BrokerInstance.class);

    final int index;
    private final String name;
    private final Supplier<BrokerService> factory;
    private final boolean tls;
    private final String bindHost;
    private final Map<Transport, Integer> ports;
    /** The web console's connector: loopback only, not listed by DescribeBroker (see {@link WebConsole}). */
    private volatile int consolePort;
    private volatile BrokerService service;
    private volatile boolean failedOnce;

    BrokerInstance(int index, String name, Supplier<BrokerService> factory, boolean tls, String bindHost,
                   Map<Transport, Integer> ports, int consolePort) {
        this.index = index;
        this.name = name;
        this.factory = factory;
        this.tls = tls;
        this.bindHost = bindHost;
        this.ports = new EnumMap<>(ports);
        this.consolePort = consolePort;
    }

    /**
     * Builds and starts a new {@link BrokerService}; returns once it serves, which for a standby of a pair is when it
     * took the store's lock (or was stopped while waiting for it).
     */
    void launch() throws Exception {
        BrokerService broker = factory.get();
        Map<Transport, TransportConnector> connectors = new EnumMap<>(Transport.class);
        for (Transport transport : Transport.values()) {
            // Not broker.addConnector(uri): that binds the port at once, and a standby waiting for the lock would
            // accept connections it never answers. This connector binds when the broker starts it, after the lock.
            TransportConnector connector = new TransportConnector();
            connector.setUri(transport.connectorUri(tls, bindHost, ports.get(transport)));
            connector.setName(transport.portName);
            if (transport == Transport.WEBSOCKET) { // ActiveMQ's own would not cap its connections
                connector.setServer(WebSocketServer.bind(connector.getUri(), tls ? broker.getSslContext() : null, broker));
            }
            broker.addConnector(connector);
            connectors.put(transport, connector);
        }
        TransportConnector console = new TransportConnector();
        console.setUri(URI.create("tcp://127.0.0.1:" + consolePort
                + "?maximumConnections=10&wireFormat.maxFrameSize=104857600"));
        console.setName("wharf-console");
        broker.addConnector(console);
        service = broker;
        try {
            broker.start();
        } catch (Exception e) {
            stop();
            throw e;
        }
        if (broker.isStarted()) {
            synchronized (this) { // ports picked by the system are read back once, for the spec of the next start
                for (Map.Entry<Transport, TransportConnector> connector : connectors.entrySet()) {
                    ports.put(connector.getKey(), boundPort(connector.getValue()));
                }
                consolePort = boundPort(console);
            }
            LOG.info("ActiveMQ broker {} serves on {}", name, ports);
        }
    }

    /**
     * The port a started connector listens on. The socket transports tell their socket's address; the WebSocket one
     * (a Jetty server) has none to give and tells its port in the URI it was bound to.
     */
    private static int boundPort(TransportConnector connector) throws Exception {
        InetSocketAddress address = connector.getServer().getSocketAddress();
        return address != null ? address.getPort() : connector.getServer().getConnectURI().getPort();
    }

    /** Whether this instance's broker is started and serving (not a standby waiting for the lock, not stopped). */
    boolean isServing() {
        BrokerService broker = service;
        return broker != null && broker.isStarted() && !broker.isStopping() && !broker.isStopped();
    }

    void markFailed() {
        failedOnce = true;
    }

    /** Whether a launch of this instance has failed (ports taken, store unreadable) since it was made. */
    boolean failedOnce() {
        return failedOnce;
    }

    BrokerService service() {
        return service;
    }

    /** Stops the current broker, if any, and waits until it has. */
    void stop() {
        BrokerService broker = service;
        if (broker == null) {
            return;
        }
        try {
            broker.stop();
            broker.waitUntilStopped();
        } catch (Exception e) {
            LOG.warn("ActiveMQ broker {} did not stop cleanly", name, e);
        }
    }

    synchronized Map<Transport, Integer> ports() {
        return new EnumMap<>(ports);
    }

    int consolePort() {
        return consolePort;
    }

    String name() {
        return name;
    }
}
