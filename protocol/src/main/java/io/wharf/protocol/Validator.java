package io.wharf.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wharf.protocol.model.Member;
import io.wharf.protocol.model.Shape;

import java.io.IOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Checks a decoded parameter tree against its input shape — required members, JSON types, and the
 * model's constraints (min/max for lengths, sizes and values; pattern; enum) — and normalises it into the
 * tree every operation reads: blobs become binary nodes, timestamps epoch milliseconds, nulls disappear.
 * A value of the wrong type is thrown at once; constraint violations (a missing member, min/max, pattern, enum)
 * are collected up to {@link ValidationErrors#maxReported()} and thrown together ({@link ValidationErrors#combine})
 * — one for SQS and SNS, which report the first, up to ten for Coral services such as Kinesis.
 */
public final class Validator {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final ValidationErrors errors;
    private final boolean timestampsInMillis;
    private final boolean checkConstraints;
    private final List<AwsException> violations = new ArrayList<>();

    /** A validator for trees whose numeric timestamps count epoch seconds (JSON, Query). */
    public Validator(ValidationErrors errors) {
        this(errors, false, true);
    }

    /**
     * @param timestampsInMillis numbers sent for timestamps count milliseconds (CBOR) rather than seconds
     * @param checkConstraints   false: only bring the tree to its normal form (types, blobs, timestamps) and
     *                           skip required members and min/max/pattern/enum (codec round-trip tests)
     */
    public Validator(ValidationErrors errors, boolean timestampsInMillis, boolean checkConstraints) {
        this.errors = errors;
        this.timestampsInMillis = timestampsInMillis;
        this.checkConstraints = checkConstraints;
    }

    /** Validates and normalises {@code tree} in place; returns it. A null shape accepts anything. */
    public ObjectNode validate(ObjectNode tree, Shape input) {
        violations.clear();
        if (input != null) {
            structure(tree, input, "");
        }
        if (!violations.isEmpty()) {
            throw errors.combine(List.copyOf(violations));
        }
        return tree;
    }

    /** A broken constraint: thrown when the service reports one, else remembered (up to its maximum). */
    private void violation(AwsException e) {
        if (errors.maxReported() <= 1) {
            throw e;
        }
        if (violations.size() < errors.maxReported()) {
            violations.add(e);
        }
    }

    private void structure(ObjectNode object, Shape shape, String path) {
        for (String required : checkConstraints ? shape.required() : java.util.Set.<String>of()) {
            JsonNode value = object.get(required);
            if (value == null || value.isNull()) {
                violation(errors.missing(path + required));
            }
        }
        List<String> names = new ArrayList<>();
        object.fieldNames().forEachRemaining(names::add);
        for (String name : names) {
            JsonNode value = object.get(name);
            Member member = shape.member(name);
            if (value.isNull() || member == null) {
                // Unknown members are ignored, as AWS does; nulls mean "absent".
                object.remove(name);
                continue;
            }
            boolean ownCharacters = member.shape().type() == io.wharf.protocol.model.ShapeType.STRING
                    && errors.ownCharacterRule(name);
            object.set(name, value(value, member.shape(), path + name, ownCharacters));
        }
    }

    private JsonNode value(JsonNode value, Shape shape, String path) {
        return value(value, shape, path, false);
    }

    /**
     * @param ownCharacters a string the service checks for XML's characters itself
     *                      ({@link ValidationErrors#ownCharacterRule})
     */
    private JsonNode value(JsonNode value, Shape shape, String path, boolean ownCharacters) {
        JsonNode normalised = switch (shape.type()) {
            case STRUCTURE -> {
                if (!(value instanceof ObjectNode object)) {
                    throw errors.invalid(path, value, shape, "expected a structure");
                }
                structure(object, shape, path + ".");
                yield object;
            }
            case LIST -> {
                if (!(value instanceof ArrayNode array)) {
                    throw errors.invalid(path, value, shape, "expected a list");
                }
                for (int i = 0; i < array.size(); i++) {
                    JsonNode element = array.get(i);
                    if (element.isNull()) {
                        throw errors.invalid(path, "null", shape, "list members must not be null");
                    }
                    array.set(i, value(element, shape.listMember().shape(), path + "." + (i + 1)));
                }
                yield array;
            }
            case MAP -> {
                if (!(value instanceof ObjectNode object)) {
                    throw errors.invalid(path, value, shape, "expected a map");
                }
                Iterator<Map.Entry<String, JsonNode>> fields = object.fields();
                List<String> keys = new ArrayList<>();
                while (fields.hasNext()) {
                    keys.add(fields.next().getKey());
                }
                for (String key : keys) {
                    xmlText(key, shape.mapKey().shape(), path);
                    constraints(NODES.textNode(key), shape.mapKey().shape(), path);
                    JsonNode entry = object.get(key);
                    if (entry.isNull()) {
                        throw errors.invalid(path + "." + key, "null", shape, "map values must not be null");
                    }
                    object.set(key, value(entry, shape.mapValue().shape(), path + "." + key));
                }
                yield object;
            }
            case STRING -> {
                if (!value.isTextual()) {
                    throw errors.invalid(path, value, shape, "expected a string");
                }
                if (!ownCharacters) {
                    xmlText(value.asText(), shape, path);
                }
                yield value;
            }
            case INTEGER, LONG -> {
                boolean isLong = shape.type() == io.wharf.protocol.model.ShapeType.LONG;
                if (value.isIntegralNumber() && (isLong ? value.canConvertToLong() : value.canConvertToInt())) {
                    yield value;
                }
                if (!finite(value)) {
                    throw unreadable(path, isLong ? "a long" : "an integer");
                }
                throw errors.invalid(path, value, shape, "expected an integer");
            }
            case DOUBLE, FLOAT -> {
                if (!value.isNumber()) {
                    throw errors.invalid(path, value, shape, "expected a number");
                }
                if (!finite(value)) {
                    throw unreadable(path, "a number");
                }
                yield value;
            }
            case BOOLEAN -> {
                if (!value.isBoolean()) {
                    throw errors.invalid(path, value, shape, "expected a boolean");
                }
                yield value;
            }
            case BLOB -> blob(value, shape, path);
            case TIMESTAMP -> timestamp(value, shape, path);
        };
        constraints(normalised, shape, path);
        return normalised;
    }

    /** Text XML cannot carry, for services that answer in XML ({@link ValidationErrors#xmlSafeText()}). */
    private void xmlText(String text, Shape shape, String path) {
        if (checkConstraints && errors.xmlSafeText() && XmlText.firstUnwritable(text) >= 0
                && (shape.pattern() == null || shape.pattern().matcher(text).matches())) { // else the pattern says it
            AwsException refusal = errors.unwritableCharacter(path, text, shape);
            if (refusal != null) {
                violation(refusal);
            }
        }
    }

    private JsonNode blob(JsonNode value, Shape shape, String path) {
        if (value.isBinary() || value.isPojo()) { // a POJO: a streaming payload (REST-XML's RequestBody), never read here
            return value;
        }
        if (!value.isTextual()) {
            throw errors.invalid(path, value, shape, "expected base64 text");
        }
        try {
            return NODES.binaryNode(decodeBase64(value.asText()));
        } catch (IllegalArgumentException e) {
            throw errors.invalid(path, value.asText(), shape, "the value is not valid base64");
        }
    }

    /**
     * Strict base64: whitespace (line-wrapped encoders) is ignored, any other character outside the
     * alphabet is an error. The MIME decoder would silently skip it and accept garbage.
     */
    public static byte[] decodeBase64(String text) {
        try {
            return Base64.getDecoder().decode(text); // almost every blob: no whitespace, one pass
        } catch (IllegalArgumentException e) {
            String kept = withoutWhitespace(text);
            if (kept == text) {
                throw e;
            }
            return Base64.getDecoder().decode(kept);
        }
    }

    /**
     * {@code text} without the characters {@code \s} matches (space, tab, line feed, vertical tab, form feed,
     * carriage return); the same string when it has none, as almost every blob has. A loop, not a regex: on a
     * Kinesis PutRecords of 100 records the regex was half of the server's time.
     */
    static String withoutWhitespace(String text) {
        int length = text.length();
        int first = 0;
        while (first < length && !isWhitespace(text.charAt(first))) {
            first++;
        }
        if (first == length) {
            return text;
        }
        StringBuilder kept = new StringBuilder(length);
        kept.append(text, 0, first);
        for (int i = first + 1; i < length; i++) {
            char c = text.charAt(i);
            if (!isWhitespace(c)) {
                kept.append(c);
            }
        }
        return kept.toString();
    }

    private static boolean isWhitespace(char c) {
        return c == ' ' || (c >= '\t' && c <= '\r'); // \t \n \u000B \f \r
    }

    private JsonNode timestamp(JsonNode value, Shape shape, String path) {
        if (value.isNumber() && !finite(value)) {
            throw unreadable(path, "a timestamp");
        }
        try {
            if (value.isNumber()) {
                // JSON protocols send epoch seconds (with a fraction), CBOR milliseconds; the tree holds milliseconds.
                BigDecimal number = value.decimalValue();
                return NODES.numberNode(epochMillis(timestampsInMillis ? number : number.movePointRight(3)));
            }
            if (value.isTextual()) {
                String text = value.asText().trim();
                if (text.matches("-?\\d+(\\.\\d+)?")) {
                    return NODES.numberNode(epochMillis(new BigDecimal(text).movePointRight(3)));
                }
                return NODES.numberNode(Instant.parse(text).toEpochMilli());
            }
        } catch (ArithmeticException e) {
            throw unreadable(path, "a timestamp");
        } catch (DateTimeParseException e) {
            // fall through
        }
        throw errors.invalid(path, value, shape, "expected a timestamp");
    }

    /**
     * Whole epoch milliseconds (a sub-millisecond fraction is dropped, as before); {@link ArithmeticException} when
     * the instant is outside what a long of milliseconds holds. The magnitude is compared before anything is built
     * from the number, so a CBOR decimal with a huge exponent costs nothing.
     */
    public static long epochMillis(BigDecimal millis) {
        if (millis.compareTo(LONG_MIN) < 0 || millis.compareTo(LONG_MAX) > 0) {
            throw new ArithmeticException("timestamp out of range");
        }
        return millis.longValue();
    }

    private static final BigDecimal LONG_MIN = BigDecimal.valueOf(Long.MIN_VALUE);
    private static final BigDecimal LONG_MAX = BigDecimal.valueOf(Long.MAX_VALUE);

    /** NaN and the infinities (JSON {@code 1e999} reads as one; CBOR carries them as floats). */
    private static boolean finite(JsonNode value) {
        return !(value.isDouble() || value.isFloat()) || Double.isFinite(value.doubleValue());
    }

    /**
     * A number no value of the member's type can hold (NaN, an infinity, an overflow): the document cannot be read
     * into the request at all, which the JSON services answer as a {@code SerializationException}, not as a
     * constraint violation.
     */
    private AwsException unreadable(String path, String type) {
        return errors.malformed("Value of " + path + " cannot be read as " + type + ": the number is out of range.");
    }

    private void constraints(JsonNode value, Shape shape, String path) {
        if (!checkConstraints) {
            return;
        }
        Double min = shape.min();
        Double max = shape.max();
        if (min != null || max != null) {
            double measure = switch (shape.type()) {
                case STRING -> value.asText().codePointCount(0, value.asText().length());
                case BLOB -> binaryLength(value);
                case LIST, MAP -> value.size();
                case INTEGER, LONG, DOUBLE, FLOAT -> value.asDouble();
                default -> Double.NaN;
            };
            boolean numeric = shape.type() != io.wharf.protocol.model.ShapeType.STRING
                    && shape.type() != io.wharf.protocol.model.ShapeType.BLOB
                    && shape.type() != io.wharf.protocol.model.ShapeType.LIST
                    && shape.type() != io.wharf.protocol.model.ShapeType.MAP;
            if (min != null && measure < min) {
                violation(errors.invalid(path, display(value), shape, numeric
                        ? "Member must have value greater than or equal to " + format(min)
                        : "Member must have length greater than or equal to " + format(min)));
            }
            if (max != null && measure > max) {
                violation(errors.invalid(path, display(value), shape, numeric
                        ? "Member must have value less than or equal to " + format(max)
                        : "Member must have length less than or equal to " + format(max)));
            }
        }
        if (shape.pattern() != null && value.isTextual() && !shape.pattern().matcher(value.asText()).matches()) {
            violation(errors.invalid(path, value.asText(), shape,
                    "Member must satisfy regular expression pattern: " + shape.pattern().pattern()));
        }
        if (!shape.enumValues().isEmpty() && errors.validateEnums() && value.isTextual()
                && !shape.enumValues().contains(value.asText())) {
            AwsException refused = errors.outsideEnum(path, value.asText(), shape);
            if (refused != null) {
                violation(refused);
            }
        }
    }

    private static Object display(JsonNode value) {
        return value.isTextual() ? value.asText() : value;
    }

    private static String format(double bound) {
        return bound == Math.rint(bound) ? Long.toString((long) bound) : Double.toString(bound);
    }

    private static int binaryLength(JsonNode value) {
        if (!value.isBinary()) {
            return 0;
        }
        try {
            return value.binaryValue().length;
        } catch (IOException e) {
            return 0;
        }
    }
}
