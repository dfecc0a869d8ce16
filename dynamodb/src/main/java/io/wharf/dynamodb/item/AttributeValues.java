package io.wharf.dynamodb.item;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wharf.dynamodb.DynamoDbErrors;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Between {@link AttributeValue} and the wire's {@code AttributeValue} union as the protocol layer decodes it
 * (an object with one member: {@code {"S": "x"}}, {@code {"N": "1"}}, {@code {"B": <binary node>}}, …), with
 * AWS's validation messages for malformed values, and AWS's item-size rules.
 */
public final class AttributeValues {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    /** DynamoDB's item size limit: 400 KB. */
    public static final long MAX_ITEM_BYTES = 400 * 1024;

    private AttributeValues() {
    }

    /** One wire value, validated as AWS validates it (one member set, no empty sets, no duplicates, numbers). */
    public static AttributeValue fromWire(JsonNode node) {
        if (!(node instanceof ObjectNode object) || object.isEmpty()) {
            throw DynamoDbErrors.validation(
                    "Supplied AttributeValue is empty, must contain exactly one of the supported datatypes");
        }
        if (object.size() > 1) {
            throw DynamoDbErrors.validation("Supplied AttributeValue has more than one datatypes set, "
                    + "must contain exactly one of the supported datatypes");
        }
        Map.Entry<String, JsonNode> entry = object.fields().next();
        JsonNode v = entry.getValue();
        return switch (entry.getKey()) {
            case "S" -> new AttributeValue.S(v.asText());
            case "N" -> AttributeValue.number(v.asText());
            case "B" -> new AttributeValue.B(binary(v));
            case "BOOL" -> new AttributeValue.Bool(v.asBoolean());
            case "NULL" -> {
                if (!v.asBoolean()) {
                    throw DynamoDbErrors.validation("One or more parameter values were invalid: "
                            + "Null attribute value types must have the value of true");
                }
                yield AttributeValue.Null.INSTANCE;
            }
            case "SS" -> {
                List<String> members = new ArrayList<>();
                v.forEach(e -> members.add(e.asText()));
                if (members.isEmpty()) {
                    throw DynamoDbErrors.validation(
                            "One or more parameter values were invalid: An string set  may not be empty");
                }
                Set<String> set = new LinkedHashSet<>(members);
                requireDistinct(set.size(), members);
                yield new AttributeValue.SS(set);
            }
            case "NS" -> {
                List<String> texts = new ArrayList<>();
                v.forEach(e -> texts.add(e.asText()));
                if (texts.isEmpty()) {
                    throw DynamoDbErrors.validation(
                            "One or more parameter values were invalid: An number set  may not be empty");
                }
                Set<BigDecimal> set = new LinkedHashSet<>();
                for (String t : texts) {
                    set.add(Numbers.parse(t));
                }
                requireDistinct(set.size(), texts);
                yield new AttributeValue.NS(set);
            }
            case "BS" -> {
                List<AttributeValue.Bytes> members = new ArrayList<>();
                v.forEach(e -> members.add(new AttributeValue.Bytes(binary(e))));
                if (members.isEmpty()) {
                    throw DynamoDbErrors.validation(
                            "One or more parameter values were invalid: Binary sets should not be empty");
                }
                Set<AttributeValue.Bytes> set = new LinkedHashSet<>(members);
                requireDistinct(set.size(), members);
                yield new AttributeValue.BS(set);
            }
            case "M" -> new AttributeValue.M(itemFromWire(v));
            case "L" -> {
                List<AttributeValue> values = new ArrayList<>();
                v.forEach(e -> values.add(fromWire(e)));
                yield new AttributeValue.L(values);
            }
            default -> throw DynamoDbErrors.validation(
                    "Supplied AttributeValue is empty, must contain exactly one of the supported datatypes");
        };
    }

    private static void requireDistinct(int distinct, List<?> members) {
        if (distinct != members.size()) {
            throw DynamoDbErrors.validation("One or more parameter values were invalid: Input collection "
                    + members + " contains duplicates.");
        }
    }

    private static byte[] binary(JsonNode node) {
        try {
            if (node.isBinary()) {
                return node.binaryValue();
            }
            return Base64.getDecoder().decode(node.asText());
        } catch (IOException | IllegalArgumentException e) {
            throw DynamoDbErrors.SERIALIZATION.error("Base64 encoded length is expected a multiple of 4 bytes "
                    + "but found: " + node.asText().length());
        }
    }

    /** An item or key ({@code Map<String, AttributeValue>} on the wire); an absent node is an empty map. */
    public static Map<String, AttributeValue> itemFromWire(JsonNode node) {
        Map<String, AttributeValue> item = new LinkedHashMap<>();
        if (node == null || node.isNull() || node.isMissingNode()) {
            return item;
        }
        Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            item.put(field.getKey(), fromWire(field.getValue()));
        }
        return item;
    }

    /** One value in the wire's shape, for the encoder. */
    public static ObjectNode toWire(AttributeValue value) {
        ObjectNode out = NODES.objectNode();
        switch (value) {
            case AttributeValue.S s -> out.put("S", s.value());
            case AttributeValue.N n -> out.put("N", n.text());
            case AttributeValue.B b -> out.put("B", b.value().toArray());
            case AttributeValue.Bool b -> out.put("BOOL", b.value());
            case AttributeValue.Null ignored -> out.put("NULL", true);
            case AttributeValue.SS ss -> {
                ArrayNode array = out.putArray("SS");
                ss.values().forEach(array::add);
            }
            case AttributeValue.NS ns -> {
                ArrayNode array = out.putArray("NS");
                ns.values().forEach(n -> array.add(n.toPlainString()));
            }
            case AttributeValue.BS bs -> {
                ArrayNode array = out.putArray("BS");
                bs.values().forEach(b -> array.add(b.toArray()));
            }
            case AttributeValue.M m -> out.set("M", itemToWire(m.values()));
            case AttributeValue.L l -> {
                ArrayNode array = out.putArray("L");
                l.values().forEach(v -> array.add(toWire(v)));
            }
        }
        return out;
    }

    /** An item in the wire's shape. */
    public static ObjectNode itemToWire(Map<String, AttributeValue> item) {
        ObjectNode out = NODES.objectNode();
        item.forEach((name, value) -> out.set(name, toWire(value)));
        return out;
    }

    /** The item's size as DynamoDB counts it toward the 400 KB limit (names plus values, AWS's per-type rules). */
    public static long size(Map<String, AttributeValue> item) {
        long total = 0;
        for (Map.Entry<String, AttributeValue> e : item.entrySet()) {
            total += utf8Length(e.getKey()) + size(e.getValue());
        }
        return total;
    }

    /**
     * One value's size: strings their UTF-8 length, binaries their length, numbers one byte per two significant
     * digits plus one, booleans and nulls one byte, sets the sum of their members, lists and maps three bytes plus
     * one per element plus their elements (and a map's key names).
     */
    public static long size(AttributeValue value) {
        return switch (value) {
            case AttributeValue.S s -> utf8Length(s.value());
            case AttributeValue.N n -> numberSize(n.value());
            case AttributeValue.B b -> b.value().length();
            case AttributeValue.Bool ignored -> 1;
            case AttributeValue.Null ignored -> 1;
            case AttributeValue.SS ss -> ss.values().stream().mapToLong(AttributeValues::utf8Length).sum();
            case AttributeValue.NS ns -> ns.values().stream().mapToLong(AttributeValues::numberSize).sum();
            case AttributeValue.BS bs -> bs.values().stream().mapToLong(AttributeValue.Bytes::length).sum();
            case AttributeValue.M m -> 3 + m.values().size() + size(m.values());
            case AttributeValue.L l -> 3 + l.values().size() + l.values().stream().mapToLong(AttributeValues::size).sum();
        };
    }

    private static long numberSize(BigDecimal n) {
        int digits = n.signum() == 0 ? 1 : n.precision();
        return (digits + 1) / 2 + 1;
    }

    public static long utf8Length(String s) {
        return io.wharf.protocol.Utf8.length(s);
    }

    /** AWS's refusal of an item over 400 KB. */
    public static void requireWithinLimit(Map<String, AttributeValue> item) {
        if (size(item) > MAX_ITEM_BYTES) {
            throw DynamoDbErrors.validation("Item size has exceeded the maximum allowed size");
        }
    }
}
