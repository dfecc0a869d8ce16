package io.wharf.dynamodb.expr;

import io.wharf.dynamodb.item.AttributeValue;

import java.util.Map;

/** A parsed condition or filter (expression or legacy parameters): whether an item satisfies it. */
@FunctionalInterface
public interface Condition {
    /** A condition every item satisfies (no condition given). */
    Condition ALWAYS = item -> true;

    /**
     * @param item the item, or an empty map when there is none (so {@code attribute_not_exists(pk)} holds)
     */
    boolean test(Map<String, AttributeValue> item);
}
