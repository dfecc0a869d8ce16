package io.wharf.protocol.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wharf.protocol.ValidationErrors;
import io.wharf.protocol.Validator;
import io.wharf.protocol.model.OperationModel;
import io.wharf.protocol.model.Shape;
import io.wharf.protocol.query.RandomTrees;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.Random;
import java.util.stream.Stream;

import static io.wharf.protocol.TestModels.KINESIS;
import static io.wharf.protocol.TestModels.SQS;
import static io.wharf.protocol.TestModels.op;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Round-trip law for the JSON family: for every input and output shape of the Kinesis model (and SQS's,
 * the other JSON service), in both encodings, and random trees in the canonical form (timestamps epoch
 * milliseconds, blobs binary), {@code normalise(decode(encode(tree))) == tree}. Anchors below pin the
 * encodings to what the AWS SDK for Java writes, so the law cannot hold over a wrong but symmetric codec.
 */
class JsonRoundTripTest {
    private static final long SEED = RandomTrees.seed("JsonRoundTripTest");
    private static final int TREES_PER_SHAPE = 100;
    /** A long that fits an int comes back as an int node: the same value, which is all the wire carries. */
    private static final Comparator<JsonNode> NUMBERS_BY_VALUE = (a, b) -> {
        if (a.isNumber() && b.isNumber()) {
            return a.decimalValue().compareTo(b.decimalValue());
        }
        return a.equals(b) ? 0 : 1;
    };

    @TestFactory
    Stream<DynamicTest> kinesisJson() {
        return roundTrips(KINESIS.operations().stream(), JsonFormat.JSON);
    }

    @TestFactory
    Stream<DynamicTest> kinesisCbor() {
        return roundTrips(KINESIS.operations().stream(), JsonFormat.CBOR);
    }

    @TestFactory
    Stream<DynamicTest> sqsJson() {
        return roundTrips(SQS.operations().stream(), JsonFormat.JSON);
    }

    private static Stream<DynamicTest> roundTrips(Stream<OperationModel> operations, JsonFormat format) {
        return operations.sorted(Comparator.comparing(OperationModel::name)).flatMap(operation -> Stream.of(
                        operation.input() == null ? null : DynamicTest.dynamicTest(operation.name() + " input",
                                () -> roundTrip(operation.input(), format)),
                        operation.output() == null ? null : DynamicTest.dynamicTest(operation.name() + " output",
                                () -> roundTrip(operation.output(), format)))
                .filter(java.util.Objects::nonNull));
    }

    private static void roundTrip(Shape shape, JsonFormat format) {
        RandomTrees trees = new RandomTrees(new Random(SEED ^ shape.name().hashCode()), false);
        Validator normaliser = new Validator(ValidationErrors.DEFAULT, format.timestampsInMillis(), false);
        for (int i = 0; i < TREES_PER_SHAPE; i++) {
            ObjectNode tree = trees.structure(shape);
            byte[] wire = JsonEncoder.encode(tree.deepCopy(), shape, format);
            ObjectNode decoded = normaliser.validate(JsonDecoder.parse(wire, format, ValidationErrors.DEFAULT), shape);
            assertThat(decoded.equals(NUMBERS_BY_VALUE, tree)).as("seed %d, %s %s tree %d, wire %s:%n%s%n%s", SEED,
                    shape.name(), format, i, HexFormat.of().formatHex(wire), tree, decoded).isTrue();
        }
    }

    @Test
    void jsonWritesTimestampsAsPlainEpochSecondsAndBlobsAsBase64() throws Exception {
        ObjectNode record = new ObjectMapper().createObjectNode();
        record.put("ApproximateArrivalTimestamp", 1_545_084_650_987L);
        record.put("Data", new byte[]{1, 2, 3});
        record.put("SequenceNumber", "1");
        byte[] wire = JsonEncoder.encode(record, KINESIS.shape("Record"), JsonFormat.JSON);
        assertThat(new String(wire, StandardCharsets.UTF_8))
                .isEqualTo("{\"ApproximateArrivalTimestamp\":1545084650.987,\"Data\":\"AQID\",\"SequenceNumber\":\"1\"}");
    }

    @Test
    void cborWritesTimestampsAsTaggedMillisecondsAndBlobsAsByteStrings() {
        ObjectNode record = new ObjectMapper().createObjectNode();
        record.put("ApproximateArrivalTimestamp", 1_787_036_486_712L);
        record.put("Data", new byte[]{1, 2, 3});
        String hex = HexFormat.of().formatHex(JsonEncoder.encode(record, KINESIS.shape("Record"), JsonFormat.CBOR));
        // tag 1 (c1), uint64 (1b) 0x000001a013accc38 = 1787036486712 ms, as captured from the SDK (kinesis.md §1.3)
        assertThat(hex).contains("c11b000001a013accc38");
        // "Data" then a byte string (major type 2) of three bytes: 43 010203
        assertThat(hex).contains(HexFormat.of().formatHex("Data".getBytes(StandardCharsets.US_ASCII)) + "43010203");
    }

    @Test
    void cborRequestTimestampsAreMillisecondsAndJsonOnesSeconds() {
        Shape input = op(KINESIS, "GetShardIterator").input();
        byte[] cbor = HexFormat.of().parseHex("a1" + "69" + HexFormat.of().formatHex("Timestamp".getBytes(StandardCharsets.US_ASCII))
                + "c11b000001a013accc38");
        JsonNode fromCbor = new Validator(ValidationErrors.DEFAULT, true, false)
                .validate(JsonDecoder.parse(cbor, JsonFormat.CBOR, ValidationErrors.DEFAULT), input).get("Timestamp");
        assertThat(fromCbor.asLong()).isEqualTo(1_787_036_486_712L);
        byte[] json = "{\"Timestamp\":1787036486.712}".getBytes(StandardCharsets.UTF_8);
        JsonNode fromJson = new Validator(ValidationErrors.DEFAULT, false, false)
                .validate(JsonDecoder.parse(json, JsonFormat.JSON, ValidationErrors.DEFAULT), input).get("Timestamp");
        assertThat(fromJson.asLong()).isEqualTo(1_787_036_486_712L);
    }

    @Test
    void errorsCarryTypeAndMessageInBothEncodings() throws Exception {
        byte[] cbor = JsonEncoder.error("ResourceNotFoundException", "Stream s under account 000000000000 not found.",
                JsonFormat.CBOR);
        JsonNode tree = new ObjectMapper(new com.fasterxml.jackson.dataformat.cbor.CBORFactory()).readTree(cbor);
        assertThat(tree.get("__type").asText()).isEqualTo("ResourceNotFoundException");
        assertThat(tree.get("message").asText()).isEqualTo("Stream s under account 000000000000 not found.");
        assertThat(new String(JsonEncoder.error("X", null, JsonFormat.JSON), StandardCharsets.UTF_8))
                .isEqualTo("{\"__type\":\"X\"}");
    }
}
