package io.wharf.it.mq;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wharf.protocol.model.Member;
import io.wharf.protocol.model.OperationModel;
import io.wharf.protocol.model.ServiceModel;
import io.wharf.protocol.model.Shape;
import io.wharf.testkit.WharfServerExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Bad input never gets a 5xx from the MQ API: for every operation of the model, through raw signed HTTP, a plausible
 * request (a real configuration's id, an unknown broker's) is sent with garbage bodies (not JSON, a JSON array, deep
 * nesting, binary), then with each body member, URI label and query parameter in turn replaced by wrong types, nulls,
 * empty, over-long and control-character values. Every answer must be a success or a 4xx with an
 * {@code x-amzn-ErrorType} header and a JSON body carrying a {@code message}.
 */
class MqBadInputIT {
    @RegisterExtension
    static final WharfServerExtension WHARF = WharfServerExtension.builder().build();

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ServiceModel MODEL = ServiceModel.fromClasspath("models/mq");
    private static final String UNKNOWN_BROKER = "b-00000000-0000-0000-0000-000000000000";

    private final List<String> failures = new ArrayList<>();
    private int requests;

    @Test
    void noOperationAnswersBadInputWithA5xx() throws Exception {
        MqRawHttp raw = new MqRawHttp(WHARF.endpoint());
        MqRawHttp.Response made = raw.send("POST", "/v1/configurations",
                "{\"name\":\"fixture\",\"engineType\":\"ACTIVEMQ\"}".getBytes(StandardCharsets.UTF_8));
        assertThat(made.status()).as(made.body()).isEqualTo(200);
        JsonNode configuration = JSON.readTree(made.body());
        Map<String, String> labels = Map.of("broker-id", UNKNOWN_BROKER, "username", "app",
                "configuration-id", configuration.path("id").asText(), "configuration-revision", "1",
                "resource-arn", configuration.path("arn").asText());

        List<JsonNode> garbage = List.of(NODES.numberNode(42), NODES.textNode(""), NODES.textNode("x".repeat(10_000)),
                NODES.textNode("\u0000\u0007\uFFFF"), NODES.booleanNode(true), NODES.arrayNode().add(1),
                NODES.objectNode().put("a", 1), NODES.nullNode(), NODES.numberNode(-1),
                NODES.numberNode(Long.MAX_VALUE), NODES.numberNode(1.5e300));
        for (OperationModel operation : MODEL.operations()) {
            String method = operation.http().method();
            ObjectNode body = validBody(operation.input());
            String uri = operation.http().requestUri();
            check(raw, operation, method, path(uri, labels, Map.of()), body.toString().getBytes(StandardCharsets.UTF_8));
            for (String bad : List.of("{", "[]", "not json", "{\"a\":" + "[".repeat(5_000), "\u00ff\u00fe\u0000")) {
                check(raw, operation, method, path(uri, labels, Map.of()), bad.getBytes(StandardCharsets.ISO_8859_1));
            }
            for (Member member : operation.input().members().values()) {
                if (member.location() == null) {
                    for (JsonNode value : garbage) {
                        ObjectNode changed = body.deepCopy();
                        changed.set(member.wireName(), value);
                        check(raw, operation, method, path(uri, labels, Map.of()),
                                changed.toString().getBytes(StandardCharsets.UTF_8));
                    }
                } else if (member.location().equals("uri")) {
                    for (String value : List.of("x".repeat(3_000), "%00", "..", "b-" + "\u00e9".repeat(20), "%2F")) {
                        Map<String, String> changed = new LinkedHashMap<>(labels);
                        changed.put(member.locationName(), value);
                        check(raw, operation, method, path(uri, changed, Map.of()),
                                body.toString().getBytes(StandardCharsets.UTF_8));
                    }
                } else if (member.location().equals("querystring")) {
                    for (String value : List.of("abc", "-1", "0", "1000", "99999999999999999999", "", "x".repeat(3_000))) {
                        check(raw, operation, method, path(uri, labels, Map.of(member.locationName(), value)),
                                body.toString().getBytes(StandardCharsets.UTF_8));
                    }
                }
            }
        }
        assertThat(requests).isGreaterThan(500);
        assertThat(failures).as(failures.size() + " of " + requests + " answers broke the rule").isEmpty();
    }

    private void check(MqRawHttp raw, OperationModel operation, String method, String path, byte[] body) {
        requests++;
        MqRawHttp.Response response = raw.send(method, path, body);
        String text = new String(body, StandardCharsets.UTF_8);
        String what = operation.name() + " " + method + " " + path.substring(0, Math.min(path.length(), 200)) + " "
                + text.substring(0, Math.min(text.length(), 120)) + " → " + response.status() + " "
                + response.body().substring(0, Math.min(response.body().length(), 300));
        if (response.status() >= 500) {
            failures.add(what);
        } else if (response.status() >= 400) {
            try {
                if (response.errorType() == null || !JSON.readTree(response.body()).has("message")) {
                    failures.add("no error type or message: " + what);
                }
            } catch (Exception e) {
                failures.add("not JSON: " + what);
            }
        }
    }

    private static String path(String template, Map<String, String> labels, Map<String, String> query) {
        String path = template;
        for (Map.Entry<String, String> label : labels.entrySet()) {
            String value = label.getValue().startsWith("%") ? label.getValue()
                    : URLEncoder.encode(label.getValue(), StandardCharsets.UTF_8).replace("+", "%20");
            path = path.replace("{" + label.getKey() + "}", value);
        }
        StringBuilder out = new StringBuilder(path);
        char separator = path.contains("?") ? '&' : '?';
        for (Map.Entry<String, String> parameter : query.entrySet()) {
            out.append(separator).append(parameter.getKey()).append('=')
                    .append(URLEncoder.encode(parameter.getValue(), StandardCharsets.UTF_8));
            separator = '&';
        }
        return out.toString();
    }

    /** A body with every body member present and of its type (not necessarily acceptable to the service). */
    private static ObjectNode validBody(Shape input) {
        ObjectNode body = NODES.objectNode();
        for (Member member : input.members().values()) {
            if (member.location() == null) {
                body.set(member.wireName(), sample(member.shape(), member.name(), 0));
            }
        }
        return body;
    }

    private static JsonNode sample(Shape shape, String name, int depth) {
        return switch (shape.type()) {
            case STRING -> shape.enumValues() != null && !shape.enumValues().isEmpty()
                    ? NODES.textNode(shape.enumValues().get(0))
                    : NODES.textNode(name.equals("Password") ? MqTestBase.PASSWORD : name.equals("Data")
                            ? "PGJyb2tlci8+" : "sample");
            case INTEGER, LONG -> NODES.numberNode(5);
            case BOOLEAN -> NODES.booleanNode(false);
            case LIST -> depth > 3 ? NODES.arrayNode()
                    : NODES.arrayNode().add(sample(shape.listMember().shape(), shape.listMember().name(), depth + 1));
            case MAP -> NODES.objectNode().put("k", "v");
            case STRUCTURE -> {
                ObjectNode nested = NODES.objectNode();
                if (depth <= 3) {
                    for (Member member : shape.members().values()) {
                        nested.set(member.wireName(), sample(member.shape(), member.name(), depth + 1));
                    }
                }
                yield nested;
            }
            default -> NODES.textNode("2026-12-04T00:00:00Z");
        };
    }
}
