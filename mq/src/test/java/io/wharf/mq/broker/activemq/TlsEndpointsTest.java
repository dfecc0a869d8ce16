package io.wharf.mq.broker.activemq;

import static io.wharf.mq.broker.activemq.Brokers.ALICE;
import static io.wharf.mq.broker.activemq.Brokers.ALICE_PASSWORD;
import static io.wharf.mq.broker.activemq.Brokers.BOB;
import static io.wharf.mq.broker.activemq.Brokers.BOB_PASSWORD;
import static io.wharf.mq.broker.activemq.Brokers.RUNTIME;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wharf.mq.broker.RunningBroker;
import jakarta.jms.Connection;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLSocket;
import org.apache.activemq.ActiveMQSslConnectionFactory;
import org.apache.qpid.jms.JmsConnectionFactory;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** With a certificate, the broker offers AWS's TLS endpoints ({@code ssl://}, {@code amqp+ssl://}, …) and only those. */
class TlsEndpointsTest {
    private static final long RECEIVE_MILLIS = 10_000;

    @TempDir
    static Path dir;
    private static SelfSignedCertificate certificate;
    private static Path trustStore;
    private static RunningBroker broker;

    @BeforeAll
    static void start() throws Exception {
        certificate = new SelfSignedCertificate();
        trustStore = certificate.writeTrustStore(dir.resolve("trust.p12"));
        broker = RUNTIME.start(Brokers.spec(dir.resolve("broker"), "SINGLE_INSTANCE", Map.of(), null, certificate.tls()));
    }

    @AfterAll
    static void stop() {
        if (broker != null) {
            broker.close();
        }
    }

    private static ActiveMQSslConnectionFactory openWire() throws Exception {
        ActiveMQSslConnectionFactory factory = new ActiveMQSslConnectionFactory(Brokers.endpoint(broker, 0, "ssl"));
        factory.setTrustStore(trustStore.toUri().toString());
        factory.setTrustStorePassword(SelfSignedCertificate.TRUST_STORE_PASSWORD);
        factory.setTrustStoreType("PKCS12");
        return factory;
    }

    @Test
    void theEndpointsAreAwsTlsOnes() {
        assertThat(broker.instances().getFirst().endpoints())
                .extracting(endpoint -> endpoint.substring(0, endpoint.indexOf("://")))
                .containsExactly("ssl", "amqp+ssl", "stomp+ssl", "mqtt+ssl", "wss");
    }

    @Test
    void openWireOverTls() throws Exception {
        try (Connection connection = openWire().createConnection(ALICE, ALICE_PASSWORD)) {
            connection.start();
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            MessageConsumer consumer = session.createConsumer(session.createQueue("secure"));
            session.createProducer(session.createQueue("secure")).send(session.createTextMessage("over tls"));
            assertThat(((TextMessage) consumer.receive(RECEIVE_MILLIS)).getText()).isEqualTo("over tls");
        }
        assertThatThrownBy(() -> {
            try (Connection connection = openWire().createConnection(ALICE, "not-the-password")) {
                connection.start();
            }
        }).isInstanceOf(jakarta.jms.JMSException.class); // JMSSecurityException, or "Disposed" if the close wins (OpenWireTest)
    }

    @Test
    void amqpOverTlsWithQpidJms() throws Exception {
        URI endpoint = Brokers.endpoint(broker, 0, "amqp+ssl");
        JmsConnectionFactory factory = new JmsConnectionFactory("amqps://localhost:" + endpoint.getPort()
                + "?transport.trustStoreLocation=" + trustStore + "&transport.trustStorePassword="
                + SelfSignedCertificate.TRUST_STORE_PASSWORD + "&transport.trustStoreType=PKCS12");
        try (Connection connection = factory.createConnection(BOB, BOB_PASSWORD)) {
            connection.start();
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            MessageConsumer consumer = session.createConsumer(session.createQueue("secure-amqp"));
            session.createProducer(session.createQueue("secure-amqp")).send(session.createTextMessage("amqps"));
            assertThat(((TextMessage) consumer.receive(RECEIVE_MILLIS)).getText()).isEqualTo("amqps");
        }
    }

    @Test
    void stompOverTls() throws Exception {
        URI endpoint = Brokers.endpoint(broker, 0, "stomp+ssl");
        try (SSLSocket socket = (SSLSocket) certificate.clientContext().getSocketFactory()
                .createSocket(endpoint.getHost(), endpoint.getPort())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write("CONNECT\naccept-version:1.2\nhost:/\nlogin:alice\npasscode:alice-password-1\n\n\0"
                    .getBytes(StandardCharsets.UTF_8));
            out.flush();
            assertThat(readCommand(socket.getInputStream())).isEqualTo("CONNECTED");
        }
    }

    @Test
    void mqttOverTlsWithPaho() throws Exception {
        URI endpoint = Brokers.endpoint(broker, 0, "mqtt+ssl");
        BlockingQueue<String> received = new ArrayBlockingQueue<>(1);
        MqttClient client = new MqttClient("ssl://localhost:" + endpoint.getPort(), "paho-tls", new MemoryPersistence());
        try {
            MqttConnectOptions options = new MqttConnectOptions();
            options.setUserName(ALICE);
            options.setPassword(ALICE_PASSWORD.toCharArray());
            options.setSocketFactory(certificate.clientContext().getSocketFactory());
            options.setAutomaticReconnect(false);
            client.connect(options);
            client.subscribe("secure/topic", 1, (topic, message) -> received.add(new String(message.getPayload(), StandardCharsets.UTF_8)));
            client.publish("secure/topic", "mqtts".getBytes(StandardCharsets.UTF_8), 1, false);
            assertThat(received.poll(RECEIVE_MILLIS, TimeUnit.MILLISECONDS)).isEqualTo("mqtts");
        } finally {
            if (client.isConnected()) {
                client.disconnect();
            }
            client.close();
        }
    }

    @Test
    void aClientThatDoesNotTrustTheCertificateIsRefusedTheHandshake() throws Exception {
        URI endpoint = Brokers.endpoint(broker, 0, "stomp+ssl");
        SelfSignedCertificate stranger = new SelfSignedCertificate();
        try (SSLSocket socket = (SSLSocket) stranger.clientContext().getSocketFactory()
                .createSocket(endpoint.getHost(), endpoint.getPort())) {
            socket.setSoTimeout(10_000);
            assertThatThrownBy(socket::startHandshake).isInstanceOf(SSLHandshakeException.class);
        }
    }

    @Test
    void thePlainPortsAreNotOffered() {
        assertThat(broker.instances().getFirst().endpoints())
                .noneMatch(endpoint -> endpoint.startsWith("tcp://") || endpoint.startsWith("ws://"));
        URI endpoint = Brokers.endpoint(broker, 0, "ssl");
        // the TLS port answers a plain client with a TLS alert record (content type 21) or closes: never in plain
        try (Socket socket = new Socket(endpoint.getHost(), endpoint.getPort())) {
            socket.setSoTimeout(5_000);
            socket.getOutputStream().write("CONNECT\n\n\0".getBytes(StandardCharsets.UTF_8));
            int first = socket.getInputStream().read();
            assertThat(first).isIn(-1, 21);
        } catch (IOException closed) {
            // reset by the server: not offered either
        }
    }

    private static String readCommand(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        int b;
        while ((b = in.read()) != '\n') {
            if (b < 0) {
                throw new IOException("closed");
            }
            line.append((char) b);
        }
        return line.toString();
    }
}
