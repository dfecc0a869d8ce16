package io.wharf.mq.broker.activemq;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.activemq.broker.BrokerService;
import org.apache.activemq.broker.TransportConnector;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The WebSocket server caps its connections as the socket transports do ({@code maximumConnections}), which ActiveMQ's
 * own WebSocket server does not: at the cap Jetty stops accepting, and a waiting client gets in once one leaves.
 */
class WebSocketServerTest {
    private BrokerService broker;

    @AfterEach
    void stop() throws Exception {
        if (broker != null) {
            broker.stop();
            broker.waitUntilStopped();
        }
    }

    @Test
    void atTheCapNoConnectionIsAcceptedUntilOneCloses() throws Exception {
        broker = new BrokerService();
        broker.setBrokerName("websocket-cap");
        broker.setPersistent(false);
        broker.setUseJmx(false);
        URI uri = URI.create("ws://127.0.0.1:0?maximumConnections=2");
        WebSocketServer server = WebSocketServer.bind(uri, null, broker);
        TransportConnector connector = new TransportConnector();
        connector.setUri(uri);
        connector.setServer(server);
        broker.addConnector(connector);
        broker.start();
        URI endpoint = URI.create("ws://127.0.0.1:" + server.getConnectURI().getPort() + "/");

        StompWebSocket first = StompWebSocket.open(endpoint, null);
        try (StompWebSocket second = StompWebSocket.open(endpoint, null)) {
            assertThat(second.connect("anyone", "no-authentication-here").command()).isEqualTo("CONNECTED");
            assertThat(server.accepting()).as("two of two connections open").isFalse();

            CompletableFuture<StompWebSocket> third = CompletableFuture.supplyAsync(() -> {
                try {
                    return StompWebSocket.open(endpoint, null);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            first.close();
            try (StompWebSocket admitted = third.get(30, TimeUnit.SECONDS)) {
                assertThat(admitted.connect("anyone", "no-authentication-here").command()).isEqualTo("CONNECTED");
            }
        } finally {
            first.close();
        }
    }
}
