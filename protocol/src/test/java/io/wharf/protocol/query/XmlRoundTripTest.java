package io.wharf.protocol.query;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wharf.protocol.model.OperationModel;
import io.wharf.protocol.model.ServiceModel;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.util.Comparator;
import java.util.Random;
import java.util.stream.Stream;

import static io.wharf.protocol.TestModels.SNS;
import static io.wharf.protocol.TestModels.SQS;
import static io.wharf.protocol.TestModels.op;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Round-trip law for Query XML output: for every output shape of the SQS and SNS models and random trees,
 * {@code ReferenceXmlDecoder.response(XmlEncoder.response(op, tree)) == tree}. Strings carry XML specials,
 * CR, LF, tab and astral characters; blobs are compared as bytes and timestamps as epoch milliseconds.
 */
class XmlRoundTripTest {
    private static final long SEED = RandomTrees.seed("XmlRoundTripTest");
    private static final int TREES_PER_OPERATION = 200;

    @TestFactory
    Stream<DynamicTest> sqsOutputs() {
        return roundTrips(SQS);
    }

    @TestFactory
    Stream<DynamicTest> snsOutputs() {
        return roundTrips(SNS);
    }

    private static Stream<DynamicTest> roundTrips(ServiceModel model) {
        return model.operations().stream()
                .sorted(Comparator.comparing(OperationModel::name))
                .map(operation -> DynamicTest.dynamicTest(operation.name(), () -> roundTrip(model, operation)));
    }

    private static void roundTrip(ServiceModel model, OperationModel operation) {
        if (operation.output() == null) {
            String xml = XmlEncoder.response(operation, null, model.xmlNamespace(), "r");
            assertThat(ReferenceXmlDecoder.response(operation, xml)).isNull();
            return;
        }
        RandomTrees trees = new RandomTrees(new Random(SEED ^ operation.name().hashCode()), true);
        for (int i = 0; i < TREES_PER_OPERATION; i++) {
            ObjectNode tree = trees.structure(operation.output());
            String xml = XmlEncoder.response(operation, tree, model.xmlNamespace(), "r");
            assertThat(ReferenceXmlDecoder.response(operation, xml))
                    .as("seed %d, %s tree %d, xml %s", SEED, operation.name(), i, xml)
                    .isEqualTo(tree);
        }
    }

    /** The reference decoder rejects what botocore would misread, so that the law can fail. */
    @Test
    void referenceDecoderIsStrict() {
        String wrongItem = "<ListTopicsResponse><ListTopicsResult><Topics><item><TopicArn>a</TopicArn></item></Topics>"
                + "</ListTopicsResult><ResponseMetadata><RequestId>r</RequestId></ResponseMetadata></ListTopicsResponse>";
        assertThatThrownBy(() -> ReferenceXmlDecoder.response(op(SNS, "ListTopics"), wrongItem))
                .hasMessageContaining("list item item");
        String unknown = "<ListQueuesResponse><ListQueuesResult><QueueUrls>u</QueueUrls></ListQueuesResult>"
                + "<ResponseMetadata><RequestId>r</RequestId></ResponseMetadata></ListQueuesResponse>";
        assertThatThrownBy(() -> ReferenceXmlDecoder.response(op(SQS, "ListQueues"), unknown))
                .hasMessageContaining("unexpected elements [QueueUrls]");
        String good = "<ListQueuesResponse><ListQueuesResult><QueueUrl>u1</QueueUrl><QueueUrl>u2</QueueUrl>"
                + "</ListQueuesResult><ResponseMetadata><RequestId>r</RequestId></ResponseMetadata></ListQueuesResponse>";
        assertThat(ReferenceXmlDecoder.response(op(SQS, "ListQueues"), good).toString())
                .isEqualTo("{\"QueueUrls\":[\"u1\",\"u2\"]}");
    }
}
