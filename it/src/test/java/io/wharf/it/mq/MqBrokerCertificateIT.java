package io.wharf.it.mq;

import io.wharf.testkit.TrustingTls;
import io.wharf.testkit.WharfServerExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import software.amazon.awssdk.services.mq.MqClient;
import software.amazon.awssdk.services.mq.model.BadRequestException;
import software.amazon.awssdk.services.mq.model.BrokerState;
import software.amazon.awssdk.services.mq.model.DescribeBrokerResponse;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import java.net.URI;
import java.security.cert.Certificate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * When Wharf serves TLS, its brokers' TLS endpoints (an ActiveMQ broker's web console too) present Wharf's own certificate (the one its HTTPS port presents),
 * so a client that trusts Wharf trusts its brokers: ActiveMQ's {@code ssl://} and {@code wss://}, RabbitMQ's
 * {@code amqps://} (where rabbitmq-server is installed; {@code -Dmq.requireRabbit=true} makes its absence a failure).
 *
 * Most of its time is its brokers starting, on a server of its own: it runs beside the other suites.
 */
@Execution(ExecutionMode.CONCURRENT)
class MqBrokerCertificateIT {
    @RegisterExtension
    static final WharfServerExtension WHARF = WharfServerExtension.builder().configure(c -> c.tlsPort(0)).build();

    private static MqClient mq;

    @BeforeAll
    static void client() {
        mq = MqTestBase.client(WHARF.endpoint());
    }

    @AfterAll
    static void closeClient() {
        mq.close();
    }

    @Test
    void activeMqTlsEndpointsPresentWharfsCertificate() throws Exception {
        Certificate[] wharfs = peerCertificates(URI.create(WHARF.wharf().tlsEndpoint()));
        String id = Brokers.create(mq, MqTestBase.unique("tls-cert"), r -> { }).brokerId();
        try {
            DescribeBrokerResponse running = Brokers.await(mq, id, BrokerState.RUNNING);
            List<String> endpoints = running.brokerInstances().get(0).endpoints();
            assertThat(endpoints).extracting(endpoint -> endpoint.substring(0, endpoint.indexOf("://")))
                    .containsExactly("ssl", "amqp+ssl", "stomp+ssl", "mqtt+ssl", "wss");

            for (String endpoint : endpoints) {
                assertThat(peerCertificates(URI.create(endpoint))).as(endpoint).isEqualTo(wharfs);
            }
            String console = running.brokerInstances().get(0).consoleURL();
            assertThat(console).as("the ActiveMQ web console").startsWith("https://");
            assertThat(peerCertificates(URI.create(console))).as(console).isEqualTo(wharfs);
        } finally {
            mq.deleteBroker(r -> r.brokerId(id));
            Brokers.awaitGone(mq, id);
        }
    }

    @Test
    void rabbitMqAmqpsPresentsWharfsCertificate() throws Exception {
        Certificate[] wharfs = peerCertificates(URI.create(WHARF.wharf().tlsEndpoint()));
        String id;
        try {
            id = mq.createBroker(r -> r.brokerName(MqTestBase.unique("rabbit-tls")).engineType("RABBITMQ")
                    .engineVersion("3.13").hostInstanceType("mq.t3.micro").deploymentMode("SINGLE_INSTANCE")
                    .publiclyAccessible(false).users(u -> u.username("app").password(MqTestBase.PASSWORD))).brokerId();
        } catch (BadRequestException unavailable) {
            if (Boolean.getBoolean("mq.requireRabbit")) {
                throw new AssertionError("-Dmq.requireRabbit=true but RabbitMQ brokers are unavailable", unavailable);
            }
            org.junit.jupiter.api.Assumptions.abort("RabbitMQ brokers are not available here: " + unavailable.getMessage());
            return;
        }
        try {
            DescribeBrokerResponse running = Brokers.await(mq, id, BrokerState.RUNNING);
            String endpoint = running.brokerInstances().get(0).endpoints().get(0);
            assertThat(endpoint).startsWith("amqps://");

            assertThat(peerCertificates(URI.create(endpoint))).isEqualTo(wharfs);
        } finally {
            mq.deleteBroker(r -> r.brokerId(id));
            Brokers.awaitGone(mq, id);
        }
    }

    /**
     * The certificate chain a TLS port presents, each certificate compared by its encoding ({@link Certificate#equals}
     * does). Any certificate is accepted: what it is, not whether it is trusted, is the question here.
     */
    private static Certificate[] peerCertificates(URI endpoint) throws Exception {
        SSLContext context = TrustingTls.context();
        try (SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket(endpoint.getHost(), endpoint.getPort())) {
            socket.setSoTimeout(10_000);
            socket.startHandshake();
            Certificate[] chain = socket.getSession().getPeerCertificates();
            assertThat(chain).as("certificates from %s", endpoint).isNotEmpty();
            return chain;
        }
    }
}
