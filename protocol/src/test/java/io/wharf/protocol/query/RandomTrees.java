package io.wharf.protocol.query;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wharf.protocol.model.Member;
import io.wharf.protocol.model.Shape;

import java.util.Random;

/**
 * Seeded random parameter trees for any shape, in the canonical form the codecs produce: structures and
 * maps are objects, lists arrays, INTEGER an int node, LONG and TIMESTAMP (epoch ms) long nodes, BLOB a
 * binary node. Only trees that a wire encoding can represent are generated: nested structures and maps are
 * never empty (both encode to nothing), and in XML mode flattened lists are never empty (no element at all).
 */
public final class RandomTrees {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final int MAX_DEPTH = 6;
    /** Pieces strings are made of: plain text, XML specials, line ends, tab, multi-byte and astral characters. */
    private static final String[] PIECES = {"a", "Z", "0", "9", " ", "&", "<", ">", "\"", "'", "\r", "\n", "\r\n", "\t",
        "]]>", "=", ".", "%", "+", "é", "€", "中", "😀", "&amp;", "&#xD;"};

    private final Random random;
    private final boolean xml;

    public RandomTrees(Random random, boolean xml) {
        this.random = random;
        this.xml = xml;
    }

    /** The property-based tests print this and accept {@code -Dseed=} to replay a failure. */
    public static long seed(String suite) {
        Long fixed = Long.getLong("seed");
        long seed = fixed != null ? fixed : new Random().nextLong();
        System.out.println(suite + " seed " + seed + " (replay with -Dseed=" + seed + ")");
        return seed;
    }

    /** A top-level structure: may be empty. */
    public ObjectNode structure(Shape shape) {
        ObjectNode object = NODES.objectNode();
        fill(object, shape, 0);
        return object;
    }

    private void fill(ObjectNode object, Shape shape, int depth) {
        for (Member member : shape.members().values()) {
            if (random.nextInt(10) < 6) {
                JsonNode value = value(member.shape(), member.isFlattened(), depth + 1);
                if (value != null) {
                    object.set(member.name(), value);
                }
            }
        }
    }

    /** A value of {@code shape}, or null when none fits within the depth bound. */
    JsonNode value(Shape shape, boolean flattened, int depth) {
        if (!shape.type().isScalar() && depth > MAX_DEPTH) {
            return null;
        }
        return switch (shape.type()) {
            case STRUCTURE -> {
                ObjectNode object = NODES.objectNode();
                for (int attempt = 0; attempt < 4 && object.isEmpty(); attempt++) {
                    fill(object, shape, depth);
                }
                yield object.isEmpty() ? null : object;
            }
            case LIST -> {
                Member item = shape.listMember();
                int size = random.nextInt(4);
                if (size == 0 && xml && flattened) {
                    size = 1;
                }
                ArrayNode array = NODES.arrayNode();
                for (int i = 0; i < size; i++) {
                    JsonNode element = value(item.shape(), item.isFlattened(), depth + 1);
                    if (element == null) {
                        yield null;
                    }
                    array.add(element);
                }
                yield array;
            }
            case MAP -> {
                ObjectNode object = NODES.objectNode();
                int size = 1 + random.nextInt(3);
                for (int i = 0; i < size; i++) {
                    JsonNode entry = value(shape.mapValue().shape(), shape.mapValue().isFlattened(), depth + 1);
                    if (entry == null) {
                        yield null;
                    }
                    object.set(string(), entry);
                }
                yield object;
            }
            case STRING -> NODES.textNode(string());
            case INTEGER -> NODES.numberNode(random.nextInt(3) == 0 ? random.nextInt(100) : random.nextInt());
            case LONG -> NODES.numberNode(random.nextInt(3) == 0 ? (long) random.nextInt(100) : random.nextLong());
            case BOOLEAN -> NODES.booleanNode(random.nextBoolean());
            case BLOB -> {
                byte[] bytes = new byte[random.nextInt(20)];
                random.nextBytes(bytes);
                yield NODES.binaryNode(bytes);
            }
            // Up to year ~2100, millisecond precision; sometimes whole seconds.
            case TIMESTAMP -> {
                long millis = (long) (random.nextDouble() * 4_102_444_800_000L);
                yield NODES.numberNode(random.nextBoolean() ? millis : millis / 1000 * 1000);
            }
            case DOUBLE, FLOAT -> throw new UnsupportedOperationException("no " + shape.type() + " in the test models");
        };
    }

    String string() {
        int pieces = random.nextInt(8);
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < pieces; i++) {
            text.append(PIECES[random.nextInt(PIECES.length)]);
        }
        return text.toString();
    }
}
