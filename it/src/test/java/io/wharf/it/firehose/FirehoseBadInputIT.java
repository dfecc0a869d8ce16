package io.wharf.it.firehose;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
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
 * Bad input never gets a 500 from Firehose: for every operation of the model, a valid-looking request (a real
 * delivery stream; every other member sampled from its shape, all nested configurations filled in) is sent, then
 * each member in turn is replaced by wrong types, out-of-range numbers, empty, oversized and control-character
 * strings. Every answer must be a success or a 4xx error with {@code __type}.
 */
class FirehoseBadInputIT {
    @RegisterExtension
    static final WharfServerExtension WHARF = WharfServerExtension.builder()
            .configure(c -> c.firehoseTransitionMillis(0).firehoseSink(new RecordingSink())).build();

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ServiceModel MODEL = ServiceModel.fromClasspath("models/firehose");

    private final List<String> failures = new ArrayList<>();
    private int requests;
    private static final java.util.concurrent.atomic.AtomicInteger STREAMS = new java.util.concurrent.atomic.AtomicInteger();

    private String fixture(RawHttp raw) {
        String name = "bad-" + STREAMS.incrementAndGet();
        call(raw, "CreateDeliveryStream", "{\"DeliveryStreamName\":\"" + name + "\",\"ExtendedS3DestinationConfiguration\":"
                + "{\"RoleARN\":\"arn:aws:iam::000000000000:role/r\",\"BucketARN\":\"arn:aws:s3:::b\"}}");
        return name;
    }

    private static RawHttp.Response call(RawHttp raw, String operation, String json) {
        RawHttp.Response r = raw.post("/", "application/x-amz-json-1.1", json.getBytes(StandardCharsets.UTF_8),
                Map.of("X-Amz-Target", "Firehose_20150804." + operation));
        assertThat(r.status()).as(operation + " " + r.bodyText()).isEqualTo(200);
        return r;
    }

    private ObjectNode validInput(OperationModel operation, String stream) {
        ObjectNode input = NODES.objectNode();
        if (operation.input() == null) {
            return input;
        }
        for (Member member : operation.input().members().values()) {
            input.set(member.name(), switch (member.name()) {
                case "DeliveryStreamName" -> NODES.textNode(operation.name().equals("CreateDeliveryStream")
                        ? stream + "-new" : stream);
                case "CurrentDeliveryStreamVersionId" -> NODES.textNode("1");
                case "DestinationId" -> NODES.textNode("destinationId-000000000001");
                default -> ModelSamples.json(member.shape(), 4);
            });
        }
        return input;
    }

    private static List<JsonNode> badValues(Shape shape) {
        List<JsonNode> values = new ArrayList<>(List.of(NODES.nullNode(), NODES.textNode(""),
                NODES.textNode("x".repeat(300_000)), NODES.textNode("\u0000\u0001\ud800"), NODES.numberNode(-1),
                NODES.numberNode(Long.MAX_VALUE), NODES.numberNode(2.5), NODES.booleanNode(false),
                NODES.arrayNode(), NODES.objectNode(), NODES.textNode("!{timestamp:yyyy'"),
                NODES.textNode("arn:aws:firehose:us-east-1:1:deliverystream/x")));
        if (shape.type() == ShapeType.LIST) {
            ArrayNode many = NODES.arrayNode();
            for (int i = 0; i < 600; i++) {
                many.add(NODES.objectNode().put("Data", "AA=="));
            }
            values.add(many);
        }
        return values;
    }

    private void check(String operation, String variant, RawHttp.Response response) {
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
                if (!JSON.readTree(response.body()).hasNonNull("__type")) {
                    failures.add("no __type: " + where);
                }
            } catch (java.io.IOException e) {
                failures.add("not JSON: " + where);
            }
        }
    }

    @Test
    void noOperationAnswersBadJsonWithAServerError() throws Exception {
        RawHttp raw = WHARF.raw();
        for (OperationModel operation : MODEL.operations()) {
            String stream = fixture(raw);
            Map<String, String> headers = Map.of("X-Amz-Target", "Firehose_20150804." + operation.name());
            check(operation.name(), "valid", raw.post("/", "application/x-amz-json-1.1",
                    JSON.writeValueAsBytes(validInput(operation, stream)), headers));
            check(operation.name(), "garbage", raw.post("/", "application/x-amz-json-1.1",
                    new byte[] {(byte) 0xff, 0x7b, 0x22}, headers));
            if (operation.input() == null) {
                continue;
            }
            for (Member member : operation.input().members().values()) {
                for (JsonNode bad : badValues(member.shape())) {
                    ObjectNode input = validInput(operation, stream);
                    input.set(member.name(), bad);
                    check(operation.name(), member.name() + "=" + abbreviate(bad), raw.post("/",
                            "application/x-amz-json-1.1", JSON.writeValueAsBytes(input), headers));
                }
            }
        }
        assertThat(failures).as(requests + " requests").isEmpty();
        assertThat(requests).isGreaterThan(500);
    }

    private static String abbreviate(JsonNode node) {
        String text = node.toString();
        return text.length() > 20 ? text.substring(0, 20) + "…" : text;
    }
}
