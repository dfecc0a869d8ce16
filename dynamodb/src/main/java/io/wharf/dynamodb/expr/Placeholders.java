package io.wharf.dynamodb.expr;

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
        throw new UnsupportedOperationException("not built yet");
    }

    /** The value {@code :v} stands for; AWS's ValidationException when undefined. Marks it used. */
    public AttributeValue value(String placeholder) {
        throw new UnsupportedOperationException("not built yet");
    }

    /** AWS's ValidationException when a defined name or value was used by no expression of the request. */
    public void requireAllUsed() {
        throw new UnsupportedOperationException("not built yet");
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
