package io.wharf.it.frameworks;

import com.amazon.sqs.javamessaging.ProviderConfiguration;
import com.amazon.sqs.javamessaging.SQSConnection;
import com.amazon.sqs.javamessaging.SQSConnectionFactory;
import io.wharf.testkit.WharfServerExtension;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Amazon SQS Java Messaging Library (JMS 3, on the SDK v2) with its default {@link ProviderConfiguration}
 * (prefetch 1: the consumer's next 20 s long poll starts while the message it just handed out is still in flight).
 * The FIFO tests are the ones issue 14 found: before the fix the poll slept through the acknowledgement's delete,
 * so each message after the first took 20 s; here every {@code receive} is bounded by 10 s.
 */
class SqsJmsIT {
    private static final AtomicInteger COUNTER = new AtomicInteger();
    private static final long RECEIVE_BOUND_MILLIS = 10_000;

    @RegisterExtension
    static final WharfServerExtension WHARF = WharfServerExtension.builder().build();

    private SqsClient sqs;
    private SqsClient jmsClient;
    private SQSConnection connection;
    private final List<String> queues = new ArrayList<>();

    @BeforeEach
    void connect() throws Exception {
        sqs = WHARF.sqs();
        jmsClient = FrameworkClients.sqs(WHARF.endpoint());
        connection = new SQSConnectionFactory(new ProviderConfiguration(), jmsClient).createConnection();
    }

    /**
     * A consumer's close waits for its prefetch thread, which sits in a 20 s long poll (on AWS too): deleting the
     * test's queues first ends that poll at once (the server answers it with NonExistentQueue, which the library
     * logs), so each test ends in a moment instead of 20 s.
     */
    @AfterEach
    void close() throws Exception {
        try (QuietLoggers quiet = QuietLoggers.of("com.amazon.sqs.javamessaging")) {
            for (String name : queues) {
                sqs.deleteQueue(r -> r.queueUrl(sqs.getQueueUrl(q -> q.queueName(name)).queueUrl()));
            }
            connection.close(); // returns once the prefetch threads are done
        }
        jmsClient.close();
    }

    @Test
    void aProducerAndAConsumerExchangeTextMessagesWithTheirPropertiesOnAStandardQueue() throws Exception {
        String name = standardQueue();
        Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
        Queue queue = session.createQueue(name);
        MessageProducer producer = session.createProducer(queue);
        for (int i = 0; i < 5; i++) {
            TextMessage m = session.createTextMessage("hello " + i);
            m.setStringProperty("color", "blue");
            m.setIntProperty("index", i);
            m.setBooleanProperty("flag", i % 2 == 0);
            producer.send(m);
            assertThat(m.getJMSMessageID()).as("set by the send").startsWith("ID:");
        }
        MessageConsumer consumer = session.createConsumer(queue);
        connection.start();
        List<String> bodies = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            TextMessage m = (TextMessage) consumer.receive(RECEIVE_BOUND_MILLIS);
            assertThat(m).as("message %d", i).isNotNull();
            assertThat(m.getStringProperty("color")).isEqualTo("blue");
            int index = m.getIntProperty("index");
            assertThat(m.getBooleanProperty("flag")).isEqualTo(index % 2 == 0);
            assertThat(m.getText()).isEqualTo("hello " + index);
            assertThat(m.getIntProperty("JMSXDeliveryCount")).isEqualTo(1);
            bodies.add(m.getText());
        }
        assertThat(bodies).containsExactlyInAnyOrder("hello 0", "hello 1", "hello 2", "hello 3", "hello 4");
        // acknowledged (deleted) as they were received
        assertThat(count(name, QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES)).isZero();
        assertThat(count(name, QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE)).isZero();
    }

    @Test
    void aMessageListenerReceivesAndAcknowledgesOnAStandardQueue() throws Exception {
        String name = standardQueue();
        Session session = connection.createSession(false, Session.CLIENT_ACKNOWLEDGE);
        Queue queue = session.createQueue(name);
        List<String> seen = new CopyOnWriteArrayList<>();
        CountDownLatch all = new CountDownLatch(3);
        session.createConsumer(queue).setMessageListener(m -> {
            try {
                seen.add(((TextMessage) m).getText());
                m.acknowledge();
                all.countDown();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        connection.start();
        MessageProducer producer = session.createProducer(queue);
        for (String body : List.of("a", "b", "c")) {
            producer.send(session.createTextMessage(body));
        }
        assertThat(all.await(3 * RECEIVE_BOUND_MILLIS, TimeUnit.MILLISECONDS)).as("all three delivered").isTrue();
        assertThat(seen).containsExactlyInAnyOrder("a", "b", "c");
        assertThat(count(name, QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES)).isZero();
    }

    @Test
    void aFifoConsumerReceivesARunOfOneGroupInOrderWithoutStalls() throws Exception {
        runOfOneGroup(Session.AUTO_ACKNOWLEDGE); // acknowledges each message with DeleteMessage
    }

    @Test
    void aFifoConsumerAcknowledgingByHandReceivesARunOfOneGroupInOrderWithoutStalls() throws Exception {
        runOfOneGroup(Session.CLIENT_ACKNOWLEDGE); // acknowledges with DeleteMessageBatch
    }

    private void runOfOneGroup(int acknowledgeMode) throws Exception {
        String name = "jms-" + COUNTER.incrementAndGet() + ".fifo";
        sqs.createQueue(r -> r.queueName(name).attributes(Map.of(QueueAttributeName.FIFO_QUEUE, "true")));
        queues.add(name);
        Session session = connection.createSession(false, acknowledgeMode);
        Queue queue = session.createQueue(name);
        MessageProducer producer = session.createProducer(queue);
        int run = 8;
        for (int i = 0; i < run; i++) {
            TextMessage m = session.createTextMessage("m" + i);
            m.setStringProperty("JMSXGroupID", "orders");
            m.setStringProperty("JMS_SQS_DeduplicationId", "dedup-" + i);
            producer.send(m);
        }
        MessageConsumer consumer = session.createConsumer(queue);
        connection.start();
        String previousSequence = "";
        for (int i = 0; i < run; i++) {
            Message m = consumer.receive(RECEIVE_BOUND_MILLIS);
            assertThat(m).as("message %d within %d ms", i, RECEIVE_BOUND_MILLIS).isNotNull();
            assertThat(((TextMessage) m).getText()).isEqualTo("m" + i);
            assertThat(m.getStringProperty("JMSXGroupID")).isEqualTo("orders");
            assertThat(m.getStringProperty("JMS_SQS_DeduplicationId")).isEqualTo("dedup-" + i);
            String sequence = m.getStringProperty("JMS_SQS_SequenceNumber");
            assertThat(sequence).isGreaterThan(previousSequence); // both 20 digits
            previousSequence = sequence;
            if (acknowledgeMode == Session.CLIENT_ACKNOWLEDGE) {
                m.acknowledge();
            }
        }
        assertThat(count(name, QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES)).isZero();
        assertThat(count(name, QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE)).isZero();
    }

    private String standardQueue() {
        String name = "jms-" + COUNTER.incrementAndGet();
        sqs.createQueue(r -> r.queueName(name));
        queues.add(name);
        return name;
    }

    private int count(String name, QueueAttributeName attribute) {
        String url = sqs.getQueueUrl(r -> r.queueName(name)).queueUrl();
        return Integer.parseInt(sqs.getQueueAttributes(r -> r.queueUrl(url).attributeNames(attribute))
                .attributesAsStrings().get(attribute.toString()));
    }
}
