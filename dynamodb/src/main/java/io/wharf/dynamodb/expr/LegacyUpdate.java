package io.wharf.dynamodb.expr;

import io.wharf.dynamodb.DynamoDbErrors;
import io.wharf.dynamodb.expr.Legacy.AttributeUpdate;
import io.wharf.dynamodb.item.AttributeValue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * {@code AttributeUpdates} applied as AWS applies them, one top-level attribute each: PUT replaces; ADD adds to a
 * number (from 0 when absent), unions a set, appends to a list (creating the attribute when absent); DELETE without a
 * value removes the attribute, with a set value subtracts it (an emptied set is removed). ADD or DELETE on an attribute
 * of another type is AWS's "Type mismatch for attribute to update".
 */
final class LegacyUpdate implements Update {
    private final Map<String, AttributeUpdate> updates;

    LegacyUpdate(Map<String, AttributeUpdate> updates) {
        this.updates = Collections.unmodifiableMap(new LinkedHashMap<>(updates));
    }

    @Override
    public Map<String, AttributeValue> apply(Map<String, AttributeValue> item) {
        var result = new LinkedHashMap<>(item);
        for (var entry : updates.entrySet()) {
            String name = entry.getKey();
            AttributeValue value = entry.getValue().value();
            AttributeValue current = result.get(name);
            switch (entry.getValue().action()) {
                case "PUT" -> result.put(name, value);
                case "ADD" -> result.put(name, current == null ? value : add(current, value));
                case "DELETE" -> {
                    if (value == null) {
                        result.remove(name);
                    } else if (current != null) {
                        AttributeValue rest = subtract(current, value);
                        if (rest == null) {
                            result.remove(name);
                        } else {
                            result.put(name, rest);
                        }
                    }
                }
                default -> throw new IllegalStateException("unchecked action " + entry.getValue().action());
            }
        }
        return result;
    }

    /** ADD: a number's sum or a set's union ({@link SetArithmetic}), and, for the legacy API only, a list appended. */
    private static AttributeValue add(AttributeValue current, AttributeValue value) {
        if (current instanceof AttributeValue.L a && value instanceof AttributeValue.L b) {
            var joined = new ArrayList<>(a.values());
            joined.addAll(b.values());
            return new AttributeValue.L(joined);
        }
        return SetArithmetic.add(current, value, LegacyUpdate::typeMismatch);
    }

    /** The set without the value's elements, or null when nothing is left. */
    private static AttributeValue subtract(AttributeValue current, AttributeValue value) {
        return SetArithmetic.subtract(current, value, LegacyUpdate::typeMismatch);
    }

    private static RuntimeException typeMismatch() {
        return DynamoDbErrors.validation("Type mismatch for attribute to update");
    }

    @Override
    public Set<String> topLevelTargets() {
        return updates.keySet();
    }

    @Override
    public Map<String, AttributeValue> touched(Map<String, AttributeValue> item) {
        var touched = new LinkedHashMap<String, AttributeValue>();
        for (String name : updates.keySet()) {
            AttributeValue value = item.get(name);
            if (value != null) {
                touched.put(name, value);
            }
        }
        return touched;
    }
}
