package io.wharf.it.firehose;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.wharf.testkit.Clients;
import io.wharf.testkit.WharfServerExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.retry.RetryPolicy;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.services.firehose.FirehoseClient;
import software.amazon.awssdk.services.firehose.model.AmazonopensearchserviceIndexRotationPeriod;
import software.amazon.awssdk.services.firehose.model.HECEndpointType;
import software.amazon.awssdk.services.firehose.model.InvalidArgumentException;
import software.amazon.awssdk.services.firehose.model.Record;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The OpenSearch and Splunk destinations through a running server, with an HTTP server in the test acting as
 * OpenSearch's {@code _bulk} (failing the documents that contain "bad") and as Splunk's HEC.
 */
class FirehoseSearchSplunkIT {
    static final ObjectMapper JSON = new ObjectMapper();
    static final String ROLE = "arn:aws:iam::000000000000:role/firehose";
    static final RecordingSink SINK = new RecordingSink();
    static final List<Received> RECEIVED = new CopyOnWriteArrayList<>();
    static final HttpServer RECEIVER = receiver();
    /** The model wants https ClusterEndpoints: --opensearch-endpoint maps this one (and a DomainARN) to the test's. */
    static final String CLUSTER = "https://search-logs.us-east-1.es.amazonaws.com";
    static final String DOMAIN = "arn:aws:es:us-east-1:000000000000:domain/mapped";

    record Received(String path, String authorization, String contentType, String channel, String body) {
    }

    @RegisterExtension
    static final WharfServerExtension wharf = WharfServerExtension.builder()
            .configure(c -> c.firehoseSink(SINK).firehoseTransitionMillis(0).opensearchEndpoints(List.of(
                    CLUSTER + "=" + base() + "/search", DOMAIN + "=" + base() + "/domain"))).build();

    FirehoseClient firehose;

    static HttpServer receiver() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.createContext("/", FirehoseSearchSplunkIT::handle);
            server.start();
            return server;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void handle(HttpExchange exchange) throws IOException {
        String body;
        try (InputStream in = exchange.getRequestBody()) {
            body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        String path = exchange.getRequestURI().getPath();
        RECEIVED.add(new Received(path, exchange.getRequestHeaders().getFirst("Authorization"),
                exchange.getRequestHeaders().getFirst("Content-Type"),
                exchange.getRequestHeaders().getFirst("X-Splunk-Request-Channel"), body));
        ObjectNode answer = JSON.createObjectNode();
        if (path.endsWith("/_bulk")) {
            ArrayNode items = answer.put("took", 1).putArray("items");
            boolean errors = false;
            List<String> lines = body.lines().toList();
            for (int i = 1; i < lines.size(); i += 2) {
                ObjectNode index = items.addObject().putObject("index");
                if (lines.get(i).contains("bad")) {
                    errors = true;
                    index.put("status", 400).putObject("error").put("type", "mapper_parsing_exception")
                            .put("reason", "failed to parse");
                } else {
                    index.put("status", 201).put("result", "created");
                }
            }
            answer.put("errors", errors);
        } else if (path.equals("/services/collector/ack")) {
            answer.putObject("acks").put("1", true);
        } else {
            answer.put("text", "Success").put("code", 0).put("ackId", 1); // indexer acknowledgement on
        }
        byte[] bytes = answer.toString().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    @AfterAll
    static void stopReceiver() {
        RECEIVER.stop(0);
    }

    @BeforeEach
    void client() {
        firehose = FirehoseClient.builder().endpointOverride(wharf.endpoint()).region(Clients.REGION)
                .credentialsProvider(Clients.CREDENTIALS).httpClientBuilder(ApacheHttpClient.builder())
                .overrideConfiguration(o -> o.retryPolicy(RetryPolicy.none())).build();
    }

    @AfterEach
    void close() {
        firehose.close();
    }

    private static String base() {
        return "http://127.0.0.1:" + RECEIVER.getAddress().getPort();
    }

    private static List<Received> received(String path) {
        return RECEIVED.stream().filter(r -> r.path().equals(path)).toList();
    }

    @Test
    void openSearchBulkPartialFailureIsRetriedThenLandsInTheErrorPrefix() throws Exception {
        firehose.createDeliveryStream(r -> r.deliveryStreamName("to-search")
                .amazonopensearchserviceDestinationConfiguration(d -> d.roleARN(ROLE)
                        .clusterEndpoint(CLUSTER).indexName("logs")
                        .indexRotationPeriod(AmazonopensearchserviceIndexRotationPeriod.NO_ROTATION)
                        .bufferingHints(h -> h.sizeInMBs(1).intervalInSeconds(0))
                        .retryOptions(o -> o.durationInSeconds(2))
                        .s3Configuration(s -> s.roleARN(ROLE).bucketARN("arn:aws:s3:::search-failed")
                                .errorOutputPrefix("err/!{firehose:error-output-type}/"))));
        firehose.putRecordBatch(r -> r.deliveryStreamName("to-search").records(
                Record.builder().data(SdkBytes.fromUtf8String("{\"n\":1}")).build(),
                Record.builder().data(SdkBytes.fromUtf8String("{\"bad\":2}")).build(),
                Record.builder().data(SdkBytes.fromUtf8String("{\"n\":3}")).build()));
        Map<String, byte[]> objects = SINK.awaitObjects(1);
        String key = objects.keySet().stream().filter(k -> k.startsWith("search-failed/err/elasticsearch-failed/"))
                .findFirst().orElseThrow(() -> new AssertionError("no error object in " + objects.keySet()));
        List<Received> bulks = received("/search/_bulk");
        assertThat(bulks.size()).as("the failed document is retried").isGreaterThanOrEqualTo(2);
        assertThat(bulks.get(0).contentType()).isEqualTo("application/x-ndjson");
        List<String> first = bulks.get(0).body().lines().toList();
        assertThat(first).hasSize(6);
        assertThat(JSON.readTree(first.get(0)).path("index").path("_index").asText()).isEqualTo("logs");
        assertThat(first.get(1)).isEqualTo("{\"n\":1}");
        for (Received retry : bulks.subList(1, bulks.size())) {
            assertThat(retry.body().lines().toList()).hasSize(2).element(1).isEqualTo("{\"bad\":2}");
        }
        JsonNode record = JSON.readTree(new String(objects.get(key), StandardCharsets.UTF_8));
        assertThat(record.path("errorCode").asText()).isEqualTo("400");
        assertThat(record.path("errorMessage").asText()).contains("mapper_parsing_exception");
        assertThat(record.path("attemptsMade").asInt()).isEqualTo(bulks.size());
        assertThat(record.path("esIndexName").asText()).isEqualTo("logs");
        assertThat(new String(Base64.getDecoder().decode(record.path("rawData").asText()), StandardCharsets.UTF_8))
                .isEqualTo("{\"bad\":2}");
        assertThat(objects.keySet()).allMatch(k -> k.startsWith("search-failed/err/")); // FailedDocumentsOnly
    }

    @Test
    void splunkEventEndpointReceivesTheEventsWithTheToken() throws Exception {
        firehose.createDeliveryStream(r -> r.deliveryStreamName("to-splunk")
                .splunkDestinationConfiguration(d -> d.hecEndpoint(base()).hecEndpointType(HECEndpointType.EVENT)
                        .hecToken("0000-token")
                        .bufferingHints(h -> h.sizeInMBs(1).intervalInSeconds(0))
                        .s3Configuration(s -> s.roleARN(ROLE).bucketARN("arn:aws:s3:::splunk-failed"))));
        firehose.putRecordBatch(r -> r.deliveryStreamName("to-splunk").records(
                Record.builder().data(SdkBytes.fromUtf8String("{\"event\":\"one\"}")).build(),
                Record.builder().data(SdkBytes.fromUtf8String("{\"event\":\"two\"}")).build()));
        List<Received> events = List.of();
        for (int i = 0; i < 200 && events.isEmpty(); i++) {
            Thread.sleep(50);
            events = received("/services/collector/event");
        }
        assertThat(events).as("a POST to the HEC").hasSize(1);
        assertThat(events.get(0).authorization()).isEqualTo("Splunk 0000-token");
        assertThat(events.get(0).body()).isEqualTo("{\"event\":\"one\"}{\"event\":\"two\"}");
        List<Received> acks = List.of();
        for (int i = 0; i < 200 && acks.isEmpty(); i++) {
            Thread.sleep(50);
            acks = received("/services/collector/ack");
        }
        assertThat(acks).as("the ackId polled").hasSize(1);
        assertThat(JSON.readTree(acks.get(0).body())).isEqualTo(JSON.readTree("{\"acks\":[1]}"));
        assertThat(acks.get(0).channel()).isNotEmpty().isEqualTo(events.get(0).channel());
    }

    @Test
    void aMappedDomainArnIsDeliveredToAndAnUnmappedOneIsRefused() throws Exception {
        firehose.createDeliveryStream(r -> r.deliveryStreamName("by-domain")
                .elasticsearchDestinationConfiguration(d -> d.roleARN(ROLE).domainARN(DOMAIN).indexName("es")
                        .typeName("doc").bufferingHints(h -> h.sizeInMBs(1).intervalInSeconds(0))
                        .s3Configuration(s -> s.roleARN(ROLE).bucketARN("arn:aws:s3:::b"))));
        firehose.putRecord(r -> r.deliveryStreamName("by-domain")
                .record(Record.builder().data(SdkBytes.fromUtf8String("{\"d\":1}")).build()));
        List<Received> bulks = List.of();
        for (int i = 0; i < 200 && bulks.isEmpty(); i++) {
            Thread.sleep(50);
            bulks = received("/domain/_bulk");
        }
        assertThat(bulks).as("a _bulk to the mapped URL").hasSize(1);
        JsonNode action = JSON.readTree(bulks.get(0).body().lines().findFirst().orElseThrow()).path("index");
        assertThat(action.path("_index").asText()).startsWith("es-"); // OneDay by default
        assertThat(action.path("_type").asText()).isEqualTo("doc");
        assertThatThrownBy(() -> firehose.createDeliveryStream(r -> r.deliveryStreamName("no-endpoint")
                .amazonopensearchserviceDestinationConfiguration(d -> d.roleARN(ROLE)
                        .domainARN("arn:aws:es:us-east-1:000000000000:domain/unmapped").indexName("logs")
                        .s3Configuration(s -> s.roleARN(ROLE).bucketARN("arn:aws:s3:::b")))))
                .isInstanceOfSatisfying(InvalidArgumentException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(400);
                    assertThat(e.awsErrorDetails().errorMessage()).contains("ClusterEndpoint is required");
                });
    }
}
