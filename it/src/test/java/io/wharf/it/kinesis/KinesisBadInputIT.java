package io.wharf.it.kinesis;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.cbor.CBORFactory;
import io.wharf.it.input.ModelSamples;
import io.wharf.protocol.model.Member;
import io.wharf.protocol.model.OperationModel;
import io.wharf.protocol.model.ServiceModel;
import io.wharf.protocol.model.Shape;
import io.wharf.protocol.model.ShapeType;
import io.wharf.testkit.RawHttp;
import io.wharf.testkit.WharfServerExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Bad input never gets a 500 from Kinesis: for every operation of the model, a valid-looking request (a real
 * stream, consumer, shard and iterator) is built from the input shape, then each member in turn is replaced by
 * wrong types, out-of-range numbers, empty, oversized and control-character strings — over JSON 1.1 and CBOR. Every
 * answer must be a success or a 4xx error with {@code __type} in the request's encoding.
 */
class KinesisBadInputIT {
    @RegisterExtension
    static final WharfServerExtension WHARF = WharfServerExtension.builder()
            .configure(c -> c.kinesisTransitionMillis(0)).build();

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ObjectMapper CBOR = new ObjectMapper(new CBORFactory());
    private static final ServiceModel MODEL = ServiceModel.fromClasspath("models/kinesis");

    private final List<String> failures = new ArrayList<>();
    private int requests;
    private static final java.util.concurrent.atomic.AtomicInteger STREAMS = new java.util.concurrent.atomic.AtomicInteger();

    /** A real stream with a consumer: names and ARNs a valid request can point at. */
    private record Fixture(String stream, String streamArn, String consumerArn, String iterator) {
    }

    private Fixture fixture(RawHttp raw) throws Exception {
        String name = "bad-" + STREAMS.incrementAndGet();
        call(raw, "CreateStream", "{\"StreamName\":\"" + name + "\",\"ShardCount\":2}");
        String arn = JSON.readTree(call(raw, "DescribeStreamSummary", "{\"StreamName\":\"" + name + "\"}").body())
                .path("StreamDescriptionSummary").path("StreamARN").asText();
        String consumer = JSON.readTree(call(raw, "RegisterStreamConsumer", "{\"StreamARN\":\"" + arn
                + "\",\"ConsumerName\":\"c\"}").body()).path("Consumer").path("ConsumerARN").asText();
        String iterator = JSON.readTree(call(raw, "GetShardIterator", "{\"StreamName\":\"" + name
                + "\",\"ShardId\":\"shardId-000000000000\",\"ShardIteratorType\":\"TRIM_HORIZON\"}").body())
                .path("ShardIterator").asText();
        return new Fixture(name, arn, consumer, iterator);
    }

    private static RawHttp.Response call(RawHttp raw, String operation, String json) {
        RawHttp.Response r = raw.post("/", "application/x-amz-json-1.1", json.getBytes(StandardCharsets.UTF_8),
                Map.of("X-Amz-Target", "Kinesis_20131202." + operation));
        assertThat(r.status()).as(operation + " " + r.bodyText()).isEqualTo(200);
        return r;
    }

    private ObjectNode validInput(OperationModel operation, Fixture f) {
        ObjectNode input = NODES.objectNode();
        if (operation.input() == null) {
            return input;
        }
        for (Member member : operation.input().members().values()) {
            input.set(member.name(), switch (member.name()) {
                case "StreamName" -> NODES.textNode(f.stream());
                case "StreamARN", "ResourceARN" -> NODES.textNode(f.streamArn());
                case "ConsumerARN" -> NODES.textNode(f.consumerArn());
                case "ShardId", "ShardToSplit", "ShardToMerge", "ExclusiveStartShardId" ->
                        NODES.textNode("shardId-000000000000");
                case "AdjacentShardToMerge" -> NODES.textNode("shardId-000000000001");
                case "ShardIterator" -> NODES.textNode(f.iterator());
                default -> ModelSamples.json(member.shape(), 3);
            });
        }
        return input;
    }

    private static List<JsonNode> badValues(Shape shape) {
        List<JsonNode> values = new ArrayList<>(List.of(NODES.nullNode(), NODES.textNode(""),
                NODES.textNode("x".repeat(300_000)), NODES.textNode("\u0000\u0001\ud800"), NODES.numberNode(-1),
                NODES.numberNode(Long.MAX_VALUE), NODES.numberNode(2.5), NODES.booleanNode(false),
                NODES.arrayNode(), NODES.objectNode(), NODES.textNode("arn:aws:kinesis:us-east-1:1:stream/x")));
        if (shape.type() == ShapeType.LIST) {
            ArrayNode many = NODES.arrayNode();
            for (int i = 0; i < 600; i++) {
                many.add(NODES.objectNode().put("Data", "AA==").put("PartitionKey", "k" + i));
            }
            values.add(many);
        }
        return values;
    }

    private void check(String operation, String variant, RawHttp.Response response, ObjectMapper encoding) {
        requests++;
        String text = response.bodyText();
        String where = operation + " " + variant + " -> " + response.status() + " "
                + text.substring(0, Math.min(200, text.length()));
        if (response.status() >= 500 || (response.status() >= 300 && response.status() < 400)) {
            failures.add(where);
            return;
        }
        if (response.status() >= 400) {
            try {
                if (!encoding.readTree(response.body()).hasNonNull("__type")) {
                    failures.add("no __type: " + where);
                }
            } catch (java.io.IOException e) {
                failures.add("not in the request's encoding: " + where);
            }
        }
    }

    private void sweep(ObjectMapper encoding, String contentType) throws Exception {
        RawHttp raw = WHARF.raw();
        for (OperationModel operation : MODEL.operations()) {
            if (operation.name().equals("SubscribeToShard")) {
                continue; // a valid request streams for minutes; its errors are covered by KinesisSubscribeToShardIT
            }
            Fixture f = fixture(raw);
            Map<String, String> headers = Map.of("X-Amz-Target", "Kinesis_20131202." + operation.name());
            check(operation.name(), "valid", raw.post("/", contentType,
                    encoding.writeValueAsBytes(validInput(operation, f)), headers), encoding);
            check(operation.name(), "garbage", raw.post("/", contentType, new byte[] {(byte) 0xff, 0x7b, 0x22},
                    headers), encoding);
            if (operation.input() == null) {
                continue;
            }
            for (Member member : operation.input().members().values()) {
                for (JsonNode bad : badValues(member.shape())) {
                    if (encoding == CBOR && bad.isTextual() && bad.asText().contains("\ud800")) {
                        continue; // a lone surrogate cannot be written as CBOR text at all
                    }
                    ObjectNode input = validInput(operation, f);
                    input.set(member.name(), bad);
                    check(operation.name(), member.name() + "=" + abbreviate(bad),
                            raw.post("/", contentType, encoding.writeValueAsBytes(input), headers), encoding);
                }
            }
        }
        assertThat(failures).as(requests + " requests").isEmpty();
        assertThat(requests).isGreaterThan(1_000);
    }

    @Test
    void noOperationAnswersBadJsonWithAServerError() throws Exception {
        sweep(JSON, "application/x-amz-json-1.1");
    }

    @Test
    void noOperationAnswersBadCborWithAServerError() throws Exception {
        sweep(CBOR, "application/x-amz-cbor-1.1");
    }

    private static String abbreviate(JsonNode node) {
        String text = node.toString();
        return text.length() > 20 ? text.substring(0, 20) + "…" : text;
    }
}
