package io.wharf.sns.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wharf.sns.MessageAttribute;
import io.wharf.sns.SnsErrors;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.regex.Pattern;

/** Publish's checks with AWS's texts (sns.md §4.1–4.3). */
final class MessageValidation {
    private static final Pattern ATTRIBUTE_NAME_CHAR = Pattern.compile("[A-Za-z0-9_.-]");
    private static final Pattern GROUP_OR_DEDUP_ID = Pattern.compile("[\\x21-\\x7E]{1,128}");

    private MessageValidation() {
    }

    /** Everything about the message itself; FIFO rules are checked with the topic ({@link #checkFifo}). */
    static void check(PublishCommand c, int maxMessageBytes) {
        if (c.message() == null || c.message().isEmpty()) {
            throw SnsErrors.invalidParameter("Empty message");
        }
        if (c.subject() != null && !validSubject(c.subject())) {
            throw SnsErrors.invalidParameter("Subject");
        }
        c.attributes().forEach(MessageValidation::checkAttribute);
        if (size(c) > maxMessageBytes) {
            throw SnsErrors.invalidParameter("Message too long");
        }
        if ("json".equals(c.messageStructure())) {
            structured(c.message());
        } else if (c.messageStructure() != null) {
            throw SnsErrors.invalidParameter("MessageStructure");
        }
    }

    private static boolean validSubject(String subject) {
        if (subject.isEmpty() || subject.length() >= 100) {
            return false;
        }
        return subject.chars().noneMatch(ch -> ch < 0x20 || ch == 0x7F);
    }

    /** Body plus attribute names, types and values, in UTF-8 bytes. */
    static int size(PublishCommand c) {
        int size = c.message().getBytes(StandardCharsets.UTF_8).length;
        for (Map.Entry<String, MessageAttribute> e : c.attributes().entrySet()) {
            MessageAttribute a = e.getValue();
            size += utf8(e.getKey()) + utf8(a.dataType()) + utf8(a.stringValue())
                    + (a.binaryValue() == null ? 0 : a.binaryValue().length);
        }
        return size;
    }

    private static int utf8(String s) {
        return s == null ? 0 : s.getBytes(StandardCharsets.UTF_8).length;
    }

    /** MessageStructure=json: an object with a string {@code default}. Returns it. */
    static ObjectNode structured(String message) {
        ObjectNode node = Json.parseObject(message);
        if (node == null) {
            throw SnsErrors.invalidParameter("Message Structure - JSON message body failed to parse");
        }
        JsonNode fallback = node.get("default");
        if (fallback == null || !fallback.isTextual()) {
            throw SnsErrors.invalidParameter("Message Structure - No default entry in JSON message body");
        }
        return node;
    }

    static void checkAttribute(String name, MessageAttribute a) {
        checkAttributeName(name);
        if (a.dataType() == null) {
            throw SnsErrors.VALIDATION_ERROR.error("1 validation error detected: Value null at 'messageAttributes."
                    + name + ".member.dataType' failed to satisfy constraint: Member must not be null");
        }
        String type = a.dataType();
        boolean binary = type.equals("Binary") || type.startsWith("Binary.");
        boolean number = type.equals("Number") || type.startsWith("Number.");
        boolean string = type.equals("String") || type.startsWith("String.");
        if (!binary && !number && !string) {
            throw invalidValue("The message attribute '" + name + "' has an invalid message attribute type, the set "
                    + "of supported type prefixes is Binary, Number, and String.");
        }
        if (binary) {
            if (a.binaryValue() == null) {
                if (a.stringValue() != null) {
                    throw invalidValue("The message attribute '" + name + "' with type 'Binary' must use field "
                            + "'Binary'.");
                }
                throw emptyValue(name, "Binary");
            }
            if (a.binaryValue().length == 0) {
                throw emptyValue(name, "Binary");
            }
            return;
        }
        if (a.stringValue() == null && a.binaryValue() != null) {
            throw invalidValue("The message attribute '" + name + "' with type '" + (number ? "Number" : "String")
                    + "' must use field 'String'.");
        }
        if (a.stringValue() == null || a.stringValue().isEmpty()) {
            throw emptyValue(name, number ? "Number" : "String");
        }
        if (number && !isNumber(a.stringValue())) {
            throw invalidValue("Could not cast message attribute '" + name + "' value to number.");
        }
    }

    private static boolean isNumber(String text) {
        try {
            new java.math.BigDecimal(text.trim());
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static void checkAttributeName(String name) {
        if (name.getBytes(StandardCharsets.UTF_8).length >= 256) {
            throw invalidValue("Length of message attribute name must be less than 256 bytes.");
        }
        for (int i = 0; i < name.length(); i++) {
            char ch = name.charAt(i);
            if (!ATTRIBUTE_NAME_CHAR.matcher(String.valueOf(ch)).matches()) {
                throw invalidValue("Invalid non-alphanumeric character '#x" + Integer.toHexString(ch)
                        .toUpperCase(java.util.Locale.ROOT) + "' was found in the message attribute name. Can only "
                        + "include alphanumeric characters, hyphens, underscores, or dots.");
            }
        }
        if (name.startsWith(".")) {
            throw invalidValue("Invalid message attribute name starting with character '.' was found.");
        }
        if (name.endsWith(".")) {
            throw invalidValue("Invalid message attribute name ending with character '.' was found.");
        }
        if (name.contains("..")) {
            throw invalidValue("Message attribute name can not have successive '.' character.");
        }
    }

    private static io.wharf.protocol.AwsException emptyValue(String name, String type) {
        return invalidValue("The message attribute '" + name + "' must contain non-empty message attribute value "
                + "for message attribute type '" + type + "'.");
    }

    private static io.wharf.protocol.AwsException invalidValue(String message) {
        return SnsErrors.PARAMETER_VALUE_INVALID.error(message);
    }

    /** MessageGroupId / MessageDeduplicationId against the topic's type (sns.md §4.1). */
    static void checkFifo(PublishCommand c, Topic topic) {
        if (c.groupId() != null && !GROUP_OR_DEDUP_ID.matcher(c.groupId()).matches()) {
            throw SnsErrors.invalidParameter("MessageGroupId Reason: The MessageGroupId can only include "
                    + "alphanumeric and punctuation characters. 1 to 128 in length.");
        }
        if (c.dedupId() != null && !GROUP_OR_DEDUP_ID.matcher(c.dedupId()).matches()) {
            throw SnsErrors.invalidParameter("MessageDeduplicationId Reason: The MessageDeduplicationId can only "
                    + "include alphanumeric and punctuation characters. 1 to 128 in length.");
        }
        if (!topic.fifo) {
            if (c.dedupId() != null) {
                throw SnsErrors.invalidParameter("MessageDeduplicationId Reason: The request includes "
                        + "MessageDeduplicationId parameter that is not valid for this topic type");
            }
            return;
        }
        if (c.groupId() == null) {
            throw SnsErrors.invalidParameter("The MessageGroupId parameter is required for FIFO topics");
        }
        if (c.dedupId() == null && !topic.contentBasedDeduplication()) {
            throw SnsErrors.invalidParameter("The topic should either have ContentBasedDeduplication enabled or "
                    + "MessageDeduplicationId provided explicitly");
        }
    }
}
