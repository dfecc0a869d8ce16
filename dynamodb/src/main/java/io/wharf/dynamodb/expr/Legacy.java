package io.wharf.dynamodb.expr;

import io.wharf.dynamodb.item.AttributeValue;

import io.wharf.dynamodb.DynamoDbErrors;

import java.util.ArrayList;
import java.util.LinkedHashMap;
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

    /**
     * {@code Expected} with {@code ConditionalOperator} ({@code AND} when null; given, it needs two conditions or more).
     */
    public static Condition expected(Map<String, ExpectedAttribute> expected, String conditionalOperator) {
        checkConditionalOperator(expected, conditionalOperator);
        if (expected == null || expected.isEmpty()) {
            return Condition.ALWAYS;
        }
        var conditions = new ArrayList<Condition>();
        for (var entry : expected.entrySet()) {
            conditions.add(expectation(entry.getKey(), entry.getValue()));
        }
        return combine(conditions, conditionalOperator);
    }

    private static Condition expectation(String attribute, ExpectedAttribute expected) {
        if (expected.comparisonOperator() != null) {
            if (expected.exists() != null) {
                throw LegacyComparison.invalid("Exists and ComparisonOperator cannot be used together for Attribute: " + attribute);
            }
            if (expected.value() != null && expected.attributeValueList() != null) {
                throw LegacyComparison.invalid("Value and AttributeValueList cannot be used together for Attribute: " + attribute);
            }
            String operator = expected.comparisonOperator();
            if (!operator.equals("NULL") && !operator.equals("NOT_NULL") && expected.value() == null
                    && expected.attributeValueList() == null) {
                throw LegacyComparison.invalid("Value or AttributeValueList must be used with ComparisonOperator: "
                        + operator + " for Attribute: " + attribute);
            }
            List<AttributeValue> values = expected.value() != null ? List.of(expected.value()) : expected.attributeValueList();
            return new LegacyComparison(attribute, operator, values).validated();
        }
        if (expected.attributeValueList() != null) {
            throw LegacyComparison.invalid("AttributeValueList can only be used with a ComparisonOperator for Attribute: "
                    + attribute);
        }
        boolean exists = expected.exists() == null || expected.exists();
        if (exists && expected.value() == null) {
            throw LegacyComparison.invalid("Value must be provided when Exists is "
                    + (expected.exists() == null ? "null" : "true") + " for Attribute: " + attribute);
        }
        if (!exists && expected.value() != null) {
            throw LegacyComparison.invalid("Value cannot be used when Exists is false for Attribute: " + attribute);
        }
        if (!exists) {
            return item -> !item.containsKey(attribute);
        }
        AttributeValue value = expected.value();
        return item -> value.equals(item.get(attribute));
    }

    /** {@code ScanFilter} or {@code QueryFilter} with {@code ConditionalOperator}. */
    public static Condition filter(Map<String, Comparison> filter, String conditionalOperator) {
        checkConditionalOperator(filter, conditionalOperator);
        if (filter == null || filter.isEmpty()) {
            return Condition.ALWAYS;
        }
        var conditions = new ArrayList<Condition>();
        for (var entry : filter.entrySet()) {
            conditions.add(comparison(entry.getKey(), entry.getValue()));
        }
        return combine(conditions, conditionalOperator);
    }

    /** {@code ConditionalOperator} needs at least two conditions to combine. */
    private static void checkConditionalOperator(Map<String, ?> conditions, String conditionalOperator) {
        if (conditionalOperator == null) {
            return;
        }
        if (conditions == null || conditions.isEmpty()) {
            throw DynamoDbErrors.validation("ConditionalOperator cannot be used without Filter or Expected");
        }
        if (conditions.size() == 1) {
            throw DynamoDbErrors.validation(
                    "ConditionalOperator can only be used when Filter or Expected has two or more elements");
        }
    }

    private static LegacyComparison comparison(String attribute, Comparison comparison) {
        return new LegacyComparison(attribute, comparison.comparisonOperator(), comparison.attributeValueList()).validated();
    }

    private static Condition combine(List<Condition> conditions, String conditionalOperator) {
        return new Combined(List.copyOf(conditions), "OR".equals(conditionalOperator));
    }

    /** Several legacy conditions under {@code ConditionalOperator}: all of them ({@code AND}) or any ({@code OR}). */
    record Combined(List<Condition> conditions, boolean or) implements Condition {
        @Override
        public boolean test(Map<String, AttributeValue> item) {
            for (Condition condition : conditions) {
                if (condition.test(item) == or) {
                    return or;
                }
            }
            return !or;
        }
    }

    /** {@code KeyConditions}; which entry is the partition key the engine's key schema decides, so both are given. */
    public static KeyCondition keyConditions(Map<String, Comparison> conditions, String partitionKeyName) {
        if (conditions == null || conditions.isEmpty() || conditions.size() > 2) {
            throw DynamoDbErrors.validation("Conditions can be of length 1 or 2 only");
        }
        var checked = new LinkedHashMap<String, LegacyComparison>();
        for (var entry : conditions.entrySet()) {
            var comparison = new LegacyComparison(entry.getKey(), entry.getValue().comparisonOperator(),
                    entry.getValue().attributeValueList());
            if (!comparison.hasArgumentCount()) {
                // KeyConditions words a wrong argument count its own way
                throw DynamoDbErrors.validation(
                        "The attempted filter operation is not supported for the provided filter argument count");
            }
            checked.put(entry.getKey(), comparison.validated());
        }
        LegacyComparison partition = checked.get(partitionKeyName);
        if (partition == null) {
            throw KeyConditionBuilder.missedKeyElement(partitionKeyName);
        }
        for (LegacyComparison comparison : checked.values()) {
            if (!INDEXABLE.containsKey(comparison.operator())) {
                throw DynamoDbErrors.validation("Attempted conditional constraint is not an indexable operation");
            }
        }
        if (!partition.operator().equals("EQ")) {
            throw DynamoDbErrors.validation("Query key condition not supported");
        }
        KeyCondition.SortCondition sort = null;
        for (LegacyComparison comparison : checked.values()) {
            if (comparison != partition) {
                sort = new KeyCondition.SortCondition(comparison.attribute(), INDEXABLE.get(comparison.operator()),
                        comparison.values());
            }
        }
        return new KeyCondition(partitionKeyName, partition.values().getFirst(), sort);
    }

    private static final Map<String, KeyCondition.Operator> INDEXABLE = Map.of(
            "EQ", KeyCondition.Operator.EQ, "LT", KeyCondition.Operator.LT, "LE", KeyCondition.Operator.LE,
            "GT", KeyCondition.Operator.GT, "GE", KeyCondition.Operator.GE, "BETWEEN", KeyCondition.Operator.BETWEEN,
            "BEGINS_WITH", KeyCondition.Operator.BEGINS_WITH);

    /** {@code AttributeUpdates}. */
    public static Update attributeUpdates(Map<String, AttributeUpdate> updates) {
        var checked = new LinkedHashMap<String, AttributeUpdate>();
        for (var entry : updates.entrySet()) {
            AttributeUpdate update = entry.getValue();
            String action = update.action() == null ? "PUT" : update.action();
            if (!action.equals("PUT") && !action.equals("ADD") && !action.equals("DELETE")) {
                throw DynamoDbErrors.validation("1 validation error detected: Value '" + action + "' at 'attributeUpdates."
                        + entry.getKey() + ".member.action' failed to satisfy constraint: Member must satisfy enum value "
                        + "set: [ADD, PUT, DELETE]");
            }
            AttributeValue value = update.value();
            if (value == null && !action.equals("DELETE")) {
                throw LegacyComparison.invalid("Only DELETE action is allowed when no attribute value is specified");
            }
            if (value != null && action.equals("DELETE") && !isSet(value)) {
                throw LegacyComparison.invalid("DELETE action with value is not supported for the type " + value.type());
            }
            if (value != null && action.equals("ADD") && !isSet(value) && !(value instanceof AttributeValue.N)
                    && !(value instanceof AttributeValue.L)) {
                throw LegacyComparison.invalid("ADD action is not supported for the type " + value.type());
            }
            checked.put(entry.getKey(), new AttributeUpdate(action, value));
        }
        return new LegacyUpdate(checked);
    }

    private static boolean isSet(AttributeValue value) {
        return value instanceof AttributeValue.SS || value instanceof AttributeValue.NS || value instanceof AttributeValue.BS;
    }

    /** {@code AttributesToGet}. */
    public static Projection attributesToGet(List<String> names) {
        var paths = new ArrayList<DocumentPath>();
        for (String name : names) {
            paths.add(new DocumentPath(List.of(new DocumentPath.Key(name, name))));
        }
        return new PathProjection(paths);
    }
}
