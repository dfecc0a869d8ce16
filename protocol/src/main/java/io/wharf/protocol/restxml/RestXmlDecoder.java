package io.wharf.protocol.restxml;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wharf.protocol.AwsException;
import io.wharf.protocol.ValidationErrors;
import io.wharf.protocol.model.Member;
import io.wharf.protocol.model.Shape;
import io.wharf.protocol.model.ShapeType;
import io.wharf.protocol.rest.RestBindings;
import io.wharf.protocol.rest.Timestamps;
import io.wharf.protocol.wire.RequestBody;
import io.wharf.protocol.wire.WireRequest;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Decodes a REST-XML request into the parameter tree of its input shape, the same tree the JSON and Query codecs
 * make: URI labels, query parameters, headers and header maps as {@link RestBindings} reads them (an aws-chunked
 * upload's {@code Content-Encoding} and {@code Content-Length} as the object's), and the body: the {@code payload} member — a structure parsed from XML by its shape, a blob or string
 * as is, a streaming blob as the {@link RequestBody} itself (a POJO node, never read here) — or, without a payload
 * member, the body members under the input's root element.
 *
 * <p>Scalars become the JSON types the other codecs produce and timestamps epoch milliseconds (validate with
 * {@code timestampsInMillis}). A value that cannot be read as its type is {@link ValidationErrors#invalid}; a body
 * that is not well-formed XML is {@link ValidationErrors#malformed}.
 */
public final class RestXmlDecoder {
    /** The most a non-streaming payload (an XML configuration, a policy) may hold. */
    public static final int MAX_DOCUMENT_BYTES = 16 * 1024 * 1024;

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final ValidationErrors errors;
    private final RestBindings bindings;

    private RestXmlDecoder(ValidationErrors errors) {
        this.errors = errors;
        this.bindings = new RestBindings(errors);
    }

    /**
     * @param labels the URI labels the router matched
     * @param input  the operation's input shape; null yields an empty tree
     * @param body   the request's payload, decoded from any {@code aws-chunked} framing
     */
    public static ObjectNode decode(WireRequest request, Map<String, String> labels, Shape input,
                                    ValidationErrors errors, RequestBody body) {
        ObjectNode tree = NODES.objectNode();
        if (input == null) {
            return tree;
        }
        new RestXmlDecoder(errors).structure(request, labels, input, body, tree);
        return tree;
    }

    /** A document's root read as {@code shape} (the XML round-trip law's decoder side). */
    static ObjectNode fromXml(byte[] document, Shape shape, ValidationErrors errors) {
        RestXmlDecoder decoder = new RestXmlDecoder(errors);
        ObjectNode object = NODES.objectNode();
        decoder.structureFromXml(decoder.parseXml(document), shape, shape.name(), object);
        return object;
    }

    private void structure(WireRequest request, Map<String, String> labels, Shape input, RequestBody body,
                           ObjectNode tree) {
        Set<String> claimedQuery = RestBindings.claimedQuery(input);
        boolean bodyMembers = false;
        for (Member member : input.members().values()) {
            JsonNode value = switch (member.location() == null ? "" : member.location()) {
                case "uri" -> bindings.label(labels, member);
                case "querystring" -> bindings.query(request.query(), member, claimedQuery);
                case "header" -> bindings.header(headerValue(request, member.wireName()), member);
                case "headers" -> RestBindings.headerMap(request.headers(), member);
                case "statusCode" -> null;
                default -> {
                    bodyMembers |= input.payload() == null;
                    yield input.payload() != null && input.payload().equals(member.name())
                            ? payload(request, member, body) : null;
                }
            };
            if (value != null) {
                tree.set(member.name(), value);
            }
        }
        if (bodyMembers) {
            byte[] document = readAll(body);
            PayloadDigests.check(request, document);
            if (document.length > 0) {
                XmlElement root = parseXml(document);
                for (Member member : input.members().values()) {
                    if (member.inBody()) {
                        JsonNode value = member(root, member, member.name());
                        if (value != null) {
                            tree.set(member.name(), value);
                        }
                    }
                }
            }
        }
    }

    // ---------------------------------------------------------------- query string and headers

    /**
     * A header as the operation should see it. An {@code aws-chunked} body is the transfer's business, not the
     * object's: {@code Content-Encoding} loses its {@code aws-chunked} token (absent when it was the only one) and
     * {@code Content-Length} is the decoded length ({@code x-amz-decoded-content-length}), as S3 stores them.
     */
    private static String headerValue(WireRequest request, String name) {
        String value = request.header(name);
        if (value == null || !RequestPayload.isChunked(request)) {
            return value;
        }
        if (name.equalsIgnoreCase("Content-Encoding")) {
            StringBuilder kept = new StringBuilder();
            for (String token : value.split(",")) {
                String trimmed = token.trim();
                if (!trimmed.isEmpty() && !trimmed.equalsIgnoreCase("aws-chunked")) {
                    kept.append(kept.isEmpty() ? "" : ",").append(trimmed);
                }
            }
            return kept.isEmpty() ? null : kept.toString();
        }
        if (name.equalsIgnoreCase("Content-Length")) {
            return request.header("x-amz-decoded-content-length");
        }
        return value;
    }

    // ---------------------------------------------------------------- payload

    private JsonNode payload(WireRequest request, Member member, RequestBody body) {
        Shape shape = member.shape();
        if (shape.type() == ShapeType.BLOB && member.isStreaming()) {
            return NODES.pojoNode(body);
        }
        byte[] bytes = readAll(body);
        PayloadDigests.check(request, bytes);
        if (bytes.length == 0) {
            return null;
        }
        return switch (shape.type()) {
            case BLOB -> NODES.binaryNode(bytes);
            case STRING -> NODES.textNode(new String(bytes, StandardCharsets.UTF_8));
            case STRUCTURE -> {
                XmlElement root = parseXml(bytes);
                ObjectNode object = NODES.objectNode();
                structureFromXml(root, shape, member.name(), object);
                yield object;
            }
            default -> scalar(new String(bytes, StandardCharsets.UTF_8), member, member.name(), Timestamps.ISO8601);
        };
    }

    private XmlElement parseXml(byte[] document) {
        try {
            return XmlElement.parse(document);
        } catch (IllegalArgumentException e) {
            throw errors.malformed(e.getMessage());
        }
    }

    private static byte[] readAll(RequestBody body) {
        if (body == null) {
            return new byte[0];
        }
        try (InputStream in = body.open()) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buffer = new byte[8192];
            int read;
            while ((read = in.read(buffer)) >= 0) {
                if (out.size() + read > MAX_DOCUMENT_BYTES) {
                    throw new AwsException("MaxMessageLengthExceeded", 400, true, "Your request was too big.");
                }
                out.write(buffer, 0, read);
            }
            return out.toByteArray();
        } catch (RequestBody.BodyException e) {
            throw e.error();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // ---------------------------------------------------------------- XML by shape

    private void structureFromXml(XmlElement element, Shape shape, String path, ObjectNode target) {
        for (Member member : shape.members().values()) {
            if (member.location() != null) {
                continue;
            }
            JsonNode value = member(element, member, path + "." + member.name());
            if (value != null) {
                target.set(member.name(), value);
            }
        }
    }

    private JsonNode member(XmlElement parent, Member member, String path) {
        if (member.xmlAttribute()) {
            String value = parent.attributes.get(member.wireName());
            if (value == null && member.wireName().contains(":")) {
                value = parent.attributes.get(member.wireName().substring(member.wireName().indexOf(':') + 1));
            }
            return value == null ? null : scalar(value, member, path, Timestamps.ISO8601);
        }
        Shape shape = member.shape();
        if (shape.type() == ShapeType.LIST && member.isFlattened()) {
            List<XmlElement> items = parent.children(flattenedName(member));
            if (items.isEmpty()) {
                return null;
            }
            ArrayNode array = NODES.arrayNode();
            for (XmlElement item : items) {
                array.add(value(item, shape.listMember(), path));
            }
            return array;
        }
        if (shape.type() == ShapeType.MAP && member.isFlattened()) {
            List<XmlElement> entries = parent.children(member.wireName());
            return entries.isEmpty() ? null : mapEntries(entries, shape, path);
        }
        XmlElement child = parent.child(member.wireName());
        return child == null ? null : value(child, member, path);
    }

    private static String flattenedName(Member member) {
        Member item = member.shape().listMember();
        return member.locationName() != null ? member.locationName()
                : item.locationName() != null ? item.locationName() : member.name();
    }

    private JsonNode value(XmlElement element, Member member, String path) {
        Shape shape = member.shape();
        return switch (shape.type()) {
            case STRUCTURE -> {
                ObjectNode object = NODES.objectNode();
                structureFromXml(element, shape, path, object);
                yield object;
            }
            case LIST -> {
                Member item = shape.listMember();
                String itemName = item.locationName() != null ? item.locationName() : "member";
                ArrayNode array = NODES.arrayNode();
                for (XmlElement child : element.children(itemName)) {
                    array.add(value(child, item, path));
                }
                yield array;
            }
            case MAP -> mapEntries(element.children("entry"), shape, path);
            default -> scalar(element.text(), member, path, Timestamps.ISO8601);
        };
    }

    private ObjectNode mapEntries(List<XmlElement> entries, Shape shape, String path) {
        String keyName = shape.mapKey().locationName() != null ? shape.mapKey().locationName() : "key";
        String valueName = shape.mapValue().locationName() != null ? shape.mapValue().locationName() : "value";
        ObjectNode map = NODES.objectNode();
        for (XmlElement entry : entries) {
            XmlElement key = entry.child(keyName);
            XmlElement value = entry.child(valueName);
            if (key != null && value != null) {
                map.set(key.text(), value(value, shape.mapValue(), path));
            }
        }
        return map;
    }

    private JsonNode scalar(String text, Member member, String path, String defaultFormat) {
        return bindings.scalar(text, member, path, defaultFormat);
    }
}
