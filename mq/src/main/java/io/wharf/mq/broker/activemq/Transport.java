package io.wharf.mq.broker.activemq;

import java.net.URI;

/**
 * The transports an Amazon MQ ActiveMQ broker offers, with the scheme ActiveMQ's connector takes and DescribeBroker
 * shows (the same word: {@code ssl://}, {@code amqp+ssl://}, …, {@code wss://}) in their TLS form, as AWS runs
 * them, and in their plain form when Wharf has no certificate for the broker.
 */
enum Transport {
    OPENWIRE("openwire", "tcp", "ssl", ""),
    /** The JMS transformer: an AMQP message reaches OpenWire/STOMP consumers as the JMS message it maps to. */
    AMQP("amqp", "amqp", "amqp+ssl", "&transport.transformer=jms"),
    STOMP("stomp", "stomp", "stomp+ssl", ""),
    MQTT("mqtt", "mqtt", "mqtt+ssl", ""),
    /**
     * STOMP and MQTT over WebSocket (the client picks one by its subprotocol: {@code v12.stomp}, {@code mqtt}), from
     * {@code activemq-http} on Jetty 11. Jetty refuses a WebSocket message above 64 KiB unless told otherwise
     * (its servlet's init parameters, which the {@code websocket.} options set): the same 100 MiB as the frames.
     */
    WEBSOCKET("wss", "ws", "wss",
            "&websocket.maxTextMessageSize=104857600&websocket.maxBinaryMessageSize=104857600");

    /**
     * Connector options every transport gets, as Amazon MQ's brokers have them: a bounded number of connections and
     * AWS's 100 MiB frame limit (a bigger frame closes the connection instead of filling the heap). ActiveMQ's WebSocket
     * server ignores {@code maximumConnections}; {@link WebSocketServer} applies it.
     */
    private static final String OPTIONS = "?maximumConnections=1000&wireFormat.maxFrameSize=104857600";

    /** The name in {@code BrokerSpec.ports()} / {@code RunningBroker.ports()} ({@code openwire}, {@code openwire.1}). */
    final String portName;
    private final String plainScheme;
    private final String tlsScheme;
    private final String options;

    Transport(String portName, String plainScheme, String tlsScheme, String options) {
        this.portName = portName;
        this.plainScheme = plainScheme;
        this.tlsScheme = tlsScheme;
        this.options = OPTIONS + options;
    }

    String scheme(boolean tls) {
        return tls ? tlsScheme : plainScheme;
    }

    /** The key of this transport's port for the instance {@code index} (0: no suffix, as the SPI names them). */
    String portKey(int index) {
        return index == 0 ? portName : portName + "." + index;
    }

    /** The URI ActiveMQ's connector binds: {@code port} 0 lets the system pick a free one. */
    URI connectorUri(boolean tls, String bindHost, int port) {
        return URI.create(scheme(tls) + "://" + hostForUri(bindHost) + ":" + port + options);
    }

    /** The endpoint as DescribeBroker lists it: {@code ssl://host:port}. */
    String endpoint(boolean tls, String advertisedHost, int port) {
        return scheme(tls) + "://" + hostForUri(advertisedHost) + ":" + port;
    }

    static String hostForUri(String host) {
        return host.indexOf(':') >= 0 && !host.startsWith("[") ? "[" + host + "]" : host;
    }
}
