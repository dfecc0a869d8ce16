package io.wharf.mq.broker.activemq;

import static io.wharf.mq.broker.activemq.Brokers.ALICE;
import static io.wharf.mq.broker.activemq.Brokers.ALICE_PASSWORD;
import static io.wharf.mq.broker.activemq.Brokers.BOB;
import static io.wharf.mq.broker.activemq.Brokers.BOB_PASSWORD;
import static io.wharf.mq.broker.activemq.Brokers.RUNTIME;
import static org.assertj.core.api.Assertions.assertThat;

import io.wharf.mq.broker.BrokerSpec;
import io.wharf.mq.broker.RunningBroker;
import jakarta.jms.Connection;
import jakarta.jms.DeliveryMode;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.apache.activemq.ActiveMQConnectionFactory;
import org.apache.qpid.jms.JmsConnectionFactory;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.MqttCallback;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What each protocol's clients keep across a broker restart: an AMQP durable subscription (Qpid JMS), an MQTT
 * persistent session with QoS 1 (Paho) and a persistent STOMP message on a queue.
 */
class DurableAcrossRestartTest {
    private static final long RECEIVE_MILLIS = 10_000;

    @TempDir
    Path dir;

    @Test
    void amqpDurableSubscriptionMqttSessionAndStompQueueSurviveARestart() throws Exception {
        BrokerSpec spec = Brokers.spec(dir.resolve("broker"), "SINGLE_INSTANCE", Map.of(), null, null);
        RunningBroker first = RUNTIME.start(spec);
        try {
            // subscribe while the broker runs, then go away
            try (Connection connection = amqp(first).createConnection(BOB, BOB_PASSWORD)) {
                connection.setClientID("amqp-client");
                Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
                session.createDurableSubscriber(session.createTopic("amqp-news"), "amqp-sub").close();
            }
            MqttClient subscriber = mqtt(first, "mqtt-persistent");
            subscriber.connect(mqttOptions(false));
            subscriber.subscribe("alerts/#", 1);
            subscriber.disconnect();
            subscriber.close();

            // publish while the subscribers are away
            try (Connection connection = new ActiveMQConnectionFactory(Brokers.endpoint(first, 0, "tcp"))
                    .createConnection(ALICE, ALICE_PASSWORD)) {
                Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
                MessageProducer producer = session.createProducer(session.createTopic("amqp-news"));
                producer.setDeliveryMode(DeliveryMode.PERSISTENT);
                producer.send(session.createTextMessage("for the durable amqp subscriber"));
            }
            MqttClient publisher = mqtt(first, "mqtt-publisher");
            publisher.connect(mqttOptions(true));
            publisher.publish("alerts/fire", "evacuate".getBytes(StandardCharsets.UTF_8), 1, false);
            publisher.disconnect();
            publisher.close();
            try (StompFrames stomp = new StompFrames(Brokers.endpoint(first, 0, "stomp"))) {
                assertThat(stomp.connect(ALICE, ALICE_PASSWORD).command()).isEqualTo("CONNECTED");
                stomp.send("SEND", Map.of("destination", "/queue/stomp-kept", "persistent", "true", "receipt", "r"),
                        "kept over stomp");
                assertThat(stomp.receive().command()).isEqualTo("RECEIPT");
            }
        } finally {
            first.close();
        }

        RunningBroker second = RUNTIME.start(Brokers.again(spec, first));
        try {
            try (Connection connection = amqp(second).createConnection(BOB, BOB_PASSWORD)) {
                connection.setClientID("amqp-client");
                connection.start();
                Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
                MessageConsumer consumer = session.createDurableSubscriber(session.createTopic("amqp-news"), "amqp-sub");
                assertThat(((TextMessage) consumer.receive(RECEIVE_MILLIS)).getText())
                        .isEqualTo("for the durable amqp subscriber");
            }

            BlockingQueue<String> arrived = new ArrayBlockingQueue<>(10);
            MqttClient subscriber = mqtt(second, "mqtt-persistent");
            subscriber.setCallback(new MqttCallback() {
                @Override
                public void connectionLost(Throwable cause) {
                }

                @Override
                public void messageArrived(String topic, MqttMessage message) {
                    arrived.add(topic + "=" + new String(message.getPayload(), StandardCharsets.UTF_8));
                }

                @Override
                public void deliveryComplete(IMqttDeliveryToken token) {
                }
            });
            try {
                subscriber.connect(mqttOptions(false));
                assertThat(arrived.poll(RECEIVE_MILLIS, TimeUnit.MILLISECONDS)).isEqualTo("alerts/fire=evacuate");
            } finally {
                subscriber.disconnect();
                subscriber.close();
            }

            try (StompFrames stomp = new StompFrames(Brokers.endpoint(second, 0, "stomp"))) {
                assertThat(stomp.connect(BOB, BOB_PASSWORD).command()).isEqualTo("CONNECTED");
                stomp.send("SUBSCRIBE", Map.of("id", "0", "destination", "/queue/stomp-kept", "ack", "auto"), "");
                StompFrames.Frame message = stomp.receive();
                assertThat(message.command()).isEqualTo("MESSAGE");
                assertThat(message.body()).isEqualTo("kept over stomp");
            }
        } finally {
            second.close();
        }
    }

    private static JmsConnectionFactory amqp(RunningBroker broker) {
        URI endpoint = Brokers.endpoint(broker, 0, "amqp");
        return new JmsConnectionFactory("amqp://" + endpoint.getHost() + ":" + endpoint.getPort());
    }

    private static MqttClient mqtt(RunningBroker broker, String clientId) throws Exception {
        URI endpoint = Brokers.endpoint(broker, 0, "mqtt");
        return new MqttClient("tcp://" + endpoint.getHost() + ":" + endpoint.getPort(), clientId, new MemoryPersistence());
    }

    private static MqttConnectOptions mqttOptions(boolean cleanSession) {
        MqttConnectOptions options = new MqttConnectOptions();
        options.setUserName(ALICE);
        options.setPassword(ALICE_PASSWORD.toCharArray());
        options.setCleanSession(cleanSession);
        options.setAutomaticReconnect(false);
        options.setConnectionTimeout(10);
        return options;
    }
}
