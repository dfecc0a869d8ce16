package io.wharf.protocol.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wharf.protocol.ValidationErrors;
import io.wharf.protocol.Validator;
import io.wharf.protocol.model.Member;
import io.wharf.protocol.model.Shape;
import io.wharf.protocol.model.ShapeType;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The parts of a REST request both REST protocols read the same way, into the parameter tree every codec makes: URI
 * labels ({@code location: uri}), query parameters ({@code querystring}: scalars, lists as repeated parameters, a map as
 * every parameter no other member claims), headers ({@code header}; lists comma-separated) and header maps
 * ({@code headers}: every header under the prefix, by its lower-case name without it). Scalars become the JSON types
 * the other codecs produce and timestamps epoch milliseconds; a value that cannot be read as its type is
 * {@link ValidationErrors#invalid}.
 */
public final class RestBindings {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final ValidationErrors errors;

    public RestBindings(ValidationErrors errors) {
        this.errors = errors;
    }

    /** The query parameter names the input's non-map {@code querystring} members claim. */
    public static Set<String> claimedQuery(Shape input) {
        Set<String> claimed = new HashSet<>();
        for (Member member : input.members().values()) {
            if ("querystring".equals(member.location()) && member.shape().type() != ShapeType.MAP) {
                claimed.add(member.wireName());
            }
        }
        return claimed;
    }

    /** A URI label's value as the member's type (timestamps ISO 8601), or null when the label is absent. */
    public JsonNode label(Map<String, String> labels, Member member) {
        String label = labels.get(member.wireName());
        return label == null ? null : scalar(label, member, member.name(), Timestamps.ISO8601);
    }

    public JsonNode query(Map<String, List<String>> query, Member member, Set<String> claimed) {
        Shape shape = member.shape();
        if (shape.type() == ShapeType.MAP) {
            ObjectNode map = NODES.objectNode();
            boolean listValues = shape.mapValue().shape().type() == ShapeType.LIST;
            query.forEach((name, values) -> {
                if (claimed.contains(name) || values.isEmpty()) {
                    return;
                }
                if (listValues) {
                    ArrayNode array = map.putArray(name);
                    values.forEach(array::add);
                } else {
                    map.put(name, values.get(0));
                }
            });
            return map.isEmpty() ? null : map;
        }
        List<String> values = query.get(member.wireName());
        if (values == null || values.isEmpty()) {
            return null;
        }
        if (shape.type() == ShapeType.LIST) {
            ArrayNode array = NODES.arrayNode();
            for (String value : values) {
                array.add(scalar(value, shape.listMember(), member.name(), Timestamps.ISO8601));
            }
            return array;
        }
        return scalar(values.get(0), member, member.name(), Timestamps.ISO8601);
    }

    /** A header's value as the member's type (lists comma-separated, timestamps RFC 822), or null when absent. */
    public JsonNode header(String value, Member member) {
        if (value == null) {
            return null;
        }
        Shape shape = member.shape();
        if (shape.type() == ShapeType.LIST) {
            ArrayNode array = NODES.arrayNode();
            for (String part : value.split(",")) {
                String trimmed = part.trim();
                if (!trimmed.isEmpty()) {
                    array.add(scalar(trimmed, shape.listMember(), member.name(), Timestamps.RFC822));
                }
            }
            return array;
        }
        return scalar(value.trim(), member, member.name(), Timestamps.RFC822);
    }

    public static JsonNode headerMap(Map<String, String> headers, Member member) {
        String prefix = member.wireName().toLowerCase(Locale.ROOT);
        ObjectNode map = NODES.objectNode();
        headers.forEach((name, value) -> {
            if (name.startsWith(prefix) && name.length() > prefix.length()) {
                map.put(name.substring(prefix.length()), value);
            }
        });
        return map.isEmpty() ? null : map;
    }

    /**
     * {@code text} as the member's scalar type; {@code defaultFormat} is where the value came from (timestamps).
     *
     * @param path the member's path in the input, for the error
     */
    public JsonNode scalar(String text, Member member, String path, String defaultFormat) {
        Shape shape = member.shape();
        try {
            return switch (shape.type()) {
                case STRING -> NODES.textNode(text);
                case INTEGER -> NODES.numberNode(Integer.parseInt(text.trim()));
                case LONG -> NODES.numberNode(Long.parseLong(text.trim()));
                case DOUBLE, FLOAT -> {
                    BigDecimal number = new BigDecimal(text.trim());
                    yield NODES.numberNode(number.doubleValue());
                }
                case BOOLEAN -> {
                    String trimmed = text.trim();
                    if (!trimmed.equalsIgnoreCase("true") && !trimmed.equalsIgnoreCase("false")) {
                        throw new IllegalArgumentException("not a boolean");
                    }
                    yield NODES.booleanNode(trimmed.equalsIgnoreCase("true"));
                }
                case TIMESTAMP -> NODES.numberNode(Timestamps.parse(text));
                case BLOB -> NODES.binaryNode(Validator.decodeBase64(text));
                default -> throw new IllegalArgumentException("not a scalar");
            };
        } catch (IllegalArgumentException e) { // NumberFormatException included
            throw errors.invalid(path, text, shape, "the value cannot be read as " + shape.type().name().toLowerCase(
                    Locale.ROOT));
        }
    }

    // ---------------------------------------------------------------- the way out

    /**
     * Writes an output's {@code header} members (as {@link #headerText}) and {@code headers} maps (one header per entry
     * under the prefix) into {@code headers}; returns its {@code statusCode} member, else {@code status}.
     */
    public static int outputHeaders(Shape shape, JsonNode output, int status, Map<String, String> headers) {
        int answer = status;
        for (Member member : shape.members().values()) {
            JsonNode value = output.get(member.name());
            if (member.inBody() || value == null || value.isNull()) {
                continue;
            }
            switch (member.location()) {
                case "header" -> headers.put(member.wireName(), headerText(value, member));
                case "headers" -> value.fields().forEachRemaining(entry ->
                        headers.put(member.wireName() + entry.getKey(), entry.getValue().asText()));
                case "statusCode" -> answer = value.asInt();
                default -> { }
            }
        }
        return answer;
    }

    /** Whether an output without a payload member has any body member set. */
    public static boolean hasBodyMembers(Shape shape, JsonNode output) {
        if (shape.payload() != null) {
            return false;
        }
        for (Member member : shape.members().values()) {
            JsonNode value = output.get(member.name());
            if (member.inBody() && value != null && !value.isNull()) {
                return true;
            }
        }
        return false;
    }

    /** A {@code header} member's value as header text: timestamps RFC 822 unless the member says otherwise, lists
     * joined by commas, blobs base64. */
    public static String headerText(JsonNode value, Member member) {
        Shape shape = member.shape();
        return switch (shape.type()) {
            case TIMESTAMP -> timestampText(value, member.timestampFormatOrShape(), Timestamps.RFC822);
            case BOOLEAN -> value.asBoolean() ? "true" : "false";
            case BLOB -> Base64.getEncoder().encodeToString(binary(value));
            case LIST -> {
                StringBuilder joined = new StringBuilder();
                for (JsonNode element : value) {
                    joined.append(joined.isEmpty() ? "" : ",").append(element.isTextual() ? element.asText()
                            : headerText(element, shape.listMember()));
                }
                yield joined.toString();
            }
            default -> value.asText();
        };
    }

    /**
     * A timestamp: epoch milliseconds (the tree's form) in {@code format} (null: {@code fallback}); a text that reads
     * as a timestamp likewise; any other text as it is (S3 keeps an object's {@code Expires} as the client sent it).
     */
    public static String timestampText(JsonNode value, String format, String fallback) {
        if (value.isNumber()) {
            return Timestamps.format(value.asLong(), format, fallback);
        }
        try {
            return Timestamps.format(Timestamps.parse(value.asText()), format, fallback);
        } catch (IllegalArgumentException notATimestamp) {
            return value.asText();
        }
    }

    /** A blob's bytes: a binary node's, or a text's UTF-8. */
    public static byte[] binary(JsonNode value) {
        if (value.isTextual()) {
            return value.asText().getBytes(StandardCharsets.UTF_8);
        }
        try {
            return value.binaryValue();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
