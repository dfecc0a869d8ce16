package io.wharf.it.sqs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wharf.protocol.model.Member;
import io.wharf.protocol.model.OperationModel;
import io.wharf.protocol.model.ServiceModel;
import io.wharf.protocol.model.Shape;
import io.wharf.testkit.RawHttp;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Bad input never gets a 500: for every operation of the model, a valid-looking request is built from
 * the input shape, then each member in turn is replaced by wrong types, out-of-range numbers, empty and
 * oversized strings and control characters. Every answer must be a success or a 4xx AWS error in the
 * caller's protocol (JSON with {@code __type} and a well-formed {@code x-amzn-query-error}; Query with
 * {@code <ErrorResponse>}).
 */
class BadInputIT extends SqsTestBase {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ServiceModel MODEL = ServiceModel.fromClasspath("models/sqs");

    private final List<String> failures = new ArrayList<>();
    private int requests;

    private ObjectNode validInput(OperationModel operation, String url, String arn) {
        ObjectNode input = NODES.objectNode();
        if (operation.input() == null) {
            return input;
        }
        for (Member member : operation.input().members().values()) {
            input.set(member.name(), switch (member.name()) {
                case "QueueUrl" -> NODES.textNode(url);
                case "QueueName" -> NODES.textNode(unique("bad"));
                case "SourceArn", "DestinationArn" -> NODES.textNode(arn);
                default -> sample(member.shape(), 0);
            });
        }
        return input;
    }

    private JsonNode sample(Shape shape, int depth) {
        return switch (shape.type()) {
            case STRUCTURE -> {
                ObjectNode object = NODES.objectNode();
                if (depth < 3) {
                    shape.members().values().forEach(m -> object.set(m.name(), sample(m.shape(), depth + 1)));
                }
                yield object;
            }
            case LIST -> NODES.arrayNode().add(sample(shape.listMember().shape(), depth + 1));
            case MAP -> NODES.objectNode().set(shape.mapKey().shape().enumValues().isEmpty() ? "key1"
                    : shape.mapKey().shape().enumValues().get(Math.min(1, shape.mapKey().shape().enumValues().size() - 1)),
                    sample(shape.mapValue().shape(), depth + 1));
            case STRING -> NODES.textNode(shape.enumValues().isEmpty() ? "value-1" : shape.enumValues().get(0));
            case INTEGER, LONG -> NODES.numberNode(1);
            case BOOLEAN -> NODES.booleanNode(true);
            case BLOB -> NODES.textNode("AAE=");
            default -> NODES.textNode("1");
        };
    }

    private static List<JsonNode> badValues(Shape shape) {
        List<JsonNode> values = new ArrayList<>(List.of(NODES.nullNode(), NODES.textNode(""),
                NODES.textNode("x".repeat(300_000)), NODES.textNode("\u0000\u0001\ud800"), NODES.numberNode(-1),
                NODES.numberNode(Long.MAX_VALUE), NODES.numberNode(2.5), NODES.booleanNode(false),
                NODES.arrayNode(), NODES.objectNode()));
        if (shape.type() == io.wharf.protocol.model.ShapeType.LIST) {
            ArrayNode many = NODES.arrayNode();
            for (int i = 0; i < 20; i++) {
                many.add(NODES.textNode("v" + i));
            }
            values.add(many);
        }
        return values;
    }

    private void check(String operation, String variant, RawHttp.Response response) {
        requests++;
        String where = operation + " " + variant + " -> " + response.status() + " " + response.bodyText()
                .substring(0, Math.min(200, response.bodyText().length()));
        if (response.status() >= 500 || (response.status() >= 300 && response.status() < 400)) {
            failures.add(where);
            return;
        }
        if (response.status() >= 400) {
            String query = response.header("x-amzn-query-error").orElse(null);
            String body = response.bodyText();
            boolean jsonError = body.contains("\"__type\"") && query != null && query.split(";", -1).length == 2;
            boolean xmlError = body.contains("<ErrorResponse") && body.contains("<Code>");
            if (!jsonError && !xmlError) {
                failures.add("not an AWS error: " + where);
            }
        }
    }

    @Test
    void noOperationAnswersBadJsonWithAServerError() throws Exception {
        RawHttp raw = WHARF.raw();
        for (OperationModel operation : MODEL.operations()) {
            String url = queue("bad-json");
            String arn = attribute(url, software.amazon.awssdk.services.sqs.model.QueueAttributeName.QUEUE_ARN);
            String target = "AmazonSQS." + operation.name();
            check(operation.name(), "{}", raw.postJson(target, "{}", Map.of()));
            check(operation.name(), "[]", raw.postJson(target, "[]", Map.of()));
            check(operation.name(), "valid", raw.postJson(target, validInput(operation, url, arn).toString(), Map.of()));
            if (operation.input() == null) {
                continue;
            }
            for (Member member : operation.input().members().values()) {
                for (JsonNode bad : badValues(member.shape())) {
                    ObjectNode input = validInput(operation, url, arn);
                    input.set(member.name(), bad);
                    check(operation.name(), member.name() + "=" + abbreviate(bad),
                            raw.postJson(target, JSON.writeValueAsString(input), Map.of()));
                }
            }
        }
        assertThat(failures).as(requests + " requests").isEmpty();
        assertThat(requests).isGreaterThan(500);
    }

    @Test
    void noOperationAnswersBadQueryWithAServerError() {
        RawHttp raw = WHARF.raw();
        List<String> badStrings = List.of("", "abc", "-1", "99999999999999999999", "1.5", "x".repeat(300_000),
                "\u0001", "%zz");
        for (OperationModel operation : MODEL.operations()) {
            String url = queue("bad-query");
            Map<String, String> base = new LinkedHashMap<>();
            base.put("Action", operation.name());
            base.put("Version", "2012-11-05");
            base.put("QueueUrl", url);
            base.put("QueueName", unique("badq"));
            check(operation.name(), "minimal", raw.postForm("/", base, Map.of()));
            if (operation.input() == null) {
                continue;
            }
            for (Member member : operation.input().members().values()) {
                for (String name : queryNames(member)) {
                    for (String bad : badStrings) {
                        Map<String, String> params = new LinkedHashMap<>(base);
                        params.put(name, bad);
                        check(operation.name(), name + "=" + bad.substring(0, Math.min(10, bad.length())),
                                raw.postForm("/", params, Map.of()));
                    }
                }
            }
        }
        assertThat(failures).as(requests + " requests").isEmpty();
    }

    private static List<String> queryNames(Member member) {
        String name = member.wireName();
        return switch (member.shape().type()) {
            case LIST -> List.of(name + ".1", name + ".2", name);
            case MAP -> List.of(name + ".1.Name", name + ".1.Value", name + ".1.Key", name + ".1.Value.DataType",
                    name + ".1.Value.StringValue", name + ".1.Value.BinaryValue");
            case STRUCTURE -> {
                List<String> names = new ArrayList<>();
                for (Iterator<String> it = member.shape().members().keySet().iterator(); it.hasNext(); ) {
                    names.add(name + "." + it.next());
                }
                yield names;
            }
            default -> List.of(name);
        };
    }

    private static String abbreviate(JsonNode node) {
        String text = node.toString();
        return text.length() > 20 ? text.substring(0, 20) + "…" : text;
    }
}
