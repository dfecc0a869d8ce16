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
import software.amazon.awssdk.services.firehose.model.DeliveryStreamType;
import software.amazon.awssdk.services.firehose.model.HttpEndpointS3BackupMode;
import software.amazon.awssdk.services.firehose.model.ProcessorParameterName;
import software.amazon.awssdk.services.firehose.model.ProcessorType;
import software.amazon.awssdk.services.firehose.model.Record;
import software.amazon.awssdk.services.kinesis.KinesisClient;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.zip.GZIPInputStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Delivery end to end through a running server: Kinesis stream → Firehose with dynamic partitioning (jq) → objects;
 * an HTTP endpoint destination and a Lambda processor served by an HTTP server in the test.
 */
class FirehoseDeliveryIT {
    static final ObjectMapper JSON = new ObjectMapper();
    static final String ROLE = "arn:aws:iam::000000000000:role/firehose";
    static final String LAMBDA = "arn:aws:lambda:us-east-1:000000000000:function:upper";
    static final RecordingSink SINK = new RecordingSink();
    static final List<Received> RECEIVED = new CopyOnWriteArrayList<>();
    static final HttpServer RECEIVER = receiver();

    record Received(String path, Map<String, String> headers, JsonNode body) {
    }

    @RegisterExtension
    static final WharfServerExtension wharf = WharfServerExtension.builder()
            .configure(c -> c.firehoseSink(SINK).firehoseTransitionMillis(0).kinesisTransitionMillis(0)
                    .lambdaEndpoints(List.of(LAMBDA + "=http://127.0.0.1:" + RECEIVER.getAddress().getPort()
                            + "/lambda"))).build();

    FirehoseClient firehose;

    static HttpServer receiver() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.createContext("/", FirehoseDeliveryIT::handle);
            server.start();
            return server;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void handle(HttpExchange exchange) throws IOException {
        byte[] raw;
        try (InputStream in = exchange.getRequestBody()) {
            raw = in.readAllBytes();
        }
        Map<String, String> headers = new ConcurrentHashMap<>();
        exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(), v.get(0)));
        if ("gzip".equals(headers.get("content-encoding"))) {
            raw = new GZIPInputStream(new java.io.ByteArrayInputStream(raw)).readAllBytes();
        }
        JsonNode body = JSON.readTree(raw);
        RECEIVED.add(new Received(exchange.getRequestURI().getPath(), headers, body));
        ObjectNode answer = JSON.createObjectNode();
        if (exchange.getRequestURI().getPath().equals("/lambda")) {
            ArrayNode records = answer.putArray("records");
            for (JsonNode r : body.path("records")) {
                String data = new String(Base64.getDecoder().decode(r.path("data").asText()), StandardCharsets.UTF_8);
                records.addObject().put("recordId", r.path("recordId").asText()).put("result", "Ok")
                        .put("data", Base64.getEncoder().encodeToString((data.toUpperCase() + "\n")
                                .getBytes(StandardCharsets.UTF_8)));
            }
        } else {
            answer.put("requestId", body.path("requestId").asText()).put("timestamp", System.currentTimeMillis());
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

    @Test
    void kinesisStreamThroughDynamicPartitioningIntoObjects() throws Exception {
        try (KinesisClient kinesis = Clients.kinesisJson(wharf.endpoint())) {
            kinesis.createStream(r -> r.streamName("orders").shardCount(2));
            String streamArn = kinesis.describeStreamSummary(r -> r.streamName("orders")).streamDescriptionSummary()
                    .streamARN();
            firehose.createDeliveryStream(r -> r.deliveryStreamName("orders-to-s3")
                    .deliveryStreamType(DeliveryStreamType.KINESIS_STREAM_AS_SOURCE)
                    .kinesisStreamSourceConfiguration(k -> k.kinesisStreamARN(streamArn).roleARN(ROLE))
                    .extendedS3DestinationConfiguration(d -> d.roleARN(ROLE).bucketARN("arn:aws:s3:::lake")
                            .prefix("orders/customer=!{partitionKeyFromQuery:customer}/")
                            .errorOutputPrefix("errors/!{firehose:error-output-type}/")
                            .bufferingHints(h -> h.sizeInMBs(64).intervalInSeconds(0))
                            .dynamicPartitioningConfiguration(p -> p.enabled(true))
                            .processingConfiguration(p -> p.enabled(true).processors(
                                    pr -> pr.type(ProcessorType.METADATA_EXTRACTION).parameters(
                                            pp -> pp.parameterName(ProcessorParameterName.METADATA_EXTRACTION_QUERY)
                                                    .parameterValue("{customer: .customer}"),
                                            pp -> pp.parameterName(ProcessorParameterName.JSON_PARSING_ENGINE)
                                                    .parameterValue("JQ-1.6")),
                                    pr -> pr.type(ProcessorType.APPEND_DELIMITER_TO_RECORD)))));
            for (int i = 0; i < 6; i++) {
                String json = "{\"customer\":\"" + (i % 2 == 0 ? "even" : "odd") + "\",\"n\":" + i + "}";
                kinesis.putRecord(r -> r.streamName("orders").partitionKey(json).data(SdkBytes.fromUtf8String(json)));
            }
            StringBuilder even = new StringBuilder();
            StringBuilder odd = new StringBuilder();
            for (int attempt = 0; attempt < 200 && (count(even) < 3 || count(odd) < 3); attempt++) {
                Thread.sleep(50);
                even.setLength(0);
                odd.setLength(0);
                SINK.objects.forEach((key, bytes) -> {
                    if (key.startsWith("lake/orders/customer=even/orders-to-s3-1-")) {
                        even.append(new String(bytes, StandardCharsets.UTF_8));
                    } else if (key.startsWith("lake/orders/customer=odd/orders-to-s3-1-")) {
                        odd.append(new String(bytes, StandardCharsets.UTF_8));
                    }
                });
            }
            assertThat(even.toString().lines().sorted()).containsExactly("{\"customer\":\"even\",\"n\":0}",
                    "{\"customer\":\"even\",\"n\":2}", "{\"customer\":\"even\",\"n\":4}");
            assertThat(odd.toString().lines().sorted()).containsExactly("{\"customer\":\"odd\",\"n\":1}",
                    "{\"customer\":\"odd\",\"n\":3}", "{\"customer\":\"odd\",\"n\":5}");
        }
    }

    @Test
    void snsFirehoseSubscriptionsDeliverRawAndEnveloped() throws Exception {
        for (String name : List.of("from-sns-raw", "from-sns-json")) {
            firehose.createDeliveryStream(r -> r.deliveryStreamName(name)
                    .extendedS3DestinationConfiguration(d -> d.roleARN(ROLE).bucketARN("arn:aws:s3:::sns")
                            .prefix(name + "/").bufferingHints(h -> h.sizeInMBs(1).intervalInSeconds(0))));
        }
        String streamArn = "arn:aws:firehose:us-east-1:000000000000:deliverystream/from-sns-";
        try (var sns = Clients.sns(wharf.endpoint())) {
            String topic = sns.createTopic(r -> r.name("to-firehose")).topicArn();
            sns.subscribe(r -> r.topicArn(topic).protocol("firehose").endpoint(streamArn + "raw")
                    .attributes(Map.of("SubscriptionRoleArn", ROLE, "RawMessageDelivery", "true")));
            sns.subscribe(r -> r.topicArn(topic).protocol("firehose").endpoint(streamArn + "json")
                    .attributes(Map.of("SubscriptionRoleArn", ROLE)));
            sns.publish(r -> r.topicArn(topic).message("hello firehose"));
        }
        List<String> records = new java.util.ArrayList<>();
        for (int attempt = 0; attempt < 200 && records.size() < 2; attempt++) {
            Thread.sleep(50);
            records.clear();
            SINK.objects.forEach((key, bytes) -> {
                if (key.startsWith("sns/")) {
                    records.add(new String(bytes, StandardCharsets.UTF_8));
                }
            });
        }
        assertThat(records).hasSize(2);
        String raw = SINK.objects.entrySet().stream().filter(e -> e.getKey().startsWith("sns/from-sns-raw/"))
                .map(e -> new String(e.getValue(), StandardCharsets.UTF_8)).findFirst().orElseThrow();
        assertThat(raw).isEqualTo("hello firehose");
        String envelope = SINK.objects.entrySet().stream().filter(e -> e.getKey().startsWith("sns/from-sns-json/"))
                .map(e -> new String(e.getValue(), StandardCharsets.UTF_8)).findFirst().orElseThrow();
        JsonNode json = JSON.readTree(envelope);
        assertThat(json.path("Type").asText()).isEqualTo("Notification");
        assertThat(json.path("Message").asText()).isEqualTo("hello firehose");
        assertThat(json.path("TopicArn").asText()).endsWith(":to-firehose");
    }

    private static int count(StringBuilder lines) {
        return (int) lines.toString().lines().count();
    }

    @Test
    void httpEndpointReceivesAwsRequestsAfterTheLambdaTransformed() throws Exception {
        String url = "http://127.0.0.1:" + RECEIVER.getAddress().getPort() + "/ingest?token=1";
        firehose.createDeliveryStream(r -> r.deliveryStreamName("to-http")
                .httpEndpointDestinationConfiguration(d -> d
                        .endpointConfiguration(e -> e.url(url).name("receiver").accessKey("the-key"))
                        .bufferingHints(h -> h.sizeInMBs(1).intervalInSeconds(0))
                        .requestConfiguration(q -> q.contentEncoding("GZIP")
                                .commonAttributes(a -> a.attributeName("env").attributeValue("it")))
                        .s3BackupMode(HttpEndpointS3BackupMode.FAILED_DATA_ONLY)
                        .processingConfiguration(p -> p.enabled(true).processors(pr -> pr.type(ProcessorType.LAMBDA)
                                .parameters(pp -> pp.parameterName(ProcessorParameterName.LAMBDA_ARN)
                                        .parameterValue(LAMBDA))))
                        .s3Configuration(s -> s.roleARN(ROLE).bucketARN("arn:aws:s3:::failed"))));
        firehose.putRecordBatch(r -> r.deliveryStreamName("to-http").records(
                Record.builder().data(SdkBytes.fromUtf8String("a")).build(),
                Record.builder().data(SdkBytes.fromUtf8String("b")).build()));
        Received delivery = null;
        for (int attempt = 0; attempt < 200 && delivery == null; attempt++) {
            Thread.sleep(50);
            delivery = RECEIVED.stream().filter(r -> r.path().equals("/ingest")).findFirst().orElse(null);
        }
        assertThat(delivery).as("a POST to the endpoint").isNotNull();
        Received lambda = RECEIVED.stream().filter(r -> r.path().equals("/lambda")).findFirst().orElseThrow();
        assertThat(lambda.body().path("deliveryStreamArn").asText())
                .isEqualTo("arn:aws:firehose:us-east-1:000000000000:deliverystream/to-http");
        assertThat(delivery.headers()).containsEntry("x-amz-firehose-access-key", "the-key")
                .containsEntry("x-amz-firehose-protocol-version", "1.0")
                .containsEntry("content-encoding", "gzip")
                .containsEntry("x-amz-firehose-common-attributes", "{\"commonAttributes\":{\"env\":\"it\"}}");
        assertThat(delivery.body().path("requestId").asText())
                .isEqualTo(delivery.headers().get("x-amz-firehose-request-id"));
        List<String> data = new java.util.ArrayList<>();
        delivery.body().path("records").forEach(r -> data.add(new String(Base64.getDecoder()
                .decode(r.path("data").asText()), StandardCharsets.UTF_8)));
        assertThat(data).containsExactly("A\n", "B\n");
    }
}
