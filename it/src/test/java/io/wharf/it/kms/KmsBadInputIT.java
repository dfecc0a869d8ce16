package io.wharf.it.kms;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wharf.it.input.ModelSamples;
import io.wharf.protocol.model.Member;
import io.wharf.protocol.model.OperationModel;
import io.wharf.protocol.model.ServiceModel;
import io.wharf.testkit.RawHttp;
import io.wharf.testkit.WharfServerExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Bad input never gets a 500 from KMS: for every operation of the model, a valid-looking request (a real key, alias
 * and ciphertext) is built from the input shape, then each member in turn is replaced by wrong types, out-of-range
 * numbers, empty, oversized and control-character strings. Every answer must be a success, a 4xx error with
 * {@code __type}, or the 501 of an operation Wharf does not implement.
 */
class KmsBadInputIT {
    @RegisterExtension
    static final WharfServerExtension WHARF = WharfServerExtension.builder().build();

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ServiceModel MODEL = ServiceModel.fromClasspath("models/kms");
    private static final AtomicInteger ALIASES = new AtomicInteger();

    private final List<String> failures = new ArrayList<>();
    private int requests;

    /** A real key with an alias and a ciphertext made under it. */
    private record Fixture(String keyId, String keyArn, String alias, String ciphertext) {
    }

    private static RawHttp.Response call(RawHttp raw, String operation, String json) {
        return raw.post("/", "application/x-amz-json-1.1", json.getBytes(StandardCharsets.UTF_8),
                Map.of("X-Amz-Target", "TrentService." + operation));
    }

    private static JsonNode ok(RawHttp.Response r) throws Exception {
        assertThat(r.status()).as(r.bodyText()).isEqualTo(200);
        return JSON.readTree(r.body());
    }

    private Fixture fixture(RawHttp raw) throws Exception {
        JsonNode key = ok(call(raw, "CreateKey", "{}")).path("KeyMetadata");
        String alias = "alias/bad-" + ALIASES.incrementAndGet();
        ok(call(raw, "CreateAlias", "{\"AliasName\":\"" + alias + "\",\"TargetKeyId\":\"" + key.path("KeyId").asText()
                + "\"}"));
        String blob = ok(call(raw, "Encrypt", "{\"KeyId\":\"" + alias + "\",\"Plaintext\":\"c2VjcmV0\"}"))
                .path("CiphertextBlob").asText();
        return new Fixture(key.path("KeyId").asText(), key.path("Arn").asText(), alias, blob);
    }

    private static ObjectNode validInput(OperationModel operation, Fixture f) {
        ObjectNode input = NODES.objectNode();
        if (operation.input() == null) {
            return input;
        }
        for (Member member : operation.input().members().values()) {
            input.set(member.name(), switch (member.name()) {
                case "KeyId", "TargetKeyId", "DestinationKeyId", "SourceKeyId" -> NODES.textNode(f.keyId());
                case "AliasName" -> NODES.textNode(f.alias());
                case "CiphertextBlob" -> NODES.textNode(f.ciphertext());
                case "Policy" -> NODES.textNode("{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
                        + "\"Principal\":{\"AWS\":\"arn:aws:iam::000000000000:root\"},\"Action\":\"kms:*\","
                        + "\"Resource\":\"*\"}]}");
                case "PolicyName" -> NODES.textNode("default");
                case "DryRun" -> NODES.booleanNode(false);
                default -> ModelSamples.json(member.shape(), 3);
            });
        }
        return input;
    }

    private static List<JsonNode> badValues() {
        return List.of(NODES.nullNode(), NODES.textNode(""), NODES.textNode("x".repeat(10_000)),
                NODES.textNode("\u0000\u0001\ud800"), NODES.numberNode(-1), NODES.numberNode(Long.MAX_VALUE),
                NODES.numberNode(2.5), NODES.booleanNode(false), NODES.arrayNode(), NODES.objectNode(),
                NODES.textNode("arn:aws:kms:us-east-1:1:key/x"), NODES.textNode("alias/aws/sqs"),
                NODES.textNode("not base64 !!"));
    }

    private void check(String operation, String variant, RawHttp.Response response) {
        requests++;
        String text = response.bodyText();
        String where = operation + " " + variant + " -> " + response.status() + " "
                + text.substring(0, Math.min(200, text.length()));
        boolean notImplemented = response.status() == 501 && text.contains("NotImplemented");
        if ((response.status() >= 500 && !notImplemented) || (response.status() >= 300 && response.status() < 400)) {
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
            Fixture f = fixture(raw);
            check(operation.name(), "valid", call(raw, operation.name(),
                    JSON.writeValueAsString(validInput(operation, f))));
            check(operation.name(), "garbage", raw.post("/", "application/x-amz-json-1.1",
                    new byte[]{(byte) 0xff, 0x7b, 0x22}, Map.of("X-Amz-Target", "TrentService." + operation.name())));
            if (operation.input() == null) {
                continue;
            }
            for (Member member : operation.input().members().values()) {
                for (JsonNode bad : badValues()) {
                    ObjectNode input = validInput(operation, f);
                    input.set(member.name(), bad);
                    check(operation.name(), member.name() + "=" + abbreviate(bad),
                            call(raw, operation.name(), JSON.writeValueAsString(input)));
                }
            }
        }
        assertThat(failures).as(requests + " requests").isEmpty();
        assertThat(requests).isGreaterThan(1_000);
    }

    private static String abbreviate(JsonNode node) {
        String text = node.toString();
        return text.length() > 20 ? text.substring(0, 20) + "…" : text;
    }
}
