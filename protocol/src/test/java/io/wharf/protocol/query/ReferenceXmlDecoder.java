package io.wharf.protocol.query;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wharf.protocol.model.Member;
import io.wharf.protocol.model.OperationModel;
import io.wharf.protocol.model.Shape;
import io.wharf.protocol.model.ShapeType;
import org.w3c.dom.Element;

import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.wharf.protocol.query.Xml.childNames;
import static io.wharf.protocol.query.Xml.children;

/**
 * A test-only Query XML response → tree decoder written after botocore's {@code QueryParser}
 * ({@code botocore/parsers.py}), independently of {@link XmlEncoder}. A structure member is found by
 * name: for a flattened list the item's locationName, else the member's locationName, else its name;
 * flattened lists and maps are the repeated elements themselves, others wrap {@code member}/{@code entry}
 * children. Stricter than botocore: unknown or misnamed elements fail the test instead of being skipped.
 */
final class ReferenceXmlDecoder {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private ReferenceXmlDecoder() {
    }

    /** The output tree of {@code <OpResponse>}; null when the operation has no output. */
    static ObjectNode response(OperationModel operation, String xml) {
        Element root = Xml.parse(xml);
        expect(root.getLocalName().equals(operation.name() + "Response"), "root " + root.getLocalName());
        if (operation.output() == null) {
            expect(childNames(root).equals(List.of("ResponseMetadata")), "children " + childNames(root));
            return null;
        }
        String wrapper = operation.resultWrapper() != null ? operation.resultWrapper() : operation.name() + "Result";
        expect(childNames(root).equals(List.of(wrapper, "ResponseMetadata")), "children " + childNames(root));
        return structure(children(root, wrapper).get(0), operation.output());
    }

    private static ObjectNode structure(Element element, Shape shape) {
        Map<String, List<Element>> byName = new LinkedHashMap<>();
        for (Element child : children(element)) {
            byName.computeIfAbsent(child.getLocalName(), k -> new java.util.ArrayList<>()).add(child);
        }
        ObjectNode object = NODES.objectNode();
        for (Member member : shape.members().values()) {
            List<Element> nodes = byName.remove(keyName(member));
            if (nodes != null) {
                object.set(member.name(), member(member, nodes));
            }
        }
        expect(byName.isEmpty(), "unexpected elements " + byName.keySet() + " in " + shape.name());
        return object;
    }

    private static String keyName(Member member) {
        if (member.shape().type() == ShapeType.LIST && member.isFlattened()
                && member.shape().listMember().locationName() != null) {
            return member.shape().listMember().locationName();
        }
        return member.locationName() != null ? member.locationName() : member.name();
    }

    private static JsonNode member(Member member, List<Element> nodes) {
        Shape shape = member.shape();
        if (member.isFlattened() && shape.type() == ShapeType.LIST) {
            ArrayNode array = NODES.arrayNode();
            nodes.forEach(n -> array.add(single(shape.listMember().shape(), n)));
            return array;
        }
        if (member.isFlattened() && shape.type() == ShapeType.MAP) {
            ObjectNode object = NODES.objectNode();
            nodes.forEach(n -> entry(object, shape, n));
            return object;
        }
        expect(nodes.size() == 1, nodes.size() + " elements for " + member.name());
        return single(shape, nodes.get(0));
    }

    private static JsonNode single(Shape shape, Element element) {
        String text = element.getTextContent();
        return switch (shape.type()) {
            case STRUCTURE -> structure(element, shape);
            case LIST -> {
                Member item = shape.listMember();
                String itemName = item.locationName() != null ? item.locationName() : "member";
                ArrayNode array = NODES.arrayNode();
                for (Element child : children(element)) {
                    expect(child.getLocalName().equals(itemName), "list item " + child.getLocalName());
                    array.add(single(item.shape(), child));
                }
                yield array;
            }
            case MAP -> {
                ObjectNode object = NODES.objectNode();
                for (Element child : children(element)) {
                    expect(child.getLocalName().equals("entry"), "map entry " + child.getLocalName());
                    entry(object, shape, child);
                }
                yield object;
            }
            case STRING -> NODES.textNode(text);
            case INTEGER -> NODES.numberNode(Integer.parseInt(text));
            case LONG -> NODES.numberNode(Long.parseLong(text));
            case BOOLEAN -> {
                expect(text.equals("true") || text.equals("false"), "boolean " + text);
                yield NODES.booleanNode(text.equals("true"));
            }
            case BLOB -> NODES.binaryNode(Base64.getDecoder().decode(text));
            case TIMESTAMP -> NODES.numberNode(Instant.parse(text).toEpochMilli());
            case DOUBLE, FLOAT -> NODES.numberNode(new java.math.BigDecimal(text));
        };
    }

    private static void entry(ObjectNode into, Shape map, Element entry) {
        String keyName = map.mapKey().locationName() != null ? map.mapKey().locationName() : "key";
        String valueName = map.mapValue().locationName() != null ? map.mapValue().locationName() : "value";
        expect(childNames(entry).equals(List.of(keyName, valueName)), "entry children " + childNames(entry));
        into.set(children(entry, keyName).get(0).getTextContent(),
                single(map.mapValue().shape(), children(entry, valueName).get(0)));
    }

    private static void expect(boolean condition, String message) {
        if (!condition) {
            throw new AssertionError(message);
        }
    }
}
