package io.wharf.protocol.query;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wharf.protocol.AwsException;
import io.wharf.protocol.TestModels;
import io.wharf.protocol.fuzz.FuzzInput;
import io.wharf.protocol.fuzz.KnownFindings;
import io.wharf.protocol.model.Member;
import io.wharf.protocol.model.OperationModel;
import io.wharf.protocol.model.ServiceModel;
import io.wharf.protocol.model.Shape;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Query/XML answers ({@code XmlEncoder}) with arbitrary strings in every string slot of an SQS or SNS output shape
 * (map keys, attribute values, message bodies, the request id) and in an error's code and message: the answer, as
 * the UTF-8 bytes that go on the wire, must be well-formed XML that the JDK's parser accepts, and must decode back
 * to the same tree. Input: operation name, then newline-separated strings the shape's slots take in turn.
 */
class XmlEncoderFuzzTest {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final List<OperationModel> OPERATIONS = new ArrayList<>();
    private static final List<ServiceModel> MODELS = new ArrayList<>();
    private static final List<String> NAMES = new ArrayList<>();
    private static final int MAX_DEPTH = 6;

    static {
        for (ServiceModel model : List.of(TestModels.SQS, TestModels.SNS)) {
            model.operations().stream().filter(operation -> operation.output() != null)
                    .sorted(Comparator.comparing(OperationModel::name)).forEach(operation -> {
                        OPERATIONS.add(operation);
                        MODELS.add(model);
                        NAMES.add(operation.name());
                    });
        }
    }

    @FuzzTest(maxDuration = "5s")
    void encodeAnswers(byte[] input) {
        FuzzInput fuzz = new FuzzInput(input);
        int index = OPERATIONS.indexOf(FuzzInput.pick(OPERATIONS, NAMES, fuzz.selector()));
        OperationModel operation = OPERATIONS.get(index);
        Strings strings = new Strings(new String(fuzz.body(), StandardCharsets.UTF_8).split("\n", -1));
        // F2 (fixed): characters XML cannot carry are written as U+FFFD, so such a tree cannot round-trip unchanged;
        // the answer must still be well-formed.
        boolean replaced = strings.all.stream().anyMatch(KnownFindings::hasNonXmlCharacter);
        ObjectNode tree = structure(operation.output(), strings, 0);
        String namespace = MODELS.get(index).xmlNamespace();
        String xml = XmlEncoder.response(operation, tree, namespace, strings.next());
        wellFormed(xml);
        ObjectNode decoded = ReferenceXmlDecoder.response(operation, xml);
        if (!replaced && !tree.equals(decoded)) {
            throw new AssertionError("XML round trip changed the tree:\n  tree    " + tree + "\n  xml     " + xml
                    + "\n  decoded " + decoded);
        }
        AwsException error = AwsException.client(strings.next(), strings.next()).withQueryMessage(strings.next());
        wellFormed(XmlEncoder.error(error, namespace, strings.next(), strings.all.size() % 2 == 0));
    }

    private static void wellFormed(String xml) {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.newDocumentBuilder().parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new AssertionError("not well-formed XML: " + xml, e);
        }
    }

    /** A value for every member, strings taken from the input in turn (lists and maps get one entry). */
    private static ObjectNode structure(Shape shape, Strings strings, int depth) {
        ObjectNode object = NODES.objectNode();
        if (depth > MAX_DEPTH) {
            return object;
        }
        for (Member member : shape.members().values()) {
            object.set(member.name(), value(member.shape(), strings, depth + 1));
        }
        return object;
    }

    private static JsonNode value(Shape shape, Strings strings, int depth) {
        return switch (shape.type()) {
            case STRUCTURE -> structure(shape, strings, depth);
            case LIST -> {
                ArrayNode list = NODES.arrayNode();
                if (depth <= MAX_DEPTH) {
                    list.add(value(shape.listMember().shape(), strings, depth + 1));
                }
                yield list;
            }
            case MAP -> {
                ObjectNode map = NODES.objectNode();
                if (depth <= MAX_DEPTH) {
                    map.set(strings.next(), value(shape.mapValue().shape(), strings, depth + 1));
                }
                yield map;
            }
            case STRING -> NODES.textNode(strings.next());
            case INTEGER -> NODES.numberNode(strings.next().hashCode());
            case LONG -> NODES.numberNode((long) strings.next().hashCode() << 20);
            case DOUBLE, FLOAT -> throw new IllegalStateException("no " + shape.type() + " in the SQS and SNS outputs");
            case BOOLEAN -> NODES.booleanNode(strings.next().isEmpty());
            case BLOB -> NODES.binaryNode(strings.next().getBytes(StandardCharsets.UTF_8));
            case TIMESTAMP -> NODES.numberNode(1_700_000_000_000L + strings.next().hashCode());
        };
    }

    /** The input's strings, handed out in turn and round again. */
    private static final class Strings {
        final List<String> all;
        private int next;

        Strings(String[] strings) {
            this.all = List.of(strings);
        }

        String next() {
            return all.get(next++ % all.size());
        }
    }
}
