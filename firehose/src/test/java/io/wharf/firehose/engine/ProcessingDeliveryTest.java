package io.wharf.firehose.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wharf.firehose.DeliveryFailure;
import io.wharf.firehose.FirehoseSettings;
import io.wharf.firehose.OutboundHttp;
import io.wharf.protocol.crypto.DataKeys;
import io.wharf.storage.MemoryStore;
import io.wharf.testing.ManualClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.zip.GZIPInputStream;

import static io.wharf.firehose.engine.FirehoseEngineTest.ACCOUNT;
import static io.wharf.firehose.engine.FirehoseEngineTest.REGION;
import static io.wharf.firehose.engine.FirehoseEngineTest.START;
import static org.assertj.core.api.Assertions.assertThat;

/** The processing chain and the destinations that are not plain S3: partitioning, Lambda, errors, HTTP endpoint. */
class ProcessingDeliveryTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final String LAMBDA = "arn:aws:lambda:us-east-1:000000000000:function:transform";

    final ManualClock clock = new ManualClock(START);
    final FirehoseEngineTest.Sink sink = new FirehoseEngineTest.Sink();
    final List<Call> calls = new ArrayList<>();
    Function<Call, OutboundHttp.Response> answer = c -> new OutboundHttp.Response(500, new byte[0], null);
    FirehoseEngine engine;

    record Call(URI url, Map<String, String> headers, byte[] body) {
        JsonNode json() {
            try {
                byte[] bytes = "gzip".equals(headers.get("Content-Encoding"))
                        ? new GZIPInputStream(new ByteArrayInputStream(body)).readAllBytes() : body;
                return JSON.readTree(bytes);
            } catch (IOException e) {
                throw new AssertionError(e);
            }
        }
    }

    FirehoseEngine engine() {
        OutboundHttp http = (url, headers, body, timeout) -> {
            Call call = new Call(url, headers, body);
            calls.add(call);
            OutboundHttp.Response response = answer.apply(call);
            if (response == null) {
                throw new DeliveryFailure("HttpEndpoint.ConnectionFailed", "refused");
            }
            return response;
        };
        engine = new FirehoseEngine(new MemoryStore(), clock, new FirehoseSettings(0, 5000,
                Map.of(LAMBDA, "http://127.0.0.1:1/transform")), DataKeys.NONE, sink, http, false);
        return engine;
    }

    @AfterEach
    void close() {
        if (engine != null) {
            engine.close();
        }
    }

    static ObjectNode processor(ArrayNode processors, String type, String... parameters) {
        ObjectNode p = processors.addObject().put("Type", type);
        ArrayNode list = p.putArray("Parameters");
        for (int i = 0; i < parameters.length; i += 2) {
            list.addObject().put("ParameterName", parameters[i]).put("ParameterValue", parameters[i + 1]);
        }
        return p;
    }

    void create(String name, String member, ObjectNode destination) {
        engine.create(new FirehoseEngine.CreateCommand(name, ACCOUNT, REGION, null, null, null, member, destination,
                null, null, Map.of()));
    }

    void put(String name, String... records) {
        List<byte[]> data = new ArrayList<>();
        for (String r : records) {
            data.add(r.getBytes(StandardCharsets.UTF_8));
        }
        engine.put(name, ACCOUNT, REGION, data);
    }

    @Test
    void dynamicPartitioningWithJqDeaggregationAndDelimiter() throws IOException {
        engine();
        ObjectNode d = FirehoseEngineTest.s3(64, 0)
                .put("Prefix", "customer=!{partitionKeyFromQuery:customer}/year=!{timestamp:yyyy}/")
                .put("ErrorOutputPrefix", "errors/!{firehose:error-output-type}/");
        d.putObject("DynamicPartitioningConfiguration").put("Enabled", true);
        ArrayNode processors = d.putObject("ProcessingConfiguration").put("Enabled", true).putArray("Processors");
        processor(processors, "RecordDeAggregation", "SubRecordType", "JSON");
        processor(processors, "MetadataExtraction", "MetadataExtractionQuery", "{customer: .customer_id}",
                "JsonParsingEngine", "JQ-1.6");
        processor(processors, "AppendDelimiterToRecord");
        create("dp", "ExtendedS3DestinationConfiguration", d);
        put("dp", "{\"customer_id\":\"a\",\"n\":1}{\"customer_id\":\"b\",\"n\":2}", "{\"customer_id\":\"a\",\"n\":3}",
                "not json");
        assertThat(engine.deliverDue()).isEqualTo(1);
        Map<String, String> objects = sink.objects;
        assertThat(objects).hasSize(3);
        String a = key("customer=a/year=2018/dp-1-2018-08-27-10-30-00-");
        String b = key("customer=b/year=2018/dp-1-2018-08-27-10-30-00-");
        String error = key("errors/processing-failed/2018/08/27/10/dp-1-");
        assertThat(objects.get(a)).isEqualTo("{\"customer_id\":\"a\",\"n\":1}\n{\"customer_id\":\"a\",\"n\":3}\n");
        assertThat(objects.get(b)).isEqualTo("{\"customer_id\":\"b\",\"n\":2}\n");
        JsonNode errorRecord = JSON.readTree(objects.get(error).lines().findFirst().orElseThrow());
        assertThat(errorRecord.path("errorCode").asText()).isEqualTo("Firehose.RecordDeAggregationFailed");
        assertThat(new String(Base64.getDecoder().decode(errorRecord.path("rawData").asText()), StandardCharsets.UTF_8))
                .isEqualTo("not json");
        assertThat(errorRecord.path("arrivalTimestamp").asLong()).isEqualTo(START);
    }

    @Test
    void aDelimiterThatIsNotBase64IsRefusedAtCreateAndABase64OneIsUsed() throws IOException {
        engine();
        ObjectNode bad = FirehoseEngineTest.s3(64, 0).put("Prefix", "bad/");
        processor(bad.putObject("ProcessingConfiguration").put("Enabled", true).putArray("Processors"),
                "AppendDelimiterToRecord", "Delimiter", "\\n");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> create("bad", "ExtendedS3DestinationConfiguration", bad))
                .isInstanceOfSatisfying(io.wharf.protocol.AwsException.class, e -> {
                    assertThat(e.type()).isEqualTo("InvalidArgumentException");
                    assertThat(e.getMessage()).contains("base64");
                });
        ObjectNode good = FirehoseEngineTest.s3(64, 0).put("Prefix", "good/");
        processor(good.putObject("ProcessingConfiguration").put("Enabled", true).putArray("Processors"),
                "AppendDelimiterToRecord", "Delimiter", "fHw="); // "||"
        create("good", "ExtendedS3DestinationConfiguration", good);
        put("good", "a", "b");
        assertThat(engine.deliverDue()).isEqualTo(1);
        assertThat(sink.objects.values()).containsExactly("a||b||");
    }

    @Test
    void lambdaTransformsDropsAndFailsRecordsAndGivesPartitionKeys() throws IOException {
        engine();
        answer = call -> {
            JsonNode event = call.json();
            ObjectNode response = JSON.createObjectNode();
            ArrayNode records = response.putArray("records");
            for (JsonNode r : event.path("records")) {
                String data = new String(Base64.getDecoder().decode(r.path("data").asText()), StandardCharsets.UTF_8);
                ObjectNode out = records.addObject().put("recordId", r.path("recordId").asText());
                switch (data) {
                    case "drop" -> out.put("result", "Dropped");
                    case "fail" -> out.put("result", "ProcessingFailed").put("data", r.path("data").asText());
                    default -> {
                        out.put("result", "Ok").put("data", Base64.getEncoder().encodeToString(
                                data.toUpperCase().getBytes(StandardCharsets.UTF_8)));
                        out.putObject("metadata").putObject("partitionKeys").put("kind", data.substring(0, 1));
                    }
                }
            }
            return new OutboundHttp.Response(200, response.toString().getBytes(StandardCharsets.UTF_8),
                    "application/json");
        };
        ObjectNode d = FirehoseEngineTest.s3(64, 0).put("Prefix", "k=!{partitionKeyFromLambda:kind}/")
                .put("ErrorOutputPrefix", "e/!{firehose:error-output-type}/");
        d.putObject("DynamicPartitioningConfiguration").put("Enabled", true);
        ArrayNode processors = d.putObject("ProcessingConfiguration").put("Enabled", true).putArray("Processors");
        processor(processors, "Lambda", "LambdaArn", LAMBDA);
        create("l", "ExtendedS3DestinationConfiguration", d);
        put("l", "xa", "drop", "xb", "fail", "yc");
        assertThat(engine.deliverDue()).isEqualTo(1);
        JsonNode event = calls.get(0).json();
        assertThat(calls.get(0).url()).hasToString("http://127.0.0.1:1/transform");
        assertThat(event.path("deliveryStreamArn").asText())
                .isEqualTo("arn:aws:firehose:us-east-1:000000000000:deliverystream/l");
        assertThat(event.path("region").asText()).isEqualTo("us-east-1");
        assertThat(event.path("invocationId").asText()).isNotEmpty();
        assertThat(event.path("records")).hasSize(5);
        assertThat(event.path("records").get(0).path("approximateArrivalTimestamp").asLong()).isEqualTo(START);
        // k=x/ has no timestamp expression but uses partition keys: no hour path appended
        assertThat(sink.objects.get(key("k=x/l-1-"))).isEqualTo("XAXB");
        assertThat(sink.objects.get(key("k=y/l-1-"))).isEqualTo("YC");
        JsonNode failed = JSON.readTree(sink.objects.get(key("e/processing-failed/2018/08/27/10/l-1-")));
        assertThat(failed.path("errorCode").asText()).isEqualTo("Lambda.ProcessingFailed");
        assertThat(failed.path("lambdaArn").asText()).isEqualTo(LAMBDA);
    }

    @Test
    void anUnmappedLambdaSendsRecordsToTheErrorOutput() throws IOException {
        engine();
        ObjectNode d = FirehoseEngineTest.s3(64, 0).put("Prefix", "ok/");
        ArrayNode processors = d.putObject("ProcessingConfiguration").put("Enabled", true).putArray("Processors");
        processor(processors, "Lambda", "LambdaArn", "arn:aws:lambda:us-east-1:000000000000:function:unmapped");
        create("u", "ExtendedS3DestinationConfiguration", d);
        put("u", "a", "b");
        engine.deliverDue();
        assertThat(calls).isEmpty();
        String error = key("ok/processing-failed/2018/08/27/10/u-1-");
        assertThat(sink.objects.get(error).lines()).hasSize(2).allSatisfy(line ->
                assertThat(line).contains("\"errorCode\":\"Lambda.FunctionNotFound\""));
    }

    @Test
    void httpEndpointGetsAwsRequestAndRetriesThenFallsBackToS3() throws IOException {
        engine();
        ObjectNode d = JSON.createObjectNode();
        d.putObject("EndpointConfiguration").put("Url", "https://hooks.example/in").put("AccessKey", "k3y");
        d.putObject("BufferingHints").put("SizeInMBs", 1).put("IntervalInSeconds", 0);
        d.putObject("RetryOptions").put("DurationInSeconds", 10);
        ObjectNode request = d.putObject("RequestConfiguration").put("ContentEncoding", "GZIP");
        request.putArray("CommonAttributes").addObject().put("AttributeName", "env").put("AttributeValue", "test");
        d.putObject("S3Configuration").put("RoleARN", "arn:aws:iam::000000000000:role/r")
                .put("BucketARN", "arn:aws:s3:::backup").put("Prefix", "hook/");
        create("h", "HttpEndpointDestinationConfiguration", d);

        answer = call -> new OutboundHttp.Response(200, JSON.createObjectNode()
                .put("requestId", call.headers().get("X-Amz-Firehose-Request-Id")).put("timestamp", START).toString()
                .getBytes(StandardCharsets.UTF_8), "application/json");
        put("h", "r1", "r2");
        assertThat(engine.deliverDue()).isEqualTo(1);
        Call call = calls.get(0);
        assertThat(call.headers()).containsEntry("X-Amz-Firehose-Access-Key", "k3y")
                .containsEntry("X-Amz-Firehose-Protocol-Version", "1.0")
                .containsEntry("X-Amz-Firehose-Source-Arn", "arn:aws:firehose:us-east-1:000000000000:deliverystream/h")
                .containsEntry("Content-Encoding", "gzip").containsEntry("Content-Type", "application/json")
                .containsEntry("X-Amz-Firehose-Common-Attributes", "{\"commonAttributes\":{\"env\":\"test\"}}");
        JsonNode body = call.json();
        assertThat(body.path("requestId").asText()).isEqualTo(call.headers().get("X-Amz-Firehose-Request-Id"));
        assertThat(body.path("timestamp").asLong()).isEqualTo(START);
        assertThat(body.path("records").get(1).path("data").asText())
                .isEqualTo(Base64.getEncoder().encodeToString("r2".getBytes(StandardCharsets.UTF_8)));
        assertThat(sink.objects).isEmpty(); // FailedDataOnly: nothing in S3 when it worked

        answer = c -> new OutboundHttp.Response(503, "busy".getBytes(StandardCharsets.UTF_8), "text/plain");
        put("h", "r3");
        assertThat(engine.deliverDue()).isZero();
        clock.advanceSeconds(4);
        assertThat(engine.deliverDue()).isZero();
        String requestId = calls.get(1).headers().get("X-Amz-Firehose-Request-Id");
        assertThat(calls.get(2).headers().get("X-Amz-Firehose-Request-Id")).isEqualTo(requestId); // same across retries
        clock.advanceSeconds(10);
        assertThat(engine.deliverDue()).isEqualTo(1);
        String failed = key("hook/http-endpoint-failed/2018/08/27/10/h-1-");
        JsonNode record = JSON.readTree(sink.objects.get(failed));
        assertThat(record.path("errorCode").asText()).isEqualTo("HttpEndpoint.DestinationException");
        assertThat(record.path("errorMessage").asText())
                .startsWith("Received the following response from the endpoint destination. 503");
        assertThat(record.path("attemptsMade").asInt()).isEqualTo(2); // none after the duration
        assertThat(new String(Base64.getDecoder().decode(record.path("rawData").asText()), StandardCharsets.UTF_8))
                .isEqualTo("r3");
    }

    @Test
    void s3BackupKeepsTheSourceRecords() {
        engine();
        answer = call -> null;
        ObjectNode d = FirehoseEngineTest.s3(64, 0).put("Prefix", "main/").put("S3BackupMode", "Enabled");
        d.putObject("S3BackupConfiguration").put("RoleARN", "arn:aws:iam::000000000000:role/r")
                .put("BucketARN", "arn:aws:s3:::source-copy").put("Prefix", "raw/");
        ArrayNode processors = d.putObject("ProcessingConfiguration").put("Enabled", true).putArray("Processors");
        processor(processors, "AppendDelimiterToRecord");
        create("b", "ExtendedS3DestinationConfiguration", d);
        put("b", "x", "y");
        engine.deliverDue();
        assertThat(sink.objects.get(key("main/2018/08/27/10/b-1-"))).isEqualTo("x\ny\n");
        assertThat(sink.objects.get(key("raw/2018/08/27/10/b-1-"))).isEqualTo("xy");
    }

    private String key(String prefix) {
        return sink.objects.keySet().stream().filter(k -> k.startsWith(prefix)).findFirst()
                .orElseThrow(() -> new AssertionError("no object under " + prefix + " in " + sink.objects.keySet()));
    }
}
