package io.wharf.dynamodb.expr;

import io.wharf.dynamodb.DynamoDbErrors;
import io.wharf.dynamodb.item.AttributeValue;

import java.util.Map;

/**
 * A request's {@code ExpressionAttributeNames} ({@code #n → name}) and {@code ExpressionAttributeValues}
 * ({@code :v → value}), shared by all the expressions of one request, which remember which ones they used: AWS
 * refuses a request that defines a placeholder none of its expressions uses ({@link #requireAllUsed}) or uses one it
 * does not define (at parse time).
 * <pre>
 * Placeholders p = new Placeholders(names, values);
 * Condition c = Expressions.condition(conditionText, p);
 * Update u = Expressions.update(updateText, p);
 * p.requireAllUsed();
 * </pre>
 */
public final class Placeholders {
    /** AWS's limit on a placeholder's length, its {@code #} or {@code :} included. */
    static final int MAX_KEY_BYTES = 255;
    private static final java.util.regex.Pattern NAME_KEY = java.util.regex.Pattern.compile("#[0-9a-zA-Z_]+");
    private static final java.util.regex.Pattern VALUE_KEY = java.util.regex.Pattern.compile(":[0-9a-zA-Z_]+");

    private final Map<String, String> names;
    private final Map<String, AttributeValue> values;
    private final java.util.Set<String> usedNames = new java.util.HashSet<>();
    private final java.util.Set<String> usedValues = new java.util.HashSet<>();

    /** Either map may be empty; null means the request did not send it. */
    public Placeholders(Map<String, String> names, Map<String, AttributeValue> values) {
        this.names = names;
        this.values = values;
    }

    public static Placeholders none() {
        return new Placeholders(null, null);
    }

    /** The name {@code #n} stands for; AWS's ValidationException when undefined. Marks it used. */
    public String name(String placeholder) {
        String name = lookUpName(placeholder);
        if (name == null) {
            throw DynamoDbErrors.validation(
                    "An expression attribute name used in the document path is not defined; attribute name: " + placeholder);
        }
        return name;
    }

    /** The value {@code :v} stands for; AWS's ValidationException when undefined. Marks it used. */
    public AttributeValue value(String placeholder) {
        AttributeValue value = lookUpValue(placeholder);
        if (value == null) {
            throw DynamoDbErrors.validation(
                    "An expression attribute value used in expression is not defined; attribute value: " + placeholder);
        }
        return value;
    }

    /** AWS's ValidationException when a defined name or value was used by no expression of the request. */
    public void requireAllUsed() {
        requireUsed("ExpressionAttributeNames", names, usedNames);
        requireUsed("ExpressionAttributeValues", values, usedValues);
    }

    /**
     * AWS's checks of the two maps themselves, before any expression is parsed: not empty when sent, keys of the form
     * {@code #name} / {@code :value} of at most 255 bytes, no empty attribute name. {@link Expressions} runs them on every parse; running them twice is harmless.
     */
    public void validate() {
        if (names != null) {
            if (names.isEmpty()) {
                throw DynamoDbErrors.validation("ExpressionAttributeNames must not be empty");
            }
            for (var entry : names.entrySet()) {
                String key = entry.getKey();
                int length = key.getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
                if (length > MAX_KEY_BYTES) {
                    throw DynamoDbErrors.validation("ExpressionAttributeNames contains invalid key: The expression "
                            + "attribute map contains a key that is too long; size of key: " + length);
                }
                if (!NAME_KEY.matcher(key).matches()) {
                    throw DynamoDbErrors.validation(
                            "ExpressionAttributeNames contains invalid key: Syntax error; key: \"" + key + "\"");
                }
                if (entry.getValue() == null || entry.getValue().isEmpty()) {
                    throw DynamoDbErrors.validation(
                            "ExpressionAttributeNames contains invalid value: Empty attribute name for key " + key);
                }
            }
        }
        if (values != null) {
            if (values.isEmpty()) {
                throw DynamoDbErrors.validation("ExpressionAttributeValues must not be empty");
            }
            for (String key : values.keySet()) {
                if (key.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > MAX_KEY_BYTES) {
                    // AWS names the size for ExpressionAttributeNames only
                    throw DynamoDbErrors.validation("ExpressionAttributeValues contains invalid key: The expression "
                            + "attribute map contains a key that is too long;");
                }
                if (!VALUE_KEY.matcher(key).matches()) {
                    throw DynamoDbErrors.validation(
                            "ExpressionAttributeValues contains invalid key: Syntax error; key: \"" + key + "\"");
                }
            }
        }
    }

    /** The name, marked used, or null when the request does not define it. */
    String lookUpName(String placeholder) {
        String name = names == null ? null : names.get(placeholder);
        if (name != null) {
            usedNames.add(placeholder);
        }
        return name;
    }

    /** The value, marked used, or null when the request does not define it. */
    AttributeValue lookUpValue(String placeholder) {
        AttributeValue value = values == null ? null : values.get(placeholder);
        if (value != null) {
            usedValues.add(placeholder);
        }
        return value;
    }

    private static void requireUsed(String parameter, Map<String, ?> defined, java.util.Set<String> used) {
        if (defined == null) {
            return;
        }
        var unused = new java.util.ArrayList<String>();
        for (String key : defined.keySet()) {
            if (!used.contains(key)) {
                unused.add(key);
            }
        }
        if (!unused.isEmpty()) {
            throw DynamoDbErrors.validation("Value provided in " + parameter + " unused in expressions: keys: {"
                    + String.join(", ", unused) + "}");
        }
    }

    Map<String, String> names() {
        return names;
    }

    Map<String, AttributeValue> values() {
        return values;
    }

    java.util.Set<String> usedNames() {
        return usedNames;
    }

    java.util.Set<String> usedValues() {
        return usedValues;
    }
}
