package io.wharf.protocol.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wharf.protocol.AwsException;
import io.wharf.protocol.RecordingErrors;
import io.wharf.protocol.ValidationErrors;
import io.wharf.protocol.Validator;
import io.wharf.protocol.model.Shape;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Random;

import static io.wharf.protocol.TestModels.KINESIS;
import static io.wharf.protocol.TestModels.SQS;
import static io.wharf.protocol.TestModels.op;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Blobs decoded while the JSON is read give the operation exactly the tree (or the error) it got when the
 * {@link Validator} decoded them from text nodes.
 */
class BlobReaderTest {
    private static final ValidationErrors ERRORS = new RecordingErrors(true);

    /** What the operation sees: the validated tree, or the error's text. */
    private static String outcome(String json, Shape input, boolean blobAware) {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        try {
            ObjectNode tree = blobAware ? JsonDecoder.parse(body, JsonFormat.JSON, ERRORS, input)
                    : JsonDecoder.parse(body, JsonFormat.JSON, ERRORS);
            return new Validator(ERRORS).validate(tree, input).toString();
        } catch (AwsException e) {
            return e.code() + ": " + e.getMessage();
        }
    }

    private static void same(String json, Shape input) {
        assertThat(outcome(json, input, true)).as(json).isEqualTo(outcome(json, input, false));
    }

    @Test
    void plainBase64IsABinaryNodeBeforeValidation() {
        String json = "{ \"StreamName\": \"s\", \"Records\": [ {\"Data\":\"aGVsbG8=\", \"PartitionKey\":\"p\"},"
                + "{\"PartitionKey\":\"q\",\"Data\" : \"\"}]}";
        ObjectNode tree = JsonDecoder.parse(json.getBytes(StandardCharsets.UTF_8), JsonFormat.JSON, ERRORS,
                op(KINESIS, "PutRecords").input());
        JsonNode first = tree.get("Records").get(0).get("Data");
        assertThat(first.isBinary()).isTrue();
        assertThat(new String(((com.fasterxml.jackson.databind.node.BinaryNode) first).binaryValue(),
                StandardCharsets.UTF_8)).isEqualTo("hello");
        assertThat(tree.get("Records").get(1).get("Data").isBinary()).isTrue();
        same(json, op(KINESIS, "PutRecords").input());
    }

    @Test
    void textTheStrictDecoderRefusesGoesTheValidatorsWay() {
        Shape putRecord = op(KINESIS, "PutRecord").input();
        for (String data : List.of("aGVs bG8=", "aGVs\\nbG8=", "aGVs\\/bG8=", "AAH/!!", "aGk", "a", "\\u0061Gk=",
                "aGk=\\u00A0", "é", "aGk=aGk=")) {
            String json = "{\"StreamName\":\"s\",\"PartitionKey\":\"p\",\"Data\":\"" + data + "\"}";
            same(json, putRecord);
        }
        assertThat(outcome("{\"StreamName\":\"s\",\"PartitionKey\":\"p\",\"Data\":\"AAH/!!\"}", putRecord, true))
                .contains("the value is not valid base64");
    }

    @Test
    void documentsOfEveryOtherKindReadAsTheMapperReadsThem() {
        Shape putRecords = op(KINESIS, "PutRecords").input();
        for (String json : List.of("", " ", "null", "[]", "\"x\"", "{}", "{\"Records\":null}", "{\"Records\":{}}",
                "{\"Records\":[1, 2.5, true, null, \"x\", [], {\"Data\":[\"aGk=\"]}]}",
                "{\"Records\":[{\"Data\":\"aGk=\",\"PartitionKey\":\"p\",\"Data\":\"b2s=\"}],\"StreamName\":\"s\"}",
                "{\"StreamName\":\"s\",\"Unknown\":{\"Data\":\"aGk=\",\"n\":12345678901234567890},\"Records\":[]}",
                "{\"Records\":[{\"Data\":\"aGk=\",\"PartitionKey\":\"p\"}],\"StreamName\":\"s\"} trailing",
                "{\"Records\":[{\"Data\":\"aGk=\"", "{\"Records\":[{\"Data\":aGk=}]}",
                "{\"StreamName\":\"s\",\"Records\":[{\"Data\":\"aGk=\",\"PartitionKey\":\"\\u00e9\\n\"}]}")) {
            same(json, putRecords);
        }
    }

    @Test
    void blobsInsideMapsOfStructuresAreFoundToo() {
        Shape send = op(SQS, "SendMessage").input();
        assertThat(BlobReader.holdsBlobs(send)).isTrue();
        assertThat(BlobReader.holdsBlobs(op(SQS, "GetQueueUrl").input())).isFalse();
        String json = "{\"QueueUrl\":\"u\",\"MessageBody\":\"b\",\"MessageAttributes\":{\"bin\":{\"DataType\":\"Binary\","
                + "\"BinaryValue\":\"AQID\"},\"odd\":{\"DataType\":\"Binary\",\"BinaryValue\":\"AQ ID\"}}}";
        ObjectNode tree = JsonDecoder.parse(json.getBytes(StandardCharsets.UTF_8), JsonFormat.JSON, ERRORS, send);
        assertThat(tree.at("/MessageAttributes/bin/BinaryValue").isBinary()).isTrue();
        assertThat(tree.at("/MessageAttributes/odd/BinaryValue").isTextual()).isTrue();
        same(json, send);
    }

    @Test
    void theClosingQuoteIsFoundEightBytesAtATimeAsOneByOne() {
        Random random = new Random(8);
        byte[] alphabet = "AZaz09+/=\"\\ \u00e9".getBytes(StandardCharsets.UTF_8);
        for (int round = 0; round < 20_000; round++) {
            byte[] bytes = new byte[random.nextInt(40)];
            for (int i = 0; i < bytes.length; i++) {
                bytes[i] = random.nextInt(6) == 0 ? alphabet[random.nextInt(alphabet.length)] : (byte) ('A' + random.nextInt(26));
            }
            int from = bytes.length == 0 ? 0 : random.nextInt(bytes.length);
            int expected = -1;
            for (int i = from; i < bytes.length; i++) {
                if (bytes[i] == '"') {
                    expected = i;
                    break;
                }
                if (bytes[i] == '\\') {
                    break;
                }
            }
            assertThat(BlobReader.closingQuote(bytes, from)).as(new String(bytes, StandardCharsets.ISO_8859_1))
                    .isEqualTo(expected);
        }
    }

    /** Random PutRecords documents: plain, wrapped, escaped and broken base64, odd spacing, unknown members. */
    @Test
    void randomDocumentsGiveTheSameOutcome() {
        Random random = new Random(2026);
        Shape putRecords = op(KINESIS, "PutRecords").input();
        for (int doc = 0; doc < 500; doc++) {
            List<String> records = new ArrayList<>();
            for (int r = 0; r < 1 + random.nextInt(5); r++) {
                byte[] data = new byte[random.nextInt(40)];
                random.nextBytes(data);
                String text = Base64.getEncoder().encodeToString(data);
                switch (random.nextInt(8)) {
                    case 0 -> text = text.length() > 2 ? text.substring(0, 2) + "\\r\\n" + text.substring(2) : text;
                    case 1 -> text = text.replace("/", "\\/");
                    case 2 -> text = text.isEmpty() ? "=" : text.substring(0, text.length() - 1);
                    case 3 -> text = text + "#";
                    default -> { }
                }
                String space = random.nextBoolean() ? " " : "";
                records.add("{" + space + "\"PartitionKey\":\"k" + r + "\"," + space + "\"Data\"" + space + ":"
                        + space + "\"" + text + "\"" + (random.nextInt(4) == 0 ? ",\"X\":[1,{\"y\":null}]" : "") + "}");
            }
            String json = "{\"StreamName\":\"s\",\"Records\":[" + String.join(",", records) + "]}";
            same(json, putRecords);
        }
    }
}
