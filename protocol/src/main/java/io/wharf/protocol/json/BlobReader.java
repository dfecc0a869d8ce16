package io.wharf.protocol.json;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wharf.protocol.Swar;
import io.wharf.protocol.model.Member;
import io.wharf.protocol.model.Shape;
import io.wharf.protocol.model.ShapeType;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.ArrayDeque;
import java.util.Base64;
import java.util.Collections;
import java.util.Deque;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Reads a JSON request body into the same tree {@code ObjectMapper.readTree} builds, except that a blob member's
 * base64 text is decoded straight from the body's bytes into a binary node, without the String and the copy a text
 * node costs (on a Kinesis PutRecords of 100 records of 1 KiB, making those Strings was a seventh of the server's
 * time). Only where the input shape can hold a blob is the document walked here; every other value is read by the
 * mapper. A blob whose text the strict decoder refuses (whitespace, escapes, anything else) stays a text node, so the
 * {@link io.wharf.protocol.Validator} decides about it exactly as before.
 */
final class BlobReader {
    private static final Map<Shape, Boolean> HOLDS_BLOBS = new ConcurrentHashMap<>();

    private final JsonParser parser;
    private final ObjectMapper mapper;
    private final JsonNodeFactory nodes;
    private final byte[] body;

    private BlobReader(JsonParser parser, ObjectMapper mapper, byte[] body) {
        this.parser = parser;
        this.mapper = mapper;
        this.nodes = mapper.getNodeFactory();
        this.body = body;
    }

    /** Whether a value of this shape can hold a blob, at any depth. */
    static boolean holdsBlobs(Shape shape) {
        if (shape == null) {
            return false;
        }
        Boolean known = HOLDS_BLOBS.get(shape);
        if (known == null) {
            known = blobReaching(shape).contains(shape);
            HOLDS_BLOBS.put(shape, known);
        }
        return known;
    }

    /**
     * The top-level value of {@code body} (the parser stands before it), or null for a body without one. Reads one
     * value, as {@code readTree} does, and leaves what follows alone.
     */
    static JsonNode read(JsonParser parser, ObjectMapper mapper, byte[] body, Shape shape) throws IOException {
        if (parser.nextToken() == null) {
            return null;
        }
        return new BlobReader(parser, mapper, body).value(shape);
    }

    private JsonNode value(Shape shape) throws IOException {
        JsonToken token = parser.currentToken();
        if (shape == null || !holdsBlobs(shape)) {
            return scalarOrTree(token);
        }
        return switch (token) {
            case START_OBJECT -> shape.type() == ShapeType.STRUCTURE ? structure(shape)
                    : shape.type() == ShapeType.MAP ? map(shape) : mapper.readTree(parser);
            case START_ARRAY -> shape.type() == ShapeType.LIST ? list(shape) : mapper.readTree(parser);
            case VALUE_STRING -> shape.type() == ShapeType.BLOB ? blob() : nodes.textNode(parser.getText());
            default -> scalarOrTree(token);
        };
    }

    private JsonNode scalarOrTree(JsonToken token) throws IOException {
        return switch (token) {
            case VALUE_STRING -> nodes.textNode(parser.getText());
            case VALUE_TRUE -> nodes.booleanNode(true);
            case VALUE_FALSE -> nodes.booleanNode(false);
            case VALUE_NULL -> nodes.nullNode();
            default -> mapper.readTree(parser); // containers and numbers: exactly as the mapper reads them
        };
    }

    private ObjectNode structure(Shape shape) throws IOException {
        ObjectNode object = nodes.objectNode();
        String name;
        while ((name = parser.nextFieldName()) != null) {
            parser.nextToken();
            Member member = shape.member(name);
            object.replace(name, value(member == null ? null : member.shape()));
        }
        return object;
    }

    private ObjectNode map(Shape shape) throws IOException {
        ObjectNode object = nodes.objectNode();
        Shape values = shape.mapValue() == null ? null : shape.mapValue().shape();
        String name;
        while ((name = parser.nextFieldName()) != null) {
            parser.nextToken();
            object.replace(name, value(values));
        }
        return object;
    }

    private ArrayNode list(Shape shape) throws IOException {
        ArrayNode array = nodes.arrayNode();
        Shape elements = shape.listMember() == null ? null : shape.listMember().shape();
        while (parser.nextToken() != JsonToken.END_ARRAY) {
            array.add(value(elements));
        }
        return array;
    }

    /**
     * The string token at the parser as decoded bytes when its raw text is plain base64 the strict decoder takes;
     * else its text. Not asking for the text leaves the parser to skip the string without decoding it.
     */
    private JsonNode blob() throws IOException {
        JsonLocation at = parser.currentTokenLocation();
        long quote = at.getByteOffset();
        if (quote >= 0 && quote < body.length && body[(int) quote] == '"') {
            int start = (int) quote + 1;
            int end = closingQuote(body, start);
            if (end >= 0) {
                try {
                    return nodes.binaryNode(decode(body, start, end));
                } catch (IllegalArgumentException notPlain) {
                    // whitespace, or not base64: the Validator's path (and its error) decides
                }
            }
        }
        return nodes.textNode(parser.getText());
    }

    /**
     * The base64 text {@code body[start, end)} decoded, read in place: {@code decode(ByteBuffer)} reads a heap buffer's
     * array without the copy {@code decode(byte[])} of a range needs (that copy was a sixth of kinesis-put's
     * allocation). The JDK sizes its answer's array exactly for a text it takes; the copy below only guards that.
     */
    private static byte[] decode(byte[] body, int start, int end) {
        ByteBuffer decoded = Base64.getDecoder().decode(ByteBuffer.wrap(body, start, end - start));
        byte[] array = decoded.array();
        return decoded.arrayOffset() == 0 && decoded.remaining() == array.length ? array
                : Arrays.copyOfRange(array, decoded.arrayOffset() + decoded.position(),
                        decoded.arrayOffset() + decoded.limit());
    }

    /**
     * Where the JSON string starting at {@code from} ends (its closing quote), or -1 when it holds an escape or has no
     * end: eight bytes at a time (a base64 text of a 1 KiB record is 1,368 of them).
     */
    static int closingQuote(byte[] bytes, int from) {
        int i = from;
        for (; i + Long.BYTES <= bytes.length; i += Long.BYTES) {
            if (Swar.hasQuoteOrBackslash(Swar.word(bytes, i))) {
                break;
            }
        }
        for (; i < bytes.length; i++) {
            if (bytes[i] == '"') {
                return i;
            }
            if (bytes[i] == '\\') {
                return -1;
            }
        }
        return -1;
    }

    /** Every shape reachable from {@code root} that can hold a blob (shapes refer to each other in cycles). */
    private static Set<Shape> blobReaching(Shape root) {
        Map<Shape, Set<Shape>> children = new IdentityHashMap<>();
        Deque<Shape> todo = new ArrayDeque<>();
        todo.add(root);
        while (!todo.isEmpty()) {
            Shape shape = todo.poll();
            if (children.containsKey(shape)) {
                continue;
            }
            Set<Shape> next = Collections.newSetFromMap(new IdentityHashMap<>());
            if (shape.type() == ShapeType.STRUCTURE) {
                shape.members().values().forEach(m -> next.add(m.shape()));
            } else if (shape.type() == ShapeType.LIST && shape.listMember() != null) {
                next.add(shape.listMember().shape());
            } else if (shape.type() == ShapeType.MAP && shape.mapValue() != null) {
                next.add(shape.mapValue().shape());
            }
            next.remove(null);
            children.put(shape, next);
            todo.addAll(next);
        }
        Set<Shape> reaching = new HashSet<>();
        for (Shape shape : children.keySet()) {
            if (shape.type() == ShapeType.BLOB) {
                reaching.add(shape);
            }
        }
        boolean grew = true;
        while (grew) {
            grew = false;
            for (Map.Entry<Shape, Set<Shape>> e : children.entrySet()) {
                if (!reaching.contains(e.getKey()) && e.getValue().stream().anyMatch(reaching::contains)) {
                    reaching.add(e.getKey());
                    grew = true;
                }
            }
        }
        return reaching;
    }
}
