package io.wharf.protocol.query;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wharf.protocol.ValidationErrors;
import io.wharf.protocol.model.OperationModel;
import io.wharf.protocol.model.ServiceModel;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.util.Comparator;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;

import static io.wharf.protocol.TestModels.SNS;
import static io.wharf.protocol.TestModels.SQS;
import static io.wharf.protocol.TestModels.op;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Round-trip law for Query input: for every input shape of the SQS and SNS models and random trees,
 * {@code QueryDecoder.decode(ReferenceQueryEncoder.encode(tree)) == tree}.
 */
class QueryRoundTripTest {
    private static final long SEED = RandomTrees.seed("QueryRoundTripTest");
    private static final int TREES_PER_OPERATION = 200;

    @TestFactory
    Stream<DynamicTest> sqsInputs() {
        return roundTrips(SQS);
    }

    @TestFactory
    Stream<DynamicTest> snsInputs() {
        return roundTrips(SNS);
    }

    private static Stream<DynamicTest> roundTrips(ServiceModel model) {
        return model.operations().stream()
                .filter(operation -> operation.input() != null)
                .sorted(Comparator.comparing(OperationModel::name))
                .map(operation -> DynamicTest.dynamicTest(operation.name(), () -> roundTrip(model, operation)));
    }

    private static void roundTrip(ServiceModel model, OperationModel operation) {
        RandomTrees trees = new RandomTrees(new Random(SEED ^ operation.name().hashCode()), false);
        for (int i = 0; i < TREES_PER_OPERATION; i++) {
            ObjectNode tree = trees.structure(operation.input());
            Map<String, String> params = ReferenceQueryEncoder.encode(operation, model.apiVersion(), tree);
            ObjectNode decoded = QueryDecoder.decode(params, operation.input(), ValidationErrors.DEFAULT);
            assertThat(decoded).as("seed %d, %s tree %d, params %s", SEED, operation.name(), i, params)
                    .isEqualTo(tree);
        }
    }

    /** Anchors the reference encoder to the documented SQS and SNS wire names. */
    @Test
    void referenceEncoderProducesTheDocumentedNames() throws Exception {
        ObjectNode sqs = (ObjectNode) new com.fasterxml.jackson.databind.ObjectMapper().readTree(
                "{\"QueueUrl\":\"u\",\"Entries\":[{\"Id\":\"a\",\"MessageBody\":\"b\",\"MessageAttributes\":"
                        + "{\"k\":{\"DataType\":\"String\",\"StringValue\":\"v\"}}}]}");
        assertThat(ReferenceQueryEncoder.encode(op(SQS, "SendMessageBatch"), SQS.apiVersion(), sqs)).containsExactly(
                Map.entry("Action", "SendMessageBatch"), Map.entry("Version", "2012-11-05"),
                Map.entry("QueueUrl", "u"), Map.entry("SendMessageBatchRequestEntry.1.Id", "a"),
                Map.entry("SendMessageBatchRequestEntry.1.MessageBody", "b"),
                Map.entry("SendMessageBatchRequestEntry.1.MessageAttribute.1.Name", "k"),
                Map.entry("SendMessageBatchRequestEntry.1.MessageAttribute.1.Value.DataType", "String"),
                Map.entry("SendMessageBatchRequestEntry.1.MessageAttribute.1.Value.StringValue", "v"));
        ObjectNode sns = (ObjectNode) new com.fasterxml.jackson.databind.ObjectMapper().readTree(
                "{\"Name\":\"t\",\"Attributes\":{\"k\":\"v\"},\"Tags\":[{\"Key\":\"a\",\"Value\":\"b\"}]}");
        assertThat(ReferenceQueryEncoder.encode(op(SNS, "CreateTopic"), SNS.apiVersion(), sns)).containsExactly(
                Map.entry("Action", "CreateTopic"), Map.entry("Version", "2010-03-31"), Map.entry("Name", "t"),
                Map.entry("Attributes.entry.1.key", "k"), Map.entry("Attributes.entry.1.value", "v"),
                Map.entry("Tags.member.1.Key", "a"), Map.entry("Tags.member.1.Value", "b"));
        assertThat(ReferenceQueryEncoder.iso8601(1_700_000_000_123L)).isEqualTo("2023-11-14T22:13:20.123000Z");
        assertThat(ReferenceQueryEncoder.iso8601(1_700_000_000_000L)).isEqualTo("2023-11-14T22:13:20Z");
    }
}
