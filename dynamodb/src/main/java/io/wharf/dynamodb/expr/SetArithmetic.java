package io.wharf.dynamodb.expr;

import io.wharf.dynamodb.item.AttributeValue;
import io.wharf.dynamodb.item.Numbers;

import java.util.LinkedHashSet;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The arithmetic of ADD and DELETE, shared by the update expression ({@link UpdatePlan}) and the legacy
 * {@code AttributeUpdates} ({@link LegacyUpdate}): a number plus a number (38 digits), a set's union or difference with
 * a set of the same type. Each caller names its own error for operands that do not go together (AWS words them
 * differently for the two APIs).
 */
final class SetArithmetic {
    private SetArithmetic() {
    }

    /** ADD: the sum of two numbers or the union of two sets of one type; else {@code mismatch}'s error. */
    static AttributeValue add(AttributeValue current, AttributeValue operand, Supplier<RuntimeException> mismatch) {
        return switch (current) {
            case AttributeValue.N a when operand instanceof AttributeValue.N b ->
                    new AttributeValue.N(Numbers.check(a.value().add(b.value())));
            case AttributeValue.SS a when operand instanceof AttributeValue.SS b -> new AttributeValue.SS(union(a.values(), b.values()));
            case AttributeValue.NS a when operand instanceof AttributeValue.NS b -> new AttributeValue.NS(union(a.values(), b.values()));
            case AttributeValue.BS a when operand instanceof AttributeValue.BS b -> new AttributeValue.BS(union(a.values(), b.values()));
            default -> throw mismatch.get();
        };
    }

    /**
     * DELETE: the set without the operand's elements, or null when nothing is left (the attribute goes); a non-set or a
     * set of another type is {@code mismatch}'s error.
     */
    static AttributeValue subtract(AttributeValue current, AttributeValue operand, Supplier<RuntimeException> mismatch) {
        return switch (current) {
            case AttributeValue.SS a when operand instanceof AttributeValue.SS b -> {
                Set<String> rest = minus(a.values(), b.values());
                yield rest.isEmpty() ? null : new AttributeValue.SS(rest);
            }
            case AttributeValue.NS a when operand instanceof AttributeValue.NS b -> {
                var rest = minus(a.values(), b.values());
                yield rest.isEmpty() ? null : new AttributeValue.NS(rest);
            }
            case AttributeValue.BS a when operand instanceof AttributeValue.BS b -> {
                var rest = minus(a.values(), b.values());
                yield rest.isEmpty() ? null : new AttributeValue.BS(rest);
            }
            default -> throw mismatch.get();
        };
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
}
