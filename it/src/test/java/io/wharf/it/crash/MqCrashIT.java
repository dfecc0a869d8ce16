package io.wharf.it.crash;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.GetResponse;
import com.rabbitmq.client.MessageProperties;
import io.wharf.testkit.Clients;
import jakarta.jms.DeliveryMode;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import org.apache.activemq.ActiveMQConnectionFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.services.mq.MqClient;
import software.amazon.awssdk.services.mq.model.BadRequestException;
import software.amazon.awssdk.services.mq.model.BrokerState;
import software.amazon.awssdk.services.mq.model.DescribeBrokerResponse;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Amazon MQ brokers through real crashes of Wharf: the server jar runs as a child process, a broker is made through the
 * MQ API, persistent messages are sent with the broker's usual client, Wharf is killed with SIGKILL (its embedded
 * ActiveMQ brokers die with it; a RabbitMQ node is stopped by its watcher) and started again on the same data
 * directory. The broker comes back RUNNING on the same endpoint, with its users, and every acknowledged persistent
 * message is there. RabbitMQ also goes through a RebootBroker first.
 *
 * Most of its time is brokers starting (a RabbitMQ node twice), in its own child process: it runs beside the other
 * suites.
 */
@Execution(ExecutionMode.CONCURRENT)
class MqCrashIT {
    private static final String PASSWORD = "crash-test-password-1";
    private static final int WAIT_SECONDS = 120;

    @TempDir
    Path dataDir;

    @SuppressWarnings("deprecation")
    private static MqClient mq(URI endpoint) {
        return MqClient.builder().endpointOverride(endpoint).region(Clients.REGION)
                .credentialsProvider(Clients.CREDENTIALS).httpClientBuilder(ApacheHttpClient.builder())
                .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry())).build();
    }

    private static DescribeBrokerResponse awaitRunning(MqClient mq, String id) throws InterruptedException {
        DescribeBrokerResponse last = null;
        for (int i = 0; i < WAIT_SECONDS * 10; i++) {
            last = mq.describeBroker(r -> r.brokerId(id));
            if (last.brokerState() == BrokerState.RUNNING) {
                return last;
            }
            assertThat(last.brokerState()).as("broker %s", id).isNotEqualTo(BrokerState.CREATION_FAILED);
            Thread.sleep(100);
        }
        throw new AssertionError("broker " + id + " is " + last.brokerState() + ", never RUNNING");
    }

    private static String endpoint(DescribeBrokerResponse broker, String scheme) {
        return broker.brokerInstances().get(0).endpoints().stream().filter(e -> e.startsWith(scheme + "://"))
                .findFirst().orElseThrow(() -> new AssertionError("no " + scheme + " endpoint in "
                        + broker.brokerInstances()));
    }

    @Test
    void anActiveMqBrokerKeepsItsPersistentMessagesThroughKillNine() throws Exception {
        String id;
        String openwire;
        List<String> sent = new ArrayList<>();
        try (WharfProcess wharf = WharfProcess.start(dataDir); MqClient mq = mq(wharf.endpoint())) {
            id = mq.createBroker(r -> r.brokerName("crash-amq").engineType("ACTIVEMQ").engineVersion("5.18")
                    .hostInstanceType("mq.t3.micro").deploymentMode("SINGLE_INSTANCE").publiclyAccessible(false)
                    .users(u -> u.username("app").password(PASSWORD))).brokerId();
            openwire = endpoint(awaitRunning(mq, id), "tcp");
            ActiveMQConnectionFactory factory = new ActiveMQConnectionFactory("app", PASSWORD, openwire);
            try (jakarta.jms.Connection connection = factory.createConnection()) {
                Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
                MessageProducer producer = session.createProducer(session.createQueue("orders"));
                producer.setDeliveryMode(DeliveryMode.PERSISTENT); // a persistent send waits for the broker's receipt
                for (int i = 0; i < 50; i++) {
                    producer.send(session.createTextMessage("order-" + i));
                    sent.add("order-" + i);
                }
            }
            wharf.kill9();
        }
        try (WharfProcess wharf = WharfProcess.start(dataDir); MqClient mq = mq(wharf.endpoint())) {
            DescribeBrokerResponse back = awaitRunning(mq, id);
            assertThat(endpoint(back, "tcp")).as("the same endpoint after the restart").isEqualTo(openwire);
            List<String> received = new ArrayList<>();
            try (jakarta.jms.Connection connection = new ActiveMQConnectionFactory("app", PASSWORD, openwire)
                    .createConnection()) {
                connection.start();
                Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
                MessageConsumer consumer = session.createConsumer(session.createQueue("orders"));
                TextMessage m;
                while ((m = (TextMessage) consumer.receive(5_000)) != null) {
                    received.add(m.getText());
                }
            }
            assertThat(received).containsExactlyElementsOf(sent);
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> {
                try (jakarta.jms.Connection refused = new ActiveMQConnectionFactory("app", "wrong-password-123", openwire)
                        .createConnection()) {
                    refused.start();
                }
            }).as("a wrong password after the restart (a JMSSecurityException, or 'Disposed due to prior exception' when"
                    + " the broker's close arrives first)").isInstanceOf(jakarta.jms.JMSException.class);
            mq.deleteBroker(r -> r.brokerId(id));
        }
    }

    @Test
    void aRabbitMqBrokerKeepsItsPersistentMessagesThroughARebootAndKillNine() throws Exception {
        String id;
        String amqp;
        try (WharfProcess wharf = WharfProcess.start(dataDir); MqClient mq = mq(wharf.endpoint())) {
            try {
                id = mq.createBroker(r -> r.brokerName("crash-rabbit").engineType("RABBITMQ").engineVersion("3.13")
                        .hostInstanceType("mq.t3.micro").deploymentMode("SINGLE_INSTANCE").publiclyAccessible(false)
                        .users(u -> u.username("app").password(PASSWORD))).brokerId();
            } catch (BadRequestException unavailable) {
                if (Boolean.getBoolean("mq.requireRabbit")) {
                    throw new AssertionError("-Dmq.requireRabbit=true but RabbitMQ brokers are unavailable", unavailable);
                }
                org.junit.jupiter.api.Assumptions.abort("RabbitMQ brokers are not available here: "
                        + unavailable.getMessage());
                return;
            }
            amqp = endpoint(awaitRunning(mq, id), "amqp");
            publish(amqp, 0, 20);
            mq.rebootBroker(r -> r.brokerId(id));
            assertThat(endpoint(awaitRunning(mq, id), "amqp")).isEqualTo(amqp);
            assertThat(take(amqp, 10)).containsExactlyElementsOf(bodies(0, 10));
            wharf.kill9();
        }
        try (WharfProcess wharf = WharfProcess.start(dataDir); MqClient mq = mq(wharf.endpoint())) {
            assertThat(endpoint(awaitRunning(mq, id), "amqp")).isEqualTo(amqp);
            assertThat(take(amqp, 11)).as("the ten not taken before the crash, and nothing more")
                    .containsExactlyElementsOf(bodies(10, 20));
            mq.deleteBroker(r -> r.brokerId(id));
            for (int i = 0; i < WAIT_SECONDS * 10 && !mq.listBrokers(r -> { }).brokerSummaries().isEmpty(); i++) {
                Thread.sleep(100); // the node stops before Wharf does
            }
        }
    }

    private static List<String> bodies(int from, int to) {
        List<String> bodies = new ArrayList<>();
        for (int i = from; i < to; i++) {
            bodies.add("payment-" + i);
        }
        return bodies;
    }

    private static ConnectionFactory rabbit(String amqp) throws Exception {
        ConnectionFactory factory = new ConnectionFactory();
        factory.setUri(amqp);
        factory.setUsername("app");
        factory.setPassword(PASSWORD);
        return factory;
    }

    /** Publishes persistent messages to a durable queue and waits for the broker's confirms. */
    private static void publish(String amqp, int from, int to) throws Exception {
        try (Connection connection = rabbit(amqp).newConnection(); Channel channel = connection.createChannel()) {
            channel.queueDeclare("payments", true, false, false, null);
            channel.confirmSelect();
            for (String body : bodies(from, to)) {
                channel.basicPublish("", "payments", MessageProperties.PERSISTENT_TEXT_PLAIN,
                        body.getBytes(StandardCharsets.UTF_8));
            }
            channel.waitForConfirmsOrDie(30_000);
        }
    }

    /** Takes (and acknowledges) up to {@code max} messages, in order. */
    private static List<String> take(String amqp, int max) throws Exception {
        List<String> got = new ArrayList<>();
        try (Connection connection = rabbit(amqp).newConnection(); Channel channel = connection.createChannel()) {
            GetResponse response;
            while (got.size() < max && (response = channel.basicGet("payments", false)) != null) {
                got.add(new String(response.getBody(), StandardCharsets.UTF_8));
                channel.basicAck(response.getEnvelope().getDeliveryTag(), false);
            }
        }
        return got;
    }
}
