package io.wharf.it.frameworks;

import io.wharf.testkit.Clients;
import io.wharf.testkit.WharfServerExtension;
import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.aws2.sqs.Sqs2Constants;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Apache Camel 4.18's {@code aws2-sqs} component in a plain {@link DefaultCamelContext}: routes that produce to and
 * consume from Wharf's queues, standard and FIFO, configured only by the endpoint URI's connection options
 * ({@code overrideEndpoint}, {@code uriEndpointOverride}, the region and the keys); every other option is Camel's
 * default (delete after read, short polls every 500 ms, the exchange id as FIFO deduplication id).
 */
class CamelSqsIT {
    private static final long BOUND_MILLIS = 10_000;
    private static final String IN = "camel-in";
    private static final String RELAY_FROM = "camel-relay-from";
    private static final String RELAY_TO = "camel-relay-to";
    private static final String FIFO = "camel-orders.fifo";

    @RegisterExtension
    static final WharfServerExtension WHARF = WharfServerExtension.builder().build();

    private static CamelContext camel;
    private static ProducerTemplate producer;

    @BeforeAll
    static void start() throws Exception {
        SqsClient sqs = WHARF.sqs();
        for (String name : List.of(IN, RELAY_FROM, RELAY_TO)) {
            sqs.createQueue(r -> r.queueName(name));
        }
        sqs.createQueue(r -> r.queueName(FIFO).attributes(Map.of(QueueAttributeName.FIFO_QUEUE, "true")));
        camel = new DefaultCamelContext();
        camel.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:standard").to(sqs(IN));
                from(sqs(IN)).to("mock:standard");
                from(sqs(RELAY_FROM)).to(sqs(RELAY_TO));
                from("direct:fifo").to(sqs(FIFO) + "&messageGroupIdStrategy=usePropertyValue");
                from(sqs(FIFO)).to("mock:fifo");
            }
        });
        camel.start();
        producer = camel.createProducerTemplate();
    }

    @AfterAll
    static void stop() throws Exception {
        if (camel != null) {
            camel.close();
        }
    }

    /** An aws2-sqs endpoint URI with only the connection set: where Wharf is, the region and the keys. */
    private static String sqs(String queue) {
        return "aws2-sqs://" + queue + "?overrideEndpoint=true&uriEndpointOverride=" + WHARF.endpoint()
                + "&region=" + Clients.REGION.id() + "&accessKey=RAW(" + Clients.ACCESS_KEY_ID + ")&secretKey=RAW("
                + Clients.SECRET + ")";
    }

    @Test
    void aRouteProducesToAQueueAndAnotherConsumesFromIt() throws Exception {
        MockEndpoint consumed = camel.getEndpoint("mock:standard", MockEndpoint.class);
        consumed.expectedBodiesReceivedInAnyOrder("one", "two", "three");
        consumed.setResultWaitTime(BOUND_MILLIS);
        for (String body : List.of("one", "two", "three")) {
            producer.sendBody("direct:standard", body);
        }
        consumed.assertIsSatisfied();
        assertThat(consumed.getExchanges()).allSatisfy(e -> assertThat(e.getMessage()
                .getHeader(Sqs2Constants.MESSAGE_ID, String.class)).isNotBlank());
        assertDrained(IN);
    }

    @Test
    void aRouteRelaysMessagesFromOneQueueToAnother() {
        SqsClient sqs = WHARF.sqs();
        String from = sqs.getQueueUrl(r -> r.queueName(RELAY_FROM)).queueUrl();
        String to = sqs.getQueueUrl(r -> r.queueName(RELAY_TO)).queueUrl();
        sqs.sendMessage(r -> r.queueUrl(from).messageBody("relayed"));
        List<Message> got = sqs.receiveMessage(r -> r.queueUrl(to).waitTimeSeconds(10)).messages();
        assertThat(got).extracting(Message::body).containsExactly("relayed");
        sqs.deleteMessage(r -> r.queueUrl(to).receiptHandle(got.get(0).receiptHandle()));
        assertDrained(RELAY_FROM);
        assertDrained(RELAY_TO);
    }

    @Test
    void aFifoRouteProducesOneGroupAndTheConsumingRouteGetsItInOrder() throws Exception {
        List<String> bodies = IntStream.range(0, 6).mapToObj(i -> "order-" + i).toList();
        MockEndpoint consumed = camel.getEndpoint("mock:fifo", MockEndpoint.class);
        consumed.expectedBodiesReceived(bodies);
        consumed.setResultWaitTime(BOUND_MILLIS);
        for (String body : bodies) {
            producer.send("direct:fifo", exchange -> {
                exchange.setProperty(Sqs2Constants.MESSAGE_GROUP_ID_PROPERTY, "customer-7");
                exchange.getMessage().setBody(body);
            });
        }
        consumed.assertIsSatisfied();
        assertDrained(FIFO);
    }

    /** Nothing left, visible or in flight: Camel deleted what it read. Its deletes follow the exchange: bounded wait. */
    private static void assertDrained(String name) {
        SqsClient sqs = WHARF.sqs();
        String url = sqs.getQueueUrl(r -> r.queueName(name)).queueUrl();
        long giveUp = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(BOUND_MILLIS);
        Map<String, String> counts;
        while (true) {
            counts = sqs.getQueueAttributes(r -> r.queueUrl(url).attributeNames(
                    QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                    QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE)).attributesAsStrings();
            if (counts.values().stream().allMatch("0"::equals) || System.nanoTime() > giveUp) {
                break;
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        assertThat(counts).as("messages left in %s", name).containsOnly(
                Map.entry("ApproximateNumberOfMessages", "0"), Map.entry("ApproximateNumberOfMessagesNotVisible", "0"));
    }
}
