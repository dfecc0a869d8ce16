package io.wharf.protocol.query;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wharf.protocol.ValidationErrors;
import io.wharf.protocol.model.Member;
import io.wharf.protocol.model.Shape;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * Decodes AWS Query parameters ({@code Action=...&Attribute.1.Name=...}) into the parameter tree of an
 * input shape, following the model's serialization traits:
 * <ul>
 *   <li>structure member: {@code prefix.Name} (Name = locationName or member name);</li>
 *   <li>list: {@code prefix.member.N}, or {@code prefix.N} when flattened (prefix then uses the list
 *       member's locationName when it has one);</li>
 *   <li>map: {@code prefix.entry.N.key / .value}, or {@code prefix.N.key / .value} when flattened (key and
 *       value names from their locationName).</li>
 * </ul>
 * N counts from 1; decoding a list stops at the first missing index, as AWS does. Scalars are converted to
 * the JSON types the other codecs produce, so operations see one tree whatever the protocol.
 */
public final class QueryDecoder {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final int MAX_LIST_ENTRIES = 10_000;

    private final NavigableMap<String, String> params;
    private final ValidationErrors errors;

    private QueryDecoder(Map<String, String> params, ValidationErrors errors) {
        this.params = new TreeMap<>(params);
        this.errors = errors;
    }

    /** Decodes {@code params} against {@code input}; a null shape yields an empty tree. */
    public static ObjectNode decode(Map<String, String> params, Shape input, ValidationErrors errors) {
        ObjectNode tree = NODES.objectNode();
        if (input == null) {
            return tree;
        }
        new QueryDecoder(params, errors).structure(tree, "", input);
        return tree;
    }

    private void structure(ObjectNode target, String prefix, Shape shape) {
        for (Member member : shape.members().values()) {
            String key = prefix + wireName(member);
            JsonNode value = value(key, member);
            if (value != null) {
                target.set(member.name(), value);
            }
        }
    }

    private static String wireName(Member member) {
        Shape shape = member.shape();
        if (member.isFlattened() && shape.type() == io.wharf.protocol.model.ShapeType.LIST
                && member.locationName() == null && shape.listMember().locationName() != null) {
            return shape.listMember().locationName();
        }
        return member.wireName();
    }

    private JsonNode value(String key, Member member) {
        Shape shape = member.shape();
        return switch (shape.type()) {
            case STRUCTURE -> {
                if (!hasPrefix(key + ".")) {
                    yield null;
                }
                ObjectNode object = NODES.objectNode();
                structure(object, key + ".", shape);
                yield object;
            }
            case LIST -> list(key, member);
            case MAP -> map(key, member);
            default -> {
                String text = params.get(key);
                yield text == null ? null : scalar(key, text, shape);
            }
        };
    }

    private JsonNode list(String key, Member member) {
        Member item = member.shape().listMember();
        String itemPrefix = member.isFlattened() ? key
                : key + "." + (item.locationName() != null ? item.locationName() : "member");
        if (!hasPrefix(itemPrefix + ".") && !params.containsKey(key)) {
            return null;
        }
        ArrayNode array = NODES.arrayNode();
        for (int i = 1; i <= MAX_LIST_ENTRIES; i++) {
            JsonNode value = value(itemPrefix + "." + i, item);
            if (value == null) {
                break;
            }
            array.add(value);
        }
        return array;
    }

    private JsonNode map(String key, Member member) {
        Shape shape = member.shape();
        String entryPrefix = member.isFlattened() ? key : key + ".entry";
        if (!hasPrefix(entryPrefix + ".")) {
            return null;
        }
        String keyName = shape.mapKey().locationName() != null ? shape.mapKey().locationName() : "key";
        String valueName = shape.mapValue().locationName() != null ? shape.mapValue().locationName() : "value";
        ObjectNode object = NODES.objectNode();
        for (int i = 1; i <= MAX_LIST_ENTRIES; i++) {
            String entry = entryPrefix + "." + i + ".";
            String mapKey = params.get(entry + keyName);
            if (mapKey == null) {
                if (hasPrefix(entry)) {
                    throw errors.missing(entry + keyName);
                }
                break;
            }
            JsonNode value = value(entry + valueName, shape.mapValue());
            object.set(mapKey, value == null ? NODES.nullNode() : value);
        }
        return object;
    }

    private boolean hasPrefix(String prefix) {
        String candidate = params.ceilingKey(prefix);
        return candidate != null && candidate.startsWith(prefix);
    }

    private JsonNode scalar(String key, String text, Shape shape) {
        try {
            return switch (shape.type()) {
                case STRING -> NODES.textNode(text);
                case INTEGER -> NODES.numberNode(Integer.parseInt(text.trim()));
                case LONG -> NODES.numberNode(Long.parseLong(text.trim()));
                case DOUBLE, FLOAT -> NODES.numberNode(new BigDecimal(text.trim()));
                case BOOLEAN -> switch (text.trim()) {
                    case "true" -> NODES.booleanNode(true);
                    case "false" -> NODES.booleanNode(false);
                    default -> throw new IllegalArgumentException("not a boolean");
                };
                case BLOB -> NODES.binaryNode(io.wharf.protocol.Validator.decodeBase64(text));
                case TIMESTAMP -> NODES.numberNode(parseTimestamp(text));
                default -> throw new IllegalStateException("not a scalar: " + shape);
            };
        } catch (IllegalArgumentException | DateTimeParseException | ArithmeticException e) {
            throw errors.invalid(key, text, shape, "the value is not a valid " + shape.type().name().toLowerCase());
        }
    }

    /**
     * ISO 8601 (the Query default) or epoch seconds. Returns epoch milliseconds; {@link ArithmeticException} when
     * they do not fit a long.
     */
    static long parseTimestamp(String text) {
        String trimmed = text.trim();
        if (trimmed.matches("-?\\d+(\\.\\d+)?")) {
            return io.wharf.protocol.Validator.epochMillis(new BigDecimal(trimmed).movePointRight(3));
        }
        return Instant.parse(trimmed).toEpochMilli();
    }
}
