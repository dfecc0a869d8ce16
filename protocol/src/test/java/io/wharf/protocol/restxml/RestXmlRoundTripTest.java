package io.wharf.protocol.restxml;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wharf.protocol.TestModels;
import io.wharf.protocol.ValidationErrors;
import io.wharf.protocol.model.Member;
import io.wharf.protocol.model.OperationModel;
import io.wharf.protocol.model.Shape;
import io.wharf.protocol.model.ShapeType;
import io.wharf.protocol.model.XmlNamespace;
import io.wharf.protocol.query.RandomTrees;
import io.wharf.protocol.rest.Timestamps;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Round-trip law for REST-XML documents: for every XML document of the S3 model — each operation's structure payload
 * (input and output) and each output written from its body members — and random trees (XML specials, CR, LF, tab and
 * astral characters in strings; blobs; timestamps to the millisecond, to the second in RFC 822 members), the
 * encoder's document read back by the decoder is the tree again. Shapes where two members share an element
 * (S3's deprecated notification configuration: {@code Event} and {@code Events}) are left out: no reader can tell them
 * apart.
 */
class RestXmlRoundTripTest {
    private static final long SEED = RandomTrees.seed("RestXmlRoundTripTest");
    private static final int TREES_PER_DOCUMENT = 100;
    private static final XmlNamespace S3 = new XmlNamespace(null, "http://s3.amazonaws.com/doc/2006-03-01/");

    @TestFactory
    Stream<DynamicTest> s3Documents() {
        Map<String, Shape> documents = new LinkedHashMap<>();
        TestModels.S3.operations().stream().sorted(Comparator.comparing(OperationModel::name)).forEach(operation -> {
            for (Shape shape : new Shape[] {operation.input(), operation.output()}) {
                if (shape == null) {
                    continue;
                }
                if (shape.payload() != null) {
                    Member payload = shape.member(shape.payload());
                    if (payload.shape().type() == ShapeType.STRUCTURE && !payload.shape().eventStream()) {
                        documents.putIfAbsent(payload.shape().name(), payload.shape());
                    }
                } else if (shape == operation.output()
                        && shape.members().values().stream().anyMatch(Member::inBody)) {
                    documents.putIfAbsent(shape.name(), shape);
                }
            }
        });
        return documents.values().stream().filter(RestXmlRoundTripTest::supported)
                .map(shape -> DynamicTest.dynamicTest(shape.name(), () -> roundTrip(shape)));
    }

    private static void roundTrip(Shape shape) {
        RandomTrees trees = new RandomTrees(new Random(SEED ^ shape.name().hashCode()), true);
        for (int i = 0; i < TREES_PER_DOCUMENT; i++) {
            ObjectNode tree = trees.structure(shape);
            for (Member member : shape.members().values()) {
                if (!member.inBody()) {
                    tree.remove(member.name());
                }
            }
            if (soleTextRoot(shape)) {
                continue; // GetBucketLocation's root-as-text document has its own test
            }
            secondsWhereTheFormatHasNoMillis(tree, shape);
            String xml = RestXmlEncoder.document(shape.locationName() != null ? shape.locationName() : shape.name(),
                    S3, tree, shape);
            ObjectNode back = RestXmlDecoder.fromXml(xml.getBytes(StandardCharsets.UTF_8), shape,
                    ValidationErrors.DEFAULT);
            assertThat(back).as("seed %d, %s tree %d, xml %s", SEED, shape.name(), i, xml).isEqualTo(tree);
        }
    }

    /** RFC 822 dates (a member's {@code timestampFormat}) carry whole seconds; the tree is cut to what they carry. */
    private static void secondsWhereTheFormatHasNoMillis(com.fasterxml.jackson.databind.JsonNode node, Shape shape) {
        switch (shape.type()) {
            case STRUCTURE -> shape.members().values().forEach(member -> {
                com.fasterxml.jackson.databind.JsonNode value = node.get(member.name());
                if (value == null) {
                    return;
                }
                if (member.shape().type() == ShapeType.TIMESTAMP
                        && Timestamps.RFC822.equals(member.timestampFormatOrShape())) {
                    ((ObjectNode) node).put(member.name(), value.asLong() / 1000 * 1000);
                } else {
                    secondsWhereTheFormatHasNoMillis(value, member.shape());
                }
            });
            case LIST -> node.forEach(element -> secondsWhereTheFormatHasNoMillis(element, shape.listMember().shape()));
            default -> { }
        }
    }

    private static boolean soleTextRoot(Shape shape) {
        return shape.members().size() == 1 && shape.locationName() != null
                && shape.members().values().iterator().next().wireName().equals(shape.locationName());
    }

    /** Shapes whose every reachable type the random trees can make (no doubles, no event streams). */
    private static boolean supported(Shape shape) {
        List<Shape> pending = new ArrayList<>(List.of(shape));
        java.util.Set<String> seen = new java.util.HashSet<>();
        while (!pending.isEmpty()) {
            Shape next = pending.remove(pending.size() - 1);
            if (!seen.add(next.name())) {
                continue;
            }
            switch (next.type()) {
                case DOUBLE, FLOAT -> {
                    return false;
                }
                case STRUCTURE -> {
                    java.util.Set<String> wireNames = new java.util.HashSet<>();
                    boolean collide = next.members().values().stream()
                            .anyMatch(m -> !wireNames.add(m.isFlattened() && m.shape().type() == ShapeType.LIST
                                    && m.locationName() == null && m.shape().listMember().locationName() != null
                                    ? m.shape().listMember().locationName() : m.wireName()));
                    if (next.eventStream() || collide) {
                        return false; // a deprecated member sharing its element with its successor cannot round-trip
                    }
                    next.members().values().forEach(m -> pending.add(m.shape()));
                }
                case LIST -> pending.add(next.listMember().shape());
                case MAP -> {
                    pending.add(next.mapKey().shape());
                    pending.add(next.mapValue().shape());
                }
                default -> { }
            }
        }
        return true;
    }
}
