package io.wharf.dynamodb.expr;

import io.wharf.dynamodb.item.AttributeValue;

import java.util.List;
import java.util.Map;

/**
 * The legacy conditional parameters, translated into the same {@link Condition}, {@link Update},
 * {@link Projection} and {@link KeyCondition} the expressions give, with AWS's validation texts (and AWS's refusal
 * to mix legacy parameters with expressions, which the operations check).
 */
public final class Legacy {
    private Legacy() {
    }

    /** One entry of {@code Expected}: {@code Exists}/{@code Value}, or {@code ComparisonOperator}/{@code AttributeValueList}. */
    public record ExpectedAttribute(Boolean exists, AttributeValue value, String comparisonOperator,
                                    List<AttributeValue> attributeValueList) {
    }

    /** One entry of {@code ScanFilter}, {@code QueryFilter} or {@code KeyConditions}. */
    public record Comparison(String comparisonOperator, List<AttributeValue> attributeValueList) {
    }

    /** One entry of {@code AttributeUpdates}: {@code PUT}, {@code ADD} or {@code DELETE}, value optional for DELETE. */
    public record AttributeUpdate(String action, AttributeValue value) {
    }

    /** {@code Expected} with {@code ConditionalOperator} ({@code AND} when null). */
    public static Condition expected(Map<String, ExpectedAttribute> expected, String conditionalOperator) {
        throw new UnsupportedOperationException("not built yet");
    }

    /** {@code ScanFilter} or {@code QueryFilter} with {@code ConditionalOperator}. */
    public static Condition filter(Map<String, Comparison> filter, String conditionalOperator) {
        throw new UnsupportedOperationException("not built yet");
    }

    /** {@code KeyConditions}; which entry is the partition key the engine's key schema decides, so both are given. */
    public static KeyCondition keyConditions(Map<String, Comparison> conditions, String partitionKeyName) {
        throw new UnsupportedOperationException("not built yet");
    }

    /** {@code AttributeUpdates}. */
    public static Update attributeUpdates(Map<String, AttributeUpdate> updates) {
        throw new UnsupportedOperationException("not built yet");
    }

    /** {@code AttributesToGet}. */
    public static Projection attributesToGet(List<String> names) {
        throw new UnsupportedOperationException("not built yet");
    }
}
