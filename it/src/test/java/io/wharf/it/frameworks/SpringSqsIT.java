package io.wharf.it.frameworks;

import io.awspring.cloud.sqs.annotation.SqsListener;
import io.awspring.cloud.sqs.config.SqsBootstrapConfiguration;
import io.awspring.cloud.sqs.config.SqsMessageListenerContainerFactory;
import io.awspring.cloud.sqs.listener.SqsHeaders;
import io.awspring.cloud.sqs.operations.SendResult;
import io.awspring.cloud.sqs.operations.SqsTemplate;
import io.wharf.testkit.WharfServerExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.messaging.Message;
import org.springframework.messaging.handler.annotation.Header;
import software.amazon.awssdk.services.sqs.SqsAsyncClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Spring Cloud AWS SQS 3.4 in a plain Spring context (no Boot): the documented non-Boot set-up — the bootstrap
 * configuration, a {@code defaultSqsListenerContainerFactory} and an {@link SqsTemplate} over an async client whose
 * endpoint points at Wharf — with every other setting left at its default. {@code @SqsListener} methods consume a
 * standard queue (text and JSON payloads) and a FIFO queue; the template sends and receives on both kinds.
 */
class SpringSqsIT {
    private static final long BOUND_SECONDS = 10;
    private static final String STANDARD = "spring-standard";
    private static final String ORDERS = "spring-orders";
    private static final String FIFO = "spring-fifo.fifo";
    private static final String PULL = "spring-pull";
    private static final String PULL_FIFO = "spring-pull.fifo";

    @RegisterExtension
    static final WharfServerExtension WHARF = WharfServerExtension.builder().build();

    private static AnnotationConfigApplicationContext context;
    private static Listeners listeners;
    private static SqsTemplate template;

    /** What the listeners received, in the order they got it. */
    static final class Listeners {
        final BlockingQueue<String> standard = new LinkedBlockingQueue<>();
        final BlockingQueue<Order> orders = new LinkedBlockingQueue<>();
        final BlockingQueue<String> fifo = new LinkedBlockingQueue<>();

        @SqsListener(STANDARD)
        void onText(String body) {
            standard.add(body);
        }

        @SqsListener(ORDERS)
        void onOrder(Order order) {
            orders.add(order);
        }

        @SqsListener(FIFO)
        void onFifo(String body, @Header(SqsHeaders.MessageSystemAttributes.SQS_MESSAGE_GROUP_ID_HEADER) String group) {
            fifo.add(group + ":" + body);
        }
    }

    /** A JSON payload: Spring converts it with Jackson both ways. */
    record Order(String id, int quantity) {
    }

    @Configuration
    @Import(SqsBootstrapConfiguration.class)
    static class Application {
        static URI endpoint;

        @Bean(destroyMethod = "close")
        SqsAsyncClient sqsAsyncClient() {
            return FrameworkClients.sqsAsync(endpoint);
        }

        @Bean
        SqsMessageListenerContainerFactory<Object> defaultSqsListenerContainerFactory(SqsAsyncClient client) {
            return SqsMessageListenerContainerFactory.builder().sqsAsyncClient(client).build();
        }

        @Bean
        SqsTemplate sqsTemplate(SqsAsyncClient client) {
            return SqsTemplate.newTemplate(client);
        }

        @Bean
        Listeners listeners() {
            return new Listeners();
        }
    }

    @BeforeAll
    static void start() {
        SqsClient sqs = WHARF.sqs();
        for (String name : List.of(STANDARD, ORDERS, PULL)) {
            sqs.createQueue(r -> r.queueName(name));
        }
        for (String name : List.of(FIFO, PULL_FIFO)) {
            sqs.createQueue(r -> r.queueName(name).attributes(Map.of(QueueAttributeName.FIFO_QUEUE, "true",
                    QueueAttributeName.CONTENT_BASED_DEDUPLICATION, "true")));
        }
        Application.endpoint = WHARF.endpoint();
        context = new AnnotationConfigApplicationContext(Application.class);
        listeners = context.getBean(Listeners.class);
        template = context.getBean(SqsTemplate.class);
    }

    /** Deleting the queues first ends the listeners' waiting polls, so the containers stop at once. */
    @AfterAll
    static void stop() {
        if (context == null) {
            return;
        }
        SqsClient sqs = WHARF.sqs();
        try (QuietLoggers quiet = QuietLoggers.of("io.awspring.cloud.sqs")) {
            for (String name : List.of(STANDARD, ORDERS, FIFO, PULL, PULL_FIFO)) {
                sqs.deleteQueue(r -> r.queueUrl(sqs.getQueueUrl(q -> q.queueName(name)).queueUrl()));
            }
            context.close(); // returns once the containers stopped
        }
    }

    @Test
    void aListenerReceivesWhatTheTemplateSendsToAStandardQueue() throws Exception {
        SendResult<String> sent = template.send(STANDARD, "hello spring");
        assertThat(sent.messageId()).isNotNull();
        assertThat(listeners.standard.poll(BOUND_SECONDS, TimeUnit.SECONDS)).isEqualTo("hello spring");
        assertDrained(STANDARD);
    }

    @Test
    void aJsonPayloadArrivesAsTheListenersType() throws Exception {
        template.send(to -> to.queue(ORDERS).payload(new Order("o-1", 3)));
        assertThat(listeners.orders.poll(BOUND_SECONDS, TimeUnit.SECONDS)).isEqualTo(new Order("o-1", 3));
        assertDrained(ORDERS);
    }

    @Test
    void aFifoListenerReceivesARunOfOneGroupInOrder() throws Exception {
        int run = 12;
        for (int i = 0; i < run; i++) {
            int n = i;
            template.send(to -> to.queue(FIFO).payload("m" + n).messageGroupId("orders"));
        }
        List<String> got = new ArrayList<>();
        for (int i = 0; i < run; i++) {
            String next = listeners.fifo.poll(BOUND_SECONDS, TimeUnit.SECONDS);
            assertThat(next).as("message %d within %d s", i, BOUND_SECONDS).isNotNull();
            got.add(next);
        }
        assertThat(got).containsExactlyElementsOf(java.util.stream.IntStream.range(0, run)
                .mapToObj(i -> "orders:m" + i).toList());
        assertDrained(FIFO);
    }

    @Test
    void theTemplateReceivesFromAStandardQueueAndAcknowledges() {
        template.send(PULL, "pulled");
        Optional<Message<String>> got = template.receive(from -> from.queue(PULL)
                .pollTimeout(Duration.ofSeconds(BOUND_SECONDS)), String.class);
        assertThat(got).map(Message::getPayload).contains("pulled");
        assertDrained(PULL);
    }

    @Test
    void theTemplateReceivesAGroupInOrderFromAFifoQueue() {
        for (String body : List.of("f1", "f2", "f3")) {
            template.send(to -> to.queue(PULL_FIFO).payload(body).messageGroupId("g"));
        }
        List<String> got = new ArrayList<>();
        while (got.size() < 3) {
            var batch = template.receiveMany(from -> from.queue(PULL_FIFO).maxNumberOfMessages(10)
                    .pollTimeout(Duration.ofSeconds(BOUND_SECONDS)), String.class);
            assertThat(batch).as("received within %d s after %s", BOUND_SECONDS, got).isNotEmpty();
            batch.forEach(m -> got.add(m.getPayload()));
        }
        assertThat(got).containsExactly("f1", "f2", "f3");
        assertDrained(PULL_FIFO);
    }

    /** Nothing left, visible or in flight: what was handled was deleted. Deletes are asynchronous: bounded wait. */
    private static void assertDrained(String name) {
        SqsClient sqs = WHARF.sqs();
        String url = sqs.getQueueUrl(r -> r.queueName(name)).queueUrl();
        long giveUp = System.nanoTime() + TimeUnit.SECONDS.toNanos(BOUND_SECONDS);
        Map<String, String> counts;
        do {
            counts = sqs.getQueueAttributes(r -> r.queueUrl(url).attributeNames(
                    QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                    QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE)).attributesAsStrings();
        } while (!counts.values().stream().allMatch("0"::equals) && System.nanoTime() < giveUp && pause());
        assertThat(counts).as("messages left in %s", name).containsOnly(
                Map.entry("ApproximateNumberOfMessages", "0"), Map.entry("ApproximateNumberOfMessagesNotVisible", "0"));
    }

    private static boolean pause() {
        try {
            Thread.sleep(50);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
