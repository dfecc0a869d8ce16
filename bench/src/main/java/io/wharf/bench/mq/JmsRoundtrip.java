package io.wharf.bench.mq;

import io.wharf.bench.measure.Latency;
import io.wharf.bench.measure.Percentiles;
import io.wharf.bench.measure.Result;
import io.wharf.bench.measure.Window;
import io.wharf.bench.scenario.Failures;
import io.wharf.bench.scenario.Pacing;
import io.wharf.bench.scenario.Scenario;
import io.wharf.bench.scenario.ScenarioSettings;
import io.wharf.bench.scenario.Workers;
import jakarta.jms.BytesMessage;
import jakarta.jms.Connection;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import org.apache.activemq.ActiveMQConnection;
import org.apache.activemq.ActiveMQConnectionFactory;
import org.apache.activemq.command.ActiveMQQueue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;

/**
 * {@code mq-jms}: P producers and C consumers on one fresh queue of an ActiveMQ broker, over OpenWire with ActiveMQ's
 * own JMS client (each on its own connection and session, auto-acknowledge, the client's defaults otherwise: a queue
 * prefetch of 1,000). Every message is {@link DeliveryMode#PERSISTENT}, so each send returns once the broker has it in
 * its store (ActiveMQ sends persistent messages outside a transaction synchronously). A message counts when a consumer
 * receives it; its send-to-receive latency comes from a stamp in a message property ({@code System.nanoTime()} of this
 * process). Producers pause while sent − received exceeds the backlog cap, as in {@code sqs-roundtrip}; with a rate,
 * they take turns on a shared schedule and stamp the moment each message was <em>due</em>.
 * <p>
 * The queue is destroyed at the end (OpenWire's remove-destination, with whatever is left in it).
 */
public final class JmsRoundtrip implements Scenario {
    static final String NAME = "mq-jms";
    /** The stamp's property; JMS property names are Java identifiers. */
    static final String STAMP = "wharfBenchSentNanos";
    private static final long BACKLOG_PAUSE_NANOS = 100_000;
    private static final long RECEIVE_WAIT_MILLIS = 100;

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Result run(ScenarioSettings settings) throws InterruptedException {
        BrokerSettings broker = settings.broker();
        if (broker.url() == null) {
            throw new IllegalArgumentException(NAME + " needs a broker: --broker-url tcp://HOST:PORT --broker-user USER "
                    + "(password in $WHARF_BENCH_BROKER_PASSWORD or --broker-password)");
        }
        Window window = new Window(settings.warmup(), settings.duration(), settings.serverPid());
        Latency endToEnd = new Latency("send-to-receive", window);
        Latency send = new Latency("send", window);
        AtomicLong sent = new AtomicLong();
        AtomicLong received = new AtomicLong();
        LongAdder delivered = new LongAdder();
        Failures failures = new Failures();
        int rate = settings.ratePerSecond();
        Pacing pacing = new Pacing(rate, 1);
        byte[] body = new byte[settings.bodyBytes()];
        Arrays.fill(body, (byte) 'x');
        ActiveMQQueue queue = new ActiveMQQueue("wharf-bench." + NAME + "." + UUID.randomUUID().toString().substring(0, 8));
        ActiveMQConnectionFactory factory = new ActiveMQConnectionFactory(broker.username(), broker.password(),
                broker.url().toString());
        List<Connection> connections = new ArrayList<>();
        boolean connected = false; // every connection authenticated: the queue may exist from here on
        try {
            List<MessageProducer> producers = new ArrayList<>();
            List<Session> producerSessions = new ArrayList<>();
            for (int i = 0; i < settings.producers(); i++) {
                Session session = open(factory, connections).createSession(false, Session.AUTO_ACKNOWLEDGE);
                MessageProducer producer = session.createProducer(queue);
                producer.setDeliveryMode(DeliveryMode.PERSISTENT);
                producers.add(producer);
                producerSessions.add(session);
            }
            List<MessageConsumer> consumers = new ArrayList<>();
            for (int i = 0; i < settings.consumers(); i++) {
                Connection connection = open(factory, connections);
                consumers.add(connection.createSession(false, Session.AUTO_ACKNOWLEDGE).createConsumer(queue));
                connection.start();
            }
            connected = true;
            Workers workers = new Workers();
            for (int i = 0; i < producers.size(); i++) {
                MessageProducer producer = producers.get(i);
                Session session = producerSessions.get(i);
                workers.start(NAME + "-producer-" + i, () -> {
                    while (!window.stopped()) {
                        long due = pacing.awaitNextTick(window);
                        while (sent.get() - received.get() > settings.backlogCap() && !window.stopped()) {
                            LockSupport.parkNanos(BACKLOG_PAUSE_NANOS);
                        }
                        if (window.stopped()) {
                            return;
                        }
                        long start = System.nanoTime();
                        try {
                            BytesMessage message = session.createBytesMessage();
                            message.writeBytes(body);
                            message.setLongProperty(STAMP, pacing.fixedRate() ? due : start);
                            producer.send(message);
                            send.recordSince(start);
                            sent.incrementAndGet();
                        } catch (JMSException | RuntimeException e) {
                            failures.record(e);
                        }
                    }
                });
            }
            for (int i = 0; i < consumers.size(); i++) {
                MessageConsumer consumer = consumers.get(i);
                workers.start(NAME + "-consumer-" + i, () -> {
                    while (!window.stopped()) {
                        try {
                            Message message = consumer.receive(RECEIVE_WAIT_MILLIS);
                            if (message == null) {
                                continue;
                            }
                            long now = System.nanoTime();
                            received.incrementAndGet();
                            if (message.propertyExists(STAMP)) {
                                endToEnd.recordNanos(now - message.getLongProperty(STAMP));
                            }
                            if (window.measuring()) {
                                delivered.increment();
                            }
                        } catch (JMSException | RuntimeException e) {
                            failures.record(e);
                        }
                    }
                });
            }
            window.runToEnd();
            workers.awaitAll(Duration.ofSeconds(10));
        } catch (JMSException e) {
            window.abort();
            throw new IllegalStateException("the broker at " + broker.url() + " failed before the run could start: "
                    + e.getMessage(), e);
        } finally {
            closeAll(connections);
            if (connected) {
                destroy(factory, queue, broker);
            }
        }
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put("producers", Integer.toString(settings.producers()));
        parameters.put("consumers", Integer.toString(settings.consumers()));
        parameters.put("backlogCap", Integer.toString(settings.backlogCap()));
        parameters.put("rate", rate > 0 ? Integer.toString(rate) : "full");
        parameters.put("bodyBytes", Integer.toString(settings.bodyBytes()));
        parameters.putAll(pacing.figures(window));
        parameters.put("deliveryMode", "persistent");
        parameters.put("broker", broker.url().toString());
        Map<String, Percentiles> latencies = new LinkedHashMap<>();
        latencies.put(endToEnd.name(), endToEnd.percentiles());
        latencies.put(send.name(), send.percentiles());
        return new Result(name(), settings.target(), parameters, window.measuredSeconds(), delivered.sum(),
                failures.count(), failures.first(), endToEnd.name(), latencies,
                window.serverCpuMillis(), window.clientCpuMillis(), window.loadAverage());
    }

    private static Connection open(ActiveMQConnectionFactory factory, List<Connection> connections) throws JMSException {
        Connection connection = factory.createConnection();
        connections.add(connection);
        return connection;
    }

    private static void closeAll(List<Connection> connections) {
        for (Connection connection : connections) {
            try {
                connection.close();
            } catch (JMSException e) {
                // the broker went away: nothing left to close
            }
        }
    }

    /** Removes the run's queue and what is left in it, so runs don't pile up in the broker's store. */
    private static void destroy(ActiveMQConnectionFactory factory, ActiveMQQueue queue, BrokerSettings broker) {
        try (ActiveMQConnection connection = (ActiveMQConnection) factory.createConnection()) {
            connection.destroyDestination(queue);
        } catch (JMSException e) {
            System.err.println("wharf-bench: could not remove the queue " + queue.getPhysicalName() + " from "
                    + broker.url() + ": " + e.getMessage());
        }
    }
}
