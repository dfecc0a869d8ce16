package io.wharf.firehose.engine;

import io.wharf.firehose.FirehoseErrors;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * S3 object names exactly as Firehose makes them (research/firehose.md §7; AWS "Custom Prefixes for Amazon S3
 * Objects"): {@code <evaluated prefix><stream>-<version>-yyyy-MM-dd-HH-mm-ss-<uuid><extension>}, the prefix's
 * {@code !{namespace:value}} expressions evaluated at the arrival time of the oldest record in the object, in UTC or
 * the destination's {@code CustomTimeZone}; AWS's validation of both prefixes at create and update.
 */
public final class ObjectKeys {
    /** What AWS appends to a prefix without a timestamp expression (and uses when there is no prefix). */
    static final String DEFAULT_TIME_PATH = "yyyy/MM/dd/HH/";
    private static final DateTimeFormatter SUFFIX_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd-HH-mm-ss",
            Locale.ROOT);
    /** AWS's text before each prefix rule (its typo included, as recorded in serverless/serverless#6015). */
    private static final String CONSTRAINT = "Ths supplied prefix(es) do not satisfy the following constraint: ";

    private ObjectKeys() {
    }

    /** One part of a prefix: literal text, or an expression {@code !{namespace:value}}. */
    record Part(String literal, String namespace, String value) {
        boolean isExpression() {
            return namespace != null;
        }
    }

    /** The prefix's parts; throws InvalidArgumentException when a {@code !{} is not a valid expression. */
    static List<Part> parse(String prefix) {
        List<Part> parts = new ArrayList<>();
        int at = 0;
        while (at < prefix.length()) {
            int open = prefix.indexOf("!{", at);
            if (open < 0) {
                parts.add(new Part(prefix.substring(at), null, null));
                break;
            }
            if (open > at) {
                parts.add(new Part(prefix.substring(at, open), null, null));
            }
            int close = prefix.indexOf('}', open);
            int colon = prefix.indexOf(':', open);
            if (close < 0 || colon < 0 || colon > close) {
                throw invalid("'!{' must be followed by a valid expression of the form !{namespace:value}");
            }
            String namespace = prefix.substring(open + 2, colon);
            String value = prefix.substring(colon + 1, close);
            switch (namespace) {
                case "timestamp" -> {
                    try {
                        DateTimeFormatter.ofPattern(value, Locale.ROOT);
                    } catch (IllegalArgumentException e) {
                        throw invalid("The timestamp expression '" + value + "' is not a valid date-time pattern");
                    }
                }
                case "firehose" -> {
                    if (!value.equals("random-string") && !value.equals("error-output-type")) {
                        throw invalid("Unsupported firehose expression: " + value
                                + ". Supported values are random-string and error-output-type");
                    }
                }
                case "partitionKeyFromQuery", "partitionKeyFromLambda" -> {
                    if (value.isEmpty()) {
                        throw invalid("Partition key name cannot be empty in " + namespace);
                    }
                }
                default -> throw invalid("Unsupported expression namespace: " + namespace);
            }
            parts.add(new Part(null, namespace, value));
            at = close + 1;
        }
        return parts;
    }

    /**
     * AWS's prefix rules for an S3 destination, checked at create and update.
     *
     * @param dynamicPartitioning whether dynamic partitioning is enabled (partition keys need it, and it needs them)
     */
    static void validate(String prefix, String errorOutputPrefix, boolean dynamicPartitioning) {
        List<Part> parts = prefix == null ? List.of() : parse(prefix);
        List<Part> errorParts = errorOutputPrefix == null ? List.of() : parse(errorOutputPrefix);
        boolean prefixHasExpressions = parts.stream().anyMatch(Part::isExpression);
        if (parts.stream().anyMatch(p -> "firehose".equals(p.namespace()) && p.value().equals("error-output-type"))) {
            throw invalid("The expression !{firehose:error-output-type} is not allowed in Prefix");
        }
        if (prefixHasExpressions && (errorOutputPrefix == null || errorOutputPrefix.isEmpty())) {
            throw invalid("ErrorOutputPrefix cannot be null or empty when Prefix contains expressions");
        }
        if (errorParts.stream().anyMatch(p -> p.isExpression() && p.namespace().startsWith("partitionKey"))) {
            throw invalid("Partition keys are not allowed in ErrorOutputPrefix");
        }
        if (errorParts.stream().anyMatch(Part::isExpression) && errorParts.stream().noneMatch(p ->
                "firehose".equals(p.namespace()) && p.value().equals("error-output-type"))) {
            throw invalid("ErrorOutputPrefix must contain the expression !{firehose:error-output-type} when it "
                    + "contains expressions");
        }
        boolean usesPartitionKeys = parts.stream().anyMatch(p -> p.isExpression()
                && p.namespace().startsWith("partitionKey"));
        if (usesPartitionKeys && !dynamicPartitioning) {
            throw invalid("Partition keys can be used in Prefix only when dynamic partitioning is enabled");
        }
        if (dynamicPartitioning && !usesPartitionKeys) {
            throw invalid("Prefix must contain at least one partitionKeyFromQuery or partitionKeyFromLambda "
                    + "expression when dynamic partitioning is enabled");
        }
    }

    private static RuntimeException invalid(String rule) {
        return FirehoseErrors.INVALID_ARGUMENT.error(CONSTRAINT + rule);
    }

    /**
     * The evaluated prefix of a delivered object.
     *
     * @param prefix        the destination's Prefix (null or empty = none)
     * @param arrival       the arrival time of the oldest record in the object
     * @param zone          UTC or the CustomTimeZone
     * @param partitionKeys the record's keys by {@code namespace:name} ({@code partitionKeyFromQuery:customer})
     * @param random        source of {@code !{firehose:random-string}} values
     * @return the prefix; null when a partition key is missing (the record goes to the error output)
     */
    static String evaluate(String prefix, Instant arrival, ZoneId zone, Map<String, String> partitionKeys,
                           Supplier<String> random) {
        if (prefix == null || prefix.isEmpty()) {
            return format(DEFAULT_TIME_PATH, arrival, zone);
        }
        List<Part> parts = parse(prefix);
        StringBuilder out = new StringBuilder();
        boolean hasTimestamp = false;
        for (Part part : parts) {
            if (!part.isExpression()) {
                out.append(part.literal());
                continue;
            }
            switch (part.namespace()) {
                case "timestamp" -> {
                    hasTimestamp = true;
                    out.append(format(part.value(), arrival, zone));
                }
                case "firehose" -> out.append(random.get());
                default -> {
                    String value = partitionKeys.get(part.namespace() + ":" + part.value());
                    if (value == null) {
                        return null;
                    }
                    out.append(value);
                }
            }
        }
        if (!hasTimestamp && parts.stream().noneMatch(p -> p.isExpression()
                && p.namespace().startsWith("partitionKey"))) {
            out.append(format(DEFAULT_TIME_PATH, arrival, zone));
        }
        return out.toString();
    }

    /**
     * The evaluated error output prefix: {@code ErrorOutputPrefix} with {@code !{firehose:error-output-type}}
     * replaced, or — when there is none — {@code <Prefix><error-output-type>/yyyy/MM/dd/HH/} (Prefix without
     * expressions, as AWS requires then).
     */
    static String evaluateError(String prefix, String errorOutputPrefix, String errorOutputType, Instant arrival,
                                ZoneId zone, Supplier<String> random) {
        if (errorOutputPrefix == null || errorOutputPrefix.isEmpty()) {
            return (prefix == null ? "" : prefix) + errorOutputType + "/" + format(DEFAULT_TIME_PATH, arrival, zone);
        }
        StringBuilder out = new StringBuilder();
        boolean hasTimestamp = false;
        for (Part part : parse(errorOutputPrefix)) {
            if (!part.isExpression()) {
                out.append(part.literal());
            } else if (part.namespace().equals("timestamp")) {
                hasTimestamp = true;
                out.append(format(part.value(), arrival, zone));
            } else if (part.value().equals("error-output-type")) {
                out.append(errorOutputType);
            } else {
                out.append(random.get());
            }
        }
        if (!hasTimestamp) {
            out.append(format(DEFAULT_TIME_PATH, arrival, zone));
        }
        return out.toString();
    }

    /** The whole key: evaluated prefix, then {@code <stream>-<version>-yyyy-MM-dd-HH-mm-ss-<uuid><extension>}. */
    static String objectKey(String evaluatedPrefix, String stream, int version, Instant arrival, ZoneId zone,
                            UUID uuid, String extension) {
        return evaluatedPrefix + stream + "-" + version + "-" + format(SUFFIX_TIME, arrival, zone) + "-" + uuid
                + (extension == null ? "" : extension);
    }

    /** 11 random characters like AWS's example {@code 046b6c7f-0b}. */
    static String randomString() {
        return UUID.randomUUID().toString().substring(0, 11);
    }

    /** The destination's CustomTimeZone, UTC when absent or empty. */
    static ZoneId zone(String customTimeZone) {
        if (customTimeZone == null || customTimeZone.isEmpty()) {
            return ZoneOffset.UTC;
        }
        try {
            return ZoneId.of(customTimeZone);
        } catch (DateTimeException e) {
            throw FirehoseErrors.INVALID_ARGUMENT.error("CustomTimeZone " + customTimeZone
                    + " is not a supported time zone.");
        }
    }

    private static String format(String pattern, Instant at, ZoneId zone) {
        return format(DateTimeFormatter.ofPattern(pattern, Locale.ROOT), at, zone);
    }

    private static String format(DateTimeFormatter formatter, Instant at, ZoneId zone) {
        return formatter.withZone(zone).format(at);
    }
}
