package io.wharf.protocol.rpcv2;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.cbor.CBORFactory;
import com.fasterxml.jackson.dataformat.cbor.CBORGenerator;
import com.fasterxml.jackson.dataformat.cbor.CBORParser;
import com.fasterxml.jackson.core.JsonToken;
import io.wharf.protocol.AwsException;
import io.wharf.protocol.AwsService;
import io.wharf.protocol.GatewaySettings;
import io.wharf.protocol.Input;
import io.wharf.protocol.Operation;
import io.wharf.protocol.ServiceGateway;
import io.wharf.protocol.TestModels;
import io.wharf.protocol.model.ServiceModel;
import io.wharf.protocol.wire.WireRequest;
import io.wharf.protocol.wire.WireResponse;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

class RpcV2CborTest {
    private static final ServiceModel CLOUDWATCH = ServiceModel.fromClasspath("models/cloudwatch");
    private static final CBORFactory CBOR = new CBORFactory();
    private static final ObjectMapper MAPPER = new ObjectMapper(CBOR);
    private static final String PATH = "/service/GraniteServiceVersion20100801/operation/";

    private final AtomicReference<Input> lastInput = new AtomicReference<>();

    private final AwsService cloudWatch = new AwsService() {
        @Override
        public ServiceModel model() {
            return CLOUDWATCH;
        }

        @Override
        public Map<String, Operation> operations() {
            return Map.of(
                    "PutMetricData", (context, input) -> {
                        lastInput.set(input);
                        return null;
                    },
                    "GetMetricStatistics", (context, input) -> {
                        ObjectNode out = MAPPER.createObjectNode().put("Label", "m");
                        out.putArray("Datapoints").addObject().put("Timestamp", 1_764_759_000_500L)
                                .put("Sum", 2.5).put("Unit", "Count");
                        return out;
                    },
                    "ListMetrics", (context, input) -> {
                        throw new AwsException("InvalidParameterValueException", "InvalidParameterValue", 400, true,
                                "The value x for parameter y is invalid.");
                    });
        }
    };

    private final ServiceGateway gateway = new ServiceGateway(List.of(cloudWatch),
            new GatewaySettings("000000000000", "us-east-1", null));

    private static WireRequest request(String path, byte[] body, boolean header) {
        return request(path, body, header, null);
    }

    private static WireRequest request(String path, byte[] body, boolean header, String contentEncoding) {
        Map<String, String> headers = new HashMap<>();
        if (contentEncoding != null) {
            headers.put("content-encoding", contentEncoding);
        }
        headers.put("content-type", "application/cbor");
        if (header) {
            headers.put("smithy-protocol", "rpc-v2-cbor");
        }
        return new WireRequest("POST", path, Map.of(), headers, body);
    }

    /** PutMetricData as SDK 2.57.8 writes it: indefinite maps, a tag-1 float64 of seconds, a float32 value. */
    private static byte[] putMetricData() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (CBORGenerator out = CBOR.createGenerator(bytes)) {
            out.writeStartObject();
            out.writeStringField("Namespace", "App");
            out.writeFieldName("MetricData");
            out.writeStartArray();
            out.writeStartObject();
            out.writeStringField("MetricName", "m");
            out.writeFieldName("Timestamp");
            out.writeTag(1);
            out.writeNumber(1_764_759_000.123);
            out.writeFieldName("Value");
            out.writeNumber(1.5f);
            out.writeEndObject();
            out.writeEndArray();
            out.writeEndObject();
        }
        return bytes.toByteArray();
    }

    @Test
    void pathsNameTheServiceAndOperation() {
        assertThat(RpcV2Cbor.parsePath("/service/GraniteServiceVersion20100801/operation/PutMetricData"))
                .isEqualTo(new RpcV2Cbor.Route("GraniteServiceVersion20100801", "PutMetricData"));
        assertThat(RpcV2Cbor.parsePath("/prefix/service/S/operation/Op"))
                .isEqualTo(new RpcV2Cbor.Route("S", "Op"));
        assertThat(RpcV2Cbor.parsePath("/service//operation/Op")).isNull();
        assertThat(RpcV2Cbor.parsePath("/service/S/operation/")).isNull();
        assertThat(RpcV2Cbor.parsePath("/service/S/operation/Op/extra")).isNull();
        assertThat(RpcV2Cbor.parsePath("/service/S/operation/com.amazonaws.cloudwatch#Op")).isNull();
        assertThat(RpcV2Cbor.parsePath("/")).isNull();
    }

    @Test
    void decodesToTheSameTreeAsJson() throws Exception {
        WireResponse response = gateway.handle(request(PATH + "PutMetricData", putMetricData(), true));

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.headers()).containsEntry("smithy-protocol", "rpc-v2-cbor")
                .containsEntry("Content-Type", "application/cbor");
        Input datum = lastInput.get().structs("MetricData").get(0);
        assertThat(datum.longValue("Timestamp")).isEqualTo(1_764_759_000_123L);
        assertThat(datum.tree().get("Value").asDouble()).isEqualTo(1.5);
        assertThat(MAPPER.readTree(response.body()).isObject()).isTrue();
    }

    @Test
    void timestampsGoOutAsTagOneSeconds() throws Exception {
        WireResponse response = gateway.handle(request(PATH + "GetMetricStatistics", MAPPER.writeValueAsBytes(
                Map.of("Namespace", "App", "MetricName", "m", "StartTime", 1, "EndTime", 2, "Period", 60)), true));

        assertThat(response.status()).isEqualTo(200);
        try (CBORParser in = (CBORParser) CBOR.createParser(response.body())) {
            JsonToken token;
            boolean seen = false;
            while ((token = in.nextToken()) != null) {
                if (token == JsonToken.FIELD_NAME && in.currentName().equals("Timestamp")) {
                    assertThat(in.nextToken()).isEqualTo(JsonToken.VALUE_NUMBER_FLOAT);
                    assertThat(in.getCurrentTag()).isEqualTo(1);
                    assertThat(in.getDoubleValue()).isEqualTo(1_764_759_000.5);
                    seen = true;
                }
            }
            assertThat(seen).isTrue();
        }
    }

    @Test
    void errorsNameTheShapeAndTheQueryCode() throws Exception {
        WireResponse response = gateway.handle(request(PATH + "ListMetrics", new byte[0], true));

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.headers()).containsEntry("smithy-protocol", "rpc-v2-cbor")
                .containsEntry("Content-Type", "application/cbor")
                .containsEntry("x-amzn-query-error", "InvalidParameterValue;Sender");
        JsonNode body = MAPPER.readTree(response.body());
        assertThat(body.path("__type").asText())
                .isEqualTo("com.amazonaws.cloudwatch.v2010_08_01#InvalidParameterValueException");
        assertThat(body.path("message").asText()).isEqualTo("The value x for parameter y is invalid.");
    }

    @Test
    void unknownOperationsAreClientErrorsAndUnknownServicesNotImplemented() throws Exception {
        WireResponse unknownOperation = gateway.handle(request(PATH + "NoSuchThing", new byte[0], true));
        assertThat(unknownOperation.status()).isEqualTo(400);
        assertThat(unknownOperation.headers()).containsEntry("smithy-protocol", "rpc-v2-cbor");
        assertThat(MAPPER.readTree(unknownOperation.body()).path("__type").asText()).endsWith("UnknownOperationException");

        WireResponse unknownService = gateway.handle(request("/service/Nope/operation/PutMetricData", new byte[0], true));
        assertThat(unknownService.status()).isEqualTo(501);
        assertThat(unknownService.headers()).containsEntry("smithy-protocol", "rpc-v2-cbor");
        JsonNode unserved = MAPPER.readTree(unknownService.body());
        assertThat(unserved.path("__type").asText()).isEqualTo("NotImplemented");
        assertThat(unserved.path("message").asText()).startsWith("Wharf does not serve 'Nope' (named by the request's path). It serves: ");
    }

    @Test
    void aServiceWhoseModelDoesNotListTheProtocolIsNotReachedByIt() throws Exception {
        AwsService kinesis = new AwsService() {
            @Override
            public ServiceModel model() {
                return TestModels.KINESIS;
            }

            @Override
            public Map<String, Operation> operations() {
                return Map.of("ListStreams", (context, input) -> MAPPER.createObjectNode());
            }
        };
        WireResponse response = new ServiceGateway(List.of(kinesis), new GatewaySettings("000000000000", "us-east-1", null))
                .handle(request("/service/Kinesis_20131202/operation/ListStreams", new byte[0], true));
        assertThat(response.status()).isEqualTo(400);
        assertThat(MAPPER.readTree(response.body()).path("__type").asText()).isEqualTo("UnknownOperationException");
    }

    @Test
    void aMalformedBodyIsAClientError() throws Exception {
        WireResponse response = gateway.handle(request(PATH + "PutMetricData", new byte[]{(byte) 0xbf, 0x61}, true));
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.headers()).containsEntry("smithy-protocol", "rpc-v2-cbor");
    }

    @Test
    void gzipBodiesAreInflatedAndBombsRefused() throws Exception {
        ByteArrayOutputStream zipped = new ByteArrayOutputStream();
        try (java.util.zip.GZIPOutputStream out = new java.util.zip.GZIPOutputStream(zipped)) {
            out.write(putMetricData());
        }
        WireRequest compressed = request(PATH + "PutMetricData", zipped.toByteArray(), true, "gzip");
        assertThat(gateway.handle(compressed).status()).isEqualTo(200);
        assertThat(lastInput.get().structs("MetricData").get(0).string("MetricName")).isEqualTo("m");

        ByteArrayOutputStream bomb = new ByteArrayOutputStream();
        try (java.util.zip.GZIPOutputStream out = new java.util.zip.GZIPOutputStream(bomb)) {
            out.write(new byte[io.wharf.protocol.RequestCompression.MAX_INFLATED_BYTES + 1]);
        }
        WireRequest tooBig = request(PATH + "PutMetricData", bomb.toByteArray(), true, "gzip");
        WireResponse refused = gateway.handle(tooBig);
        assertThat(refused.status()).isEqualTo(400);
        assertThat(MAPPER.readTree(refused.body()).path("message").asText()).contains("inflates to more than");

        WireRequest garbage = request(PATH + "PutMetricData", new byte[]{1, 2, 3}, true, "gzip");
        assertThat(gateway.handle(garbage).status()).isEqualTo(400);
    }

    @Test
    void queryTimestampsAreReadOnce() {
        Map<String, String> headers = new HashMap<>();
        headers.put("content-type", "application/x-www-form-urlencoded");
        String form = "Action=PutMetricData&Version=2010-08-01&Namespace=App&MetricData.member.1.MetricName=m"
                + "&MetricData.member.1.Value=1&MetricData.member.1.Timestamp=2026-12-03T11%3A30%3A00.250Z";
        WireResponse response = gateway.handle(new WireRequest("POST", "/", Map.of(), headers,
                form.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        assertThat(response.status()).isEqualTo(200);
        assertThat(lastInput.get().structs("MetricData").get(0).longValue("Timestamp"))
                .isEqualTo(java.time.Instant.parse("2026-12-03T11:30:00.250Z").toEpochMilli());
    }

    @Test
    void withoutTheHeaderTheRequestIsNotThisProtocols() throws Exception {
        assertThat(RpcV2Cbor.claims(request(PATH + "PutMetricData", putMetricData(), false))).isNull();
        assertThat(RpcV2Cbor.claims(request(PATH + "PutMetricData", putMetricData(), true))).isNotNull();
        assertThat(RpcV2Cbor.claims(new WireRequest("GET", PATH + "ListMetrics", Map.of(),
                Map.of("smithy-protocol", "rpc-v2-cbor"), new byte[0]))).as("the spec's method is POST").isNull();
    }
}
