package io.wharf.protocol.restxml;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.POJONode;
import io.wharf.protocol.model.Member;
import io.wharf.protocol.model.OperationModel;
import io.wharf.protocol.model.Shape;
import io.wharf.protocol.model.ShapeType;
import io.wharf.protocol.model.XmlNamespace;
import io.wharf.protocol.query.XmlWriter;
import io.wharf.protocol.rest.RestBindings;
import io.wharf.protocol.rest.Timestamps;
import io.wharf.protocol.wire.ResponseBody;
import io.wharf.protocol.wire.WireResponse;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Encodes an operation's output tree as a REST-XML answer:
 * <ul>
 *   <li>the status: a {@code statusCode} member, else the operation's {@code responseCode}, else 200;</li>
 *   <li>{@code header} members as headers (timestamps {@code rfc822} unless the member says otherwise, lists joined
 *       by commas) and {@code headers} maps as one header per entry under the prefix;</li>
 *   <li>the body: the {@code payload} member — a structure as an XML document whose root is the member's
 *       {@code locationName} (else the shape's name), a string or blob as is, a streaming blob's
 *       {@link ResponseBody} as a stream of exactly its length — or, without a payload member, the body members as an
 *       XML document under the output shape's root name ({@link Shape#locationName()}).</li>
 * </ul>
 * An XML document declares the namespace of the member or shape, else the service's; it is
 * {@code application/xml} unless a {@code Content-Type} member says otherwise. Timestamps in XML are ISO 8601 with
 * milliseconds. The answer to a HEAD request has the headers (a {@code Content-Length} included) and no body.
 */
public final class RestXmlEncoder {
    private static final String XML_TYPE = "application/xml";

    private RestXmlEncoder() {
    }

    /**
     * @param output           the operation's output tree (null: nothing)
     * @param head             whether the request was HEAD
     * @param defaultNamespace the service's XML namespace, or null
     */
    public static WireResponse encode(OperationModel operation, JsonNode output, boolean head,
                                      String defaultNamespace) {
        Shape shape = operation.output();
        int status = operation.http() != null ? operation.http().responseCode() : 200;
        Map<String, String> headers = new LinkedHashMap<>();
        if (shape == null || output == null || !output.isObject()) {
            return new WireResponse(status, headers, new byte[0]);
        }
        status = RestBindings.outputHeaders(shape, output, status, headers);
        boolean bodyMembers = RestBindings.hasBodyMembers(shape, output);
        if (shape.payload() != null) {
            Member member = shape.member(shape.payload());
            return payload(status, headers, member, output.get(member.name()), head, defaultNamespace);
        }
        if (!bodyMembers) {
            return new WireResponse(status, headers, new byte[0]);
        }
        String root = shape.locationName() != null ? shape.locationName() : shape.name();
        String xml = document(root, namespaceOf(null, shape, defaultNamespace), output, shape);
        return xmlAnswer(status, headers, xml, head);
    }

    private static WireResponse payload(int status, Map<String, String> headers, Member member, JsonNode value,
                                        boolean head, String defaultNamespace) {
        if (value == null || value.isNull()) {
            return new WireResponse(status, headers, new byte[0]);
        }
        if (value instanceof POJONode pojo && pojo.getPojo() instanceof ResponseBody stream) {
            headers.put("Content-Length", Long.toString(stream.length()));
            if (head) {
                return new WireResponse(status, headers, new byte[0]);
            }
            return new WireResponse(status, headers, new byte[0], stream.content());
        }
        Shape shape = member.shape();
        if (shape.type() == ShapeType.STRUCTURE) {
            String root = member.locationName() != null ? member.locationName()
                    : shape.locationName() != null ? shape.locationName() : shape.name();
            return xmlAnswer(status, headers, document(root, namespaceOf(member, shape, defaultNamespace), value, shape),
                    head);
        }
        byte[] bytes = shape.type() == ShapeType.BLOB ? RestBindings.binary(value)
                : value.asText().getBytes(StandardCharsets.UTF_8);
        if (head) {
            headers.putIfAbsent("Content-Length", Integer.toString(bytes.length));
            return new WireResponse(status, headers, new byte[0]);
        }
        return new WireResponse(status, headers, bytes);
    }

    private static WireResponse xmlAnswer(int status, Map<String, String> headers, String xml, boolean head) {
        if (headers.keySet().stream().noneMatch(name -> name.equalsIgnoreCase("Content-Type"))) {
            headers.put("Content-Type", XML_TYPE);
        }
        return new WireResponse(status, headers, head ? new byte[0] : xml.getBytes(StandardCharsets.UTF_8));
    }

    private static XmlNamespace namespaceOf(Member member, Shape shape, String defaultNamespace) {
        if (member != null && member.xmlNamespace() != null) {
            return member.xmlNamespace();
        }
        if (shape.xmlNamespace() != null) {
            return shape.xmlNamespace();
        }
        return defaultNamespace == null ? null : new XmlNamespace(null, defaultNamespace);
    }

    /** A whole document: the declaration, then {@code root} holding {@code value} by {@code shape}. */
    static String document(String root, XmlNamespace namespace, JsonNode value, Shape shape) {
        XmlWriter xml = new XmlWriter().declaration();
        if (shape.type() != ShapeType.STRUCTURE) {
            xml.open(root, attributes(namespace, null, null));
            scalar(xml, value, shape, null);
            return xml.close(root).toString();
        }
        // S3's GetBucketLocation: the root is the one member, its text the value (<LocationConstraint>eu-west-1<…>).
        Member only = shape.members().size() == 1 ? shape.members().values().iterator().next() : null;
        if (only != null && only.inBody() && only.shape().type().isScalar() && only.wireName().equals(root)) {
            JsonNode text = value.get(only.name());
            xml.open(root, attributes(namespace, null, null));
            if (text != null && !text.isNull()) {
                scalar(xml, text, only.shape(), only.timestampFormatOrShape());
            }
            return xml.close(root).toString();
        }
        xml.open(root, attributes(namespace, value, shape));
        structureBody(xml, value, shape);
        return xml.close(root).toString();
    }

    /** The namespace declaration and the members written as attributes of an element. */
    private static Map<String, String> attributes(XmlNamespace namespace, JsonNode value, Shape shape) {
        Map<String, String> attributes = new LinkedHashMap<>();
        if (namespace != null) {
            attributes.put(namespace.prefix() == null ? "xmlns" : "xmlns:" + namespace.prefix(), namespace.uri());
        }
        if (shape != null && shape.type() == ShapeType.STRUCTURE && value != null) {
            for (Member member : shape.members().values()) {
                JsonNode attribute = value.get(member.name());
                if (member.xmlAttribute() && attribute != null && !attribute.isNull()) {
                    attributes.put(member.wireName(), attribute.asText());
                }
            }
        }
        return attributes;
    }

    private static void structureBody(XmlWriter xml, JsonNode value, Shape shape) {
        for (Member member : shape.members().values()) {
            JsonNode child = value.get(member.name());
            if (child == null || child.isNull() || !member.inBody() || member.xmlAttribute()) {
                continue;
            }
            Shape type = member.shape();
            if (type.type() == ShapeType.LIST && member.isFlattened()) {
                Member item = type.listMember();
                String name = member.locationName() != null ? member.locationName()
                        : item.locationName() != null ? item.locationName() : member.name();
                for (JsonNode element : child) {
                    element(xml, name, element, item, null);
                }
            } else if (type.type() == ShapeType.MAP && member.isFlattened()) {
                mapEntries(xml, type, child, member.wireName());
            } else {
                element(xml, member.wireName(), child, member, member.xmlNamespace());
            }
        }
    }

    private static void element(XmlWriter xml, String name, JsonNode value, Member member, XmlNamespace namespace) {
        Shape shape = member.shape();
        XmlNamespace declared = namespace != null ? namespace : shape.xmlNamespace();
        xml.open(name, attributes(declared, value, shape));
        switch (shape.type()) {
            case STRUCTURE -> structureBody(xml, value, shape);
            case LIST -> {
                Member item = shape.listMember();
                String itemName = item.locationName() != null ? item.locationName() : "member";
                for (JsonNode element : value) {
                    element(xml, itemName, element, item, null);
                }
            }
            case MAP -> mapEntries(xml, shape, value, "entry");
            default -> scalar(xml, value, shape, member.timestampFormatOrShape());
        }
        xml.close(name);
    }

    private static void mapEntries(XmlWriter xml, Shape shape, JsonNode value, String entryName) {
        String keyName = shape.mapKey().locationName() != null ? shape.mapKey().locationName() : "key";
        String valueName = shape.mapValue().locationName() != null ? shape.mapValue().locationName() : "value";
        Iterator<Map.Entry<String, JsonNode>> fields = value.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> entry = fields.next();
            xml.open(entryName).element(keyName, entry.getKey());
            element(xml, valueName, entry.getValue(), shape.mapValue(), null);
            xml.close(entryName);
        }
    }

    private static void scalar(XmlWriter xml, JsonNode value, Shape shape, String timestampFormat) {
        switch (shape.type()) {
            case BLOB -> xml.text(Base64.getEncoder().encodeToString(RestBindings.binary(value)));
            case TIMESTAMP -> xml.text(RestBindings.timestampText(value, timestampFormat, Timestamps.ISO8601));
            case BOOLEAN -> xml.text(value.asBoolean() ? "true" : "false");
            default -> xml.text(value.asText());
        }
    }
}
