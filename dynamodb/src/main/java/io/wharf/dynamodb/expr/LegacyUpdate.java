package io.wharf.dynamodb.expr;

import io.wharf.dynamodb.DynamoDbErrors;
import io.wharf.dynamodb.expr.Legacy.AttributeUpdate;
import io.wharf.dynamodb.item.AttributeValue;
import io.wharf.dynamodb.item.Numbers;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
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

    private static AttributeValue add(AttributeValue current, AttributeValue value) {
        return switch (current) {
            case AttributeValue.N a when value instanceof AttributeValue.N b -> new AttributeValue.N(Numbers.check(a.value().add(b.value())));
            case AttributeValue.SS a when value instanceof AttributeValue.SS b -> new AttributeValue.SS(union(a.values(), b.values()));
            case AttributeValue.NS a when value instanceof AttributeValue.NS b -> new AttributeValue.NS(union(a.values(), b.values()));
            case AttributeValue.BS a when value instanceof AttributeValue.BS b -> new AttributeValue.BS(union(a.values(), b.values()));
            case AttributeValue.L a when value instanceof AttributeValue.L b -> {
                var joined = new ArrayList<>(a.values());
                joined.addAll(b.values());
                yield new AttributeValue.L(joined);
            }
            default -> throw typeMismatch();
        };
    }

    /** The set without the value's elements, or null when nothing is left. */
    private static AttributeValue subtract(AttributeValue current, AttributeValue value) {
        return switch (current) {
            case AttributeValue.SS a when value instanceof AttributeValue.SS b -> {
                Set<String> rest = minus(a.values(), b.values());
                yield rest.isEmpty() ? null : new AttributeValue.SS(rest);
            }
            case AttributeValue.NS a when value instanceof AttributeValue.NS b -> {
                var rest = minus(a.values(), b.values());
                yield rest.isEmpty() ? null : new AttributeValue.NS(rest);
            }
            case AttributeValue.BS a when value instanceof AttributeValue.BS b -> {
                var rest = minus(a.values(), b.values());
                yield rest.isEmpty() ? null : new AttributeValue.BS(rest);
            }
            default -> throw typeMismatch();
        };
    }

    private static RuntimeException typeMismatch() {
        return DynamoDbErrors.validation("Type mismatch for attribute to update");
    }

    private static <T> Set<T> union(Set<T> a, Set<T> b) {
        var all = new LinkedHashSet<>(a);
        all.addAll(b);
        return all;
    }

    private static <T> Set<T> minus(Set<T> a, Set<T> b) {
        var rest = new LinkedHashSet<>(a);
        rest.removeAll(b);
        return rest;
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
