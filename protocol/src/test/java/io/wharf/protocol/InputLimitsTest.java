package io.wharf.protocol;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.cbor.CBORFactory;
import com.fasterxml.jackson.dataformat.cbor.CBORGenerator;
import io.wharf.protocol.json.JsonDecoder;
import io.wharf.protocol.json.JsonFormat;
import io.wharf.protocol.query.QueryDecoder;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

import static io.wharf.protocol.TestModels.KINESIS;
import static io.wharf.protocol.TestModels.SQS;
import static io.wharf.protocol.TestModels.op;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The caps of {@link InputLimits}: reached exactly is fine, one more is refused with the protocol's error. */
class InputLimitsTest {
    private static String pairs(int count) {
        StringBuilder body = new StringBuilder();
        for (int i = 0; i < count; i++) {
            body.append(i == 0 ? "" : "&").append("p").append(i).append("=v");
        }
        return body.toString();
    }

    @Test
    void formBodyAtTheCapIsDecodedWhole() {
        Map<String, String> params = new LinkedHashMap<>();
        assertThat(FormDecoder.decode(pairs(InputLimits.MAX_FORM_PARAMETERS), params)).isTrue();
        assertThat(params).hasSize(InputLimits.MAX_FORM_PARAMETERS);
    }

    @Test
    void formBodyOverTheCapIsMalformedQueryStringAndDecodingStopsThere() {
        Map<String, String> params = new LinkedHashMap<>();
        assertThat(FormDecoder.decode(pairs(25) + "&bad=%zz", params, 20)).isFalse();
        // the 21st pair was never decoded, nor the broken %-escape after it
        assertThat(params).hasSize(20);
        AwsException e = FormDecoder.tooMany(20);
        assertThat(e.code()).isEqualTo("MalformedQueryString");
        assertThat(e.httpStatus()).isEqualTo(400);
        assertThat(e.senderFault()).isTrue();
        assertThat(e.getMessage()).isEqualTo("The request has more than 20 parameters.");
    }

    @Test
    void emptyPairsDoNotCount() {
        Map<String, String> params = new LinkedHashMap<>();
        assertThat(FormDecoder.decode("&&&a=1&&&&b=2&&&", params, 2)).isTrue();
        assertThat(params).containsOnlyKeys("a", "b");
    }

    @Test
    void theRealLargestQueryCallsFitFarUnderTheCap() {
        // SendMessageBatch with 10 entries of 10 string message attributes and a trace header each
        Map<String, String> params = new LinkedHashMap<>();
        params.put("Action", "SendMessageBatch");
        params.put("QueueUrl", "http://localhost/000000000000/q");
        for (int entry = 1; entry <= 10; entry++) {
            String e = "SendMessageBatchRequestEntry." + entry + ".";
            params.put(e + "Id", "id" + entry);
            params.put(e + "MessageBody", "body");
            for (int attribute = 1; attribute <= 10; attribute++) {
                String a = e + "MessageAttribute." + attribute + ".";
                params.put(a + "Name", "a" + attribute);
                params.put(a + "Value.DataType", "String");
                params.put(a + "Value.StringValue", "v");
            }
        }
        ObjectNode tree = QueryDecoder.decode(params, op(SQS, "SendMessageBatch").input(), ValidationErrors.DEFAULT);
        assertThat(tree.get("Entries")).hasSize(10);
        assertThat(params.size()).isLessThan(InputLimits.MAX_FORM_PARAMETERS / 10);
    }

    private static String jsonArray(int elements) {
        StringBuilder json = new StringBuilder("{\"Records\":[");
        for (int i = 0; i < elements; i++) {
            json.append(i == 0 ? "" : ",").append('0');
        }
        return json.append("]}").toString();
    }

    @Test
    void jsonDocumentOverTheTokenCapIsASerializationException() {
        // {, name, [, n values, ], } = n + 5 tokens
        int fits = InputLimits.MAX_JSON_TOKENS - 5;
        ObjectNode tree = JsonDecoder.parse(jsonArray(fits).getBytes(StandardCharsets.UTF_8), JsonFormat.JSON,
                ValidationErrors.DEFAULT);
        assertThat(tree.get("Records")).hasSize(fits);
        assertThatThrownBy(() -> JsonDecoder.parse(jsonArray(fits + 1).getBytes(StandardCharsets.UTF_8),
                JsonFormat.JSON, ValidationErrors.DEFAULT))
                .isInstanceOfSatisfying(AwsException.class, e -> {
                    assertThat(e.code()).isEqualTo("SerializationException");
                    assertThat(e.httpStatus()).isEqualTo(400);
                    assertThat(e.getMessage()).isEqualTo("The request document has more than "
                            + InputLimits.MAX_JSON_TOKENS + " elements.");
                });
    }

    @Test
    void cborDocumentOverTheTokenCapIsASerializationException() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (CBORGenerator out = new CBORFactory().createGenerator(bytes)) {
            out.writeStartObject();
            out.writeFieldName("Records");
            out.writeStartArray();
            for (int i = 0; i < InputLimits.MAX_JSON_TOKENS; i++) {
                out.writeNumber(0);
            }
            out.writeEndArray();
            out.writeEndObject();
        }
        assertThatThrownBy(() -> JsonDecoder.parse(bytes.toByteArray(), JsonFormat.CBOR, ValidationErrors.DEFAULT))
                .isInstanceOfSatisfying(AwsException.class, e -> {
                    assertThat(e.code()).isEqualTo("SerializationException");
                    assertThat(e.getMessage()).contains("more than " + InputLimits.MAX_JSON_TOKENS + " elements");
                });
    }

    @Test
    void deepNestingStaysRefused() {
        String deep = "{\"a\":" + "[".repeat(2_000) + "]".repeat(2_000) + "}";
        assertThatThrownBy(() -> JsonDecoder.parse(deep.getBytes(StandardCharsets.UTF_8), JsonFormat.JSON,
                ValidationErrors.DEFAULT))
                .isInstanceOfSatisfying(AwsException.class, e -> {
                    assertThat(e.code()).isEqualTo("SerializationException");
                    assertThat(e.getMessage()).isEqualTo("The request document is nested too deeply.");
                });
    }

    // ------------------------------------------------------------------ numbers no value of the type holds

    private static final ObjectMapper JSON = new ObjectMapper();

    private static AwsException refused(String operation, String json, JsonFormat format) {
        ObjectNode tree = JsonDecoder.parse(json.getBytes(StandardCharsets.UTF_8), JsonFormat.JSON,
                ValidationErrors.DEFAULT);
        try {
            new Validator(ValidationErrors.DEFAULT, format.timestampsInMillis(), true)
                    .validate(tree, op(KINESIS, operation).input());
        } catch (AwsException e) {
            return e;
        }
        throw new AssertionError("accepted: " + json);
    }

    @Test
    void timestampOfOneE999IsASerializationException() {
        AwsException e = refused("GetShardIterator", "{\"StreamName\":\"s\",\"ShardId\":\"shardId-000000000000\","
                + "\"ShardIteratorType\":\"AT_TIMESTAMP\",\"Timestamp\":1e999}", JsonFormat.JSON);
        assertThat(e.code()).isEqualTo("SerializationException");
        assertThat(e.httpStatus()).isEqualTo(400);
        assertThat(e.getMessage()).isEqualTo("Value of Timestamp cannot be read as a timestamp: the number is out of range.");
    }

    @Test
    void timestampsBeyondALongOfMillisecondsAreSerializationExceptions() {
        for (String value : new String[] {"1e300", "-1e300", "9223372036854775.808", "\"1e300\"",
                "\"99999999999999999999999\"", "1E+999999999"}) {
            AwsException e = refused("GetShardIterator", "{\"StreamName\":\"s\",\"ShardId\":\"x\","
                    + "\"ShardIteratorType\":\"AT_TIMESTAMP\",\"Timestamp\":" + value + "}", JsonFormat.JSON);
            assertThat(e.code()).as(value).isIn("SerializationException", "InvalidParameterValue");
            assertThat(e.httpStatus()).isEqualTo(400);
        }
        // the largest that fits is still accepted
        ObjectNode tree = JsonDecoder.parse(("{\"StreamName\":\"s\",\"ShardId\":\"x\",\"ShardIteratorType\":"
                + "\"AT_TIMESTAMP\",\"Timestamp\":\"9223372036854775.807\"}").getBytes(StandardCharsets.UTF_8),
                JsonFormat.JSON, ValidationErrors.DEFAULT);
        new Validator(ValidationErrors.DEFAULT).validate(tree, op(KINESIS, "GetShardIterator").input());
        assertThat(tree.get("Timestamp").asLong()).isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void nonFiniteIntegersAreSerializationExceptionsAndOverflowsTypeErrors() throws Exception {
        for (String value : new String[] {"1e999", "-1e999"}) {
            ObjectNode tree = (ObjectNode) JSON.readTree("{\"StreamName\":\"s\",\"MaxResults\":" + value + "}");
            assertThatThrownBy(() -> new Validator(ValidationErrors.DEFAULT)
                    .validate(tree, op(KINESIS, "ListShards").input()))
                    .as(value)
                    .isInstanceOfSatisfying(AwsException.class,
                            e -> assertThat(e.code()).isEqualTo("SerializationException"));
        }
        // an integer too large for the type is a type error, which each service words (Kinesis: SerializationException)
        for (String value : new String[] {"99999999999999999999", "2147483648"}) {
            ObjectNode tree = (ObjectNode) JSON.readTree("{\"StreamName\":\"s\",\"MaxResults\":" + value + "}");
            assertThatThrownBy(() -> new Validator(ValidationErrors.DEFAULT)
                    .validate(tree, op(KINESIS, "ListShards").input()))
                    .as(value)
                    .isInstanceOfSatisfying(AwsException.class, e -> {
                        assertThat(e.code()).isEqualTo("InvalidParameterValue");
                        assertThat(e.getMessage()).contains("expected an integer");
                    });
        }
    }

    @Test
    void cborNaNAndInfinityAreSerializationExceptions() throws Exception {
        ObjectMapper cbor = JsonFormat.CBOR.mapper();
        for (double value : new double[] {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY}) {
            ObjectNode body = cbor.createObjectNode().put("StreamName", "s").put("ShardId", "x")
                    .put("ShardIteratorType", "AT_TIMESTAMP").put("Timestamp", value);
            ObjectNode tree = JsonDecoder.parse(cbor.writeValueAsBytes(body), JsonFormat.CBOR, ValidationErrors.DEFAULT);
            assertThatThrownBy(() -> new Validator(ValidationErrors.DEFAULT, true, true)
                    .validate(tree, op(KINESIS, "GetShardIterator").input()))
                    .as(Double.toString(value))
                    .isInstanceOfSatisfying(AwsException.class,
                            e -> assertThat(e.code()).isEqualTo("SerializationException"));
            ObjectNode limit = JsonDecoder.parse(cbor.writeValueAsBytes(cbor.createObjectNode().put("MaxResults", value)),
                    JsonFormat.CBOR, ValidationErrors.DEFAULT);
            assertThatThrownBy(() -> new Validator(ValidationErrors.DEFAULT, true, true)
                    .validate(limit, op(KINESIS, "ListShards").input()))
                    .isInstanceOfSatisfying(AwsException.class,
                            e -> assertThat(e.code()).isEqualTo("SerializationException"));
        }
    }

    @Test
    void queryNumbersBeyondTheirTypeAreInvalidParameterValues() {
        Map<String, String> params = TestModels.params("QueueUrl", "u", "MessageBody", "b",
                "DelaySeconds", "99999999999999999999999");
        assertThatThrownBy(() -> QueryDecoder.decode(params, op(SQS, "SendMessage").input(), ValidationErrors.DEFAULT))
                .isInstanceOfSatisfying(AwsException.class, e -> {
                    assertThat(e.code()).isEqualTo("InvalidParameterValue");
                    assertThat(e.httpStatus()).isEqualTo(400);
                });
    }
}
