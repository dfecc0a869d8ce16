package io.wharf.mq.broker.activemq;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.HashMap;
import java.util.Map;
import org.apache.activemq.broker.BrokerService;
import org.apache.activemq.broker.SslContext;
import org.apache.activemq.transport.SecureSocketConnectorFactory;
import org.apache.activemq.transport.ws.WSTransportServer;
import org.apache.activemq.util.IntrospectionSupport;
import org.apache.activemq.util.URISupport;
import org.eclipse.jetty.server.AbstractConnector;
import org.eclipse.jetty.server.ConnectionLimit;
import org.eclipse.jetty.server.Connector;

/**
 * ActiveMQ's WebSocket transport server ({@code ws://}, or {@code wss://} with the broker's {@link SslContext}) with
 * the connection cap the socket transports have: ActiveMQ's own ignores {@code maximumConnections}, so this one puts
 * Jetty's {@link ConnectionLimit} on its Jetty server (at the cap Jetty stops accepting; connections wait in the
 * backlog until one closes). Otherwise it is bound as {@code WSTransportFactory}/{@code WSSTransportFactory} bind theirs.
 */
final class WebSocketServer extends WSTransportServer {
    private final boolean tls;
    private int maximumConnections = Integer.MAX_VALUE;

    private WebSocketServer(URI location, SslContext ssl) {
        super(location);
        this.tls = ssl != null;
        if (ssl != null) {
            socketConnectorFactory = new SecureSocketConnectorFactory(ssl);
        }
    }

    /**
     * The server for {@code location}'s options, as ActiveMQ's factories make it: {@code http.} options for the HTTP
     * side, the others set on the server (here {@code maximumConnections}) or handed to the WebSocket servlet and its
     * sockets ({@code websocket.}, {@code transport.}, {@code wireFormat.}).
     */
    static WebSocketServer bind(URI location, SslContext ssl, BrokerService broker) throws IOException {
        try {
            Map<String, Object> options = new HashMap<>(URISupport.parseParameters(location));
            WebSocketServer server = new WebSocketServer(location, ssl);
            Map<String, Object> httpOptions = IntrospectionSupport.extractProperties(options, "http.");
            Map<String, Object> transportOptions = IntrospectionSupport.extractProperties(options, "");
            IntrospectionSupport.setProperties(server, transportOptions); // takes maximumConnections out
            server.setBrokerService(broker);
            server.setTransportOption(transportOptions);
            server.setHttpOptions(httpOptions);
            return server;
        } catch (URISyntaxException e) {
            throw new IOException("bad WebSocket connector URI " + location, e);
        }
    }

    /** Set from the connector URI's {@code maximumConnections} option. */
    public void setMaximumConnections(int maximumConnections) {
        this.maximumConnections = maximumConnections;
    }

    @Override
    protected void createServer() {
        super.createServer();
        server.addBean(new ConnectionLimit(maximumConnections, server));
    }

    @Override
    public boolean isSslServer() {
        return tls;
    }

    /** Whether Jetty accepts new connections now (false while the cap is reached); for tests. */
    boolean accepting() {
        for (Connector connector : server.getConnectors()) {
            if (connector instanceof AbstractConnector acceptor && !acceptor.isAccepting()) {
                return false;
            }
        }
        return true;
    }
}
