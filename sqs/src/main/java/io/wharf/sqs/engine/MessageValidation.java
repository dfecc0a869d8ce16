package io.wharf.sqs.engine;

import io.wharf.protocol.AwsException;
import io.wharf.sqs.SqsErrors;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/** The rules a message must pass before it is enqueued, in AWS's order (sqs.md §2.4). */
final class MessageValidation {
    static final int MAX_ATTRIBUTES = 10;
    private static final Pattern ATTRIBUTE_NAME = Pattern.compile("[A-Za-z0-9_.-]{1,256}");
    /** 1–128 of letters, digits and the 32 printable ASCII punctuation characters. */
    private static final Pattern GROUP_OR_DEDUP_ID = Pattern.compile("[\\x21-\\x7E]{1,128}");
    private static final BigDecimal NUMBER_MAX = BigDecimal.TEN.pow(126);
    private static final BigDecimal NUMBER_MIN = BigDecimal.TEN.pow(128).negate();

    private MessageValidation() {
    }

    /** The FIFO checks AWS makes for the whole request, also in a batch. */
    static void checkFifoRequirements(SendCommand c, QueueSettings queue) {
        if (!queue.fifo()) {
            return;
        }
        if (c.groupId() == null) {
            throw SqsErrors.missingParameter("MessageGroupId");
        }
        if (c.deduplicationId() == null && !queue.contentBasedDeduplication()) {
            throw SqsErrors.INVALID_PARAMETER_VALUE.error("The queue should either have ContentBasedDeduplication "
                    + "enabled or MessageDeduplicationId provided explicitly");
        }
    }

    /** @param size the command's {@link #size}, counted once by the caller */
    static void check(SendCommand c, long size, QueueSettings queue) {
        String body = c.body();
        if (body == null || body.isEmpty()) {
            throw SqsErrors.missingParameter("MessageBody");
        }
        checkCharacters(body);
        checkAttributes(c.attributes());
        if (size > queue.maximumMessageSize()) {
            throw SqsErrors.INVALID_PARAMETER_VALUE.error("One or more parameters are invalid. Reason: Message must "
                    + "be shorter than " + queue.maximumMessageSize() + " bytes.");
        }
        checkSystemAttributes(c.systemAttributes());
        checkFifoRequirements(c, queue);
        Integer delay = c.delaySeconds();
        if (queue.fifo() && delay != null && delay != 0) {
            throw SqsErrors.invalidParameter("DelaySeconds", delay,
                    "The request include parameter that is not valid for this queue type.");
        }
        if (c.groupId() != null && !GROUP_OR_DEDUP_ID.matcher(c.groupId()).matches()) {
            throw SqsErrors.invalidParameter("MessageGroupId", c.groupId(),
                    "MessageGroupId can only include alphanumeric and punctuation characters. 1 to 128 in length.");
        }
        if (c.deduplicationId() != null) {
            if (!queue.fifo()) {
                throw SqsErrors.invalidParameter("MessageDeduplicationId", c.deduplicationId(),
                        "The request includes a parameter that is not valid for this queue type.");
            }
            if (!GROUP_OR_DEDUP_ID.matcher(c.deduplicationId()).matches()) {
                throw SqsErrors.invalidParameter("MessageDeduplicationId", c.deduplicationId(),
                        "MessageDeduplicationId can only include alphanumeric and punctuation characters. "
                                + "1 to 128 in length.");
            }
        }
        if (delay != null && (delay < 0 || delay > 900)) {
            throw SqsErrors.invalidParameter("DelaySeconds", delay, "DelaySeconds must be >= 0 and <= 900.");
        }
    }

    /**
     * Body plus every attribute's name, type and value, in UTF-8 bytes (system attributes do not count).
     *
     * @param bodyUtf8 the body's UTF-8 bytes ({@link #utf8Body}), made once per message and used again for its MD5
     *                 and its stored record
     */
    static long size(SendCommand c, byte[] bodyUtf8) {
        long size = bodyUtf8.length;
        for (Map.Entry<String, MessageAttributeValue> e : c.attributes().entrySet()) {
            MessageAttributeValue v = e.getValue();
            size += utf8Length(e.getKey()) + utf8Length(v.dataType() == null ? "" : v.dataType());
            size += v.binaryValue() != null ? v.binaryValue().length
                    : utf8Length(v.stringValue() == null ? "" : v.stringValue());
        }
        return size;
    }

    /** The body's UTF-8 bytes (none for a missing body, which {@link #check} refuses). */
    static byte[] utf8Body(SendCommand c) {
        return c.body() == null ? new byte[0] : c.body().getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    private static long utf8Length(String s) {
        return io.wharf.protocol.Utf8.length(s);
    }

    static void checkCharacters(String body) {
        int cp = io.wharf.protocol.XmlText.firstUnwritable(body); // SQS's set is XML's
        if (cp >= 0) {
            // the wording of a production rejection recorded against real SQS
            throw SqsErrors.INVALID_MESSAGE_CONTENTS.error("Invalid binary character '#x"
                    + Integer.toHexString(cp).toUpperCase(Locale.ROOT) + "' was found in the message body, the "
                    + "set of allowed characters is #x9 | #xA | #xD | [#x20-#xD7FF] | [#xE000-#xFFFD] | "
                    + "[#x10000-#x10FFFF].");
        }
    }

    static void checkAttributes(Map<String, MessageAttributeValue> attributes) {
        if (attributes.size() > MAX_ATTRIBUTES) {
            throw SqsErrors.INVALID_PARAMETER_VALUE.error("Number of message attributes [" + attributes.size()
                    + "] exceeds the allowed maximum [" + MAX_ATTRIBUTES + "].");
        }
        for (Map.Entry<String, MessageAttributeValue> e : attributes.entrySet()) {
            checkName(e.getKey());
            checkValue("Message (user) attribute", e.getKey(), e.getValue());
        }
    }

    private static void checkName(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        if (!ATTRIBUTE_NAME.matcher(name).matches() || name.startsWith(".") || name.endsWith(".")
                || name.contains("..") || lower.startsWith("aws.") || lower.startsWith("amazon.")) {
            throw SqsErrors.INVALID_PARAMETER_VALUE.error("Message (user) attribute name '" + name + "' is invalid. "
                    + "The attribute name can contain A-Z, a-z, 0-9, underscore (_), hyphen (-), and period (.) "
                    + "characters; it must not start or end with a period, contain two consecutive periods, or "
                    + "start with AWS. or Amazon.");
        }
    }

    private static void checkValue(String kind, String name, MessageAttributeValue v) {
        String type = v.dataType();
        if (type == null || type.isEmpty()) {
            throw SqsErrors.INVALID_PARAMETER_VALUE.error("The message attribute '" + name
                    + "' must contain non-empty message attribute type.");
        }
        String base = type.contains(".") ? type.substring(0, type.indexOf('.')) : type;
        switch (base) {
            case "String", "Number" -> {
                if (v.stringValue() == null || v.stringValue().isEmpty()) {
                    throw emptyValue(kind, name, base);
                }
                if (base.equals("Number") && !isNumber(v.stringValue())) {
                    throw SqsErrors.INVALID_PARAMETER_VALUE.error("Can't cast the value of message (user) attribute '"
                            + name + "' to a number.");
                }
                checkCharacters(v.stringValue());
            }
            case "Binary" -> {
                if (v.binaryValue() == null || v.binaryValue().length == 0) {
                    throw emptyValue(kind, name, base);
                }
            }
            default -> throw SqsErrors.INVALID_PARAMETER_VALUE.error("The type of message (user) attribute '" + name
                    + "' is invalid. You must use only the following supported type prefixes: Binary, Number, String.");
        }
    }

    private static AwsException emptyValue(String kind, String name, String type) {
        return SqsErrors.INVALID_PARAMETER_VALUE.error(kind + " '" + name + "' must contain a non-empty value of type '"
                + type + "'.");
    }

    private static boolean isNumber(String value) {
        try {
            BigDecimal n = new BigDecimal(value.trim());
            return n.stripTrailingZeros().precision() <= 38 && n.compareTo(NUMBER_MAX) <= 0
                    && n.compareTo(NUMBER_MIN) >= 0;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    static void checkSystemAttributes(Map<String, MessageAttributeValue> attributes) {
        for (Map.Entry<String, MessageAttributeValue> e : attributes.entrySet()) {
            if (!e.getKey().equals("AWSTraceHeader")) {
                throw SqsErrors.INVALID_PARAMETER_VALUE.error("Message system attribute name '" + e.getKey()
                        + "' is invalid.");
            }
            MessageAttributeValue v = e.getValue();
            if (v.dataType() == null || !v.dataType().equals("String")) {
                throw SqsErrors.INVALID_PARAMETER_VALUE.error("Message system attribute 'AWSTraceHeader' must be of "
                        + "type 'String'.");
            }
            if (v.stringValue() == null || v.stringValue().isEmpty()) {
                throw emptyValue("Message system attribute", e.getKey(), "String");
            }
        }
    }
}
