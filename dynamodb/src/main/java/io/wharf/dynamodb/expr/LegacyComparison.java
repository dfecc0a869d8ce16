package io.wharf.dynamodb.expr;

import io.wharf.dynamodb.DynamoDbErrors;
import io.wharf.dynamodb.item.AttributeValue;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One legacy {@code ComparisonOperator} with its {@code AttributeValueList} on one top-level attribute: AWS's
 * argument checks and its meaning. A missing attribute satisfies only {@code NE}, {@code NULL} (and nothing else).
 */
record LegacyComparison(String attribute, String operator, List<AttributeValue> values) implements Condition {

    private static final Map<String, Integer> ARGUMENTS = Map.ofEntries(
            Map.entry("EQ", 1), Map.entry("NE", 1), Map.entry("LE", 1), Map.entry("LT", 1), Map.entry("GE", 1),
            Map.entry("GT", 1), Map.entry("CONTAINS", 1), Map.entry("NOT_CONTAINS", 1), Map.entry("BEGINS_WITH", 1),
            Map.entry("NULL", 0), Map.entry("NOT_NULL", 0), Map.entry("BETWEEN", 2), Map.entry("IN", -1));
    private static final Set<String> SCALARS = Set.of("S", "N", "B");
    private static final Map<String, Set<String>> TYPES = Map.ofEntries(
            Map.entry("EQ", Set.of("S", "N", "B", "SS", "NS", "BS")),
            Map.entry("NE", Set.of("S", "N", "B", "SS", "NS", "BS")),
            Map.entry("LE", SCALARS), Map.entry("LT", SCALARS), Map.entry("GE", SCALARS), Map.entry("GT", SCALARS),
            Map.entry("CONTAINS", SCALARS), Map.entry("NOT_CONTAINS", SCALARS),
            Map.entry("BEGINS_WITH", Set.of("S", "B")), Map.entry("IN", SCALARS), Map.entry("BETWEEN", SCALARS));

    LegacyComparison {
        values = values == null ? List.of() : List.copyOf(values);
    }

    /** AWS's checks: the operator's argument count, one type throughout, a type the operator takes, BETWEEN's order. */
    LegacyComparison validated() {
        if (!hasArgumentCount()) {
            throw invalid("Invalid number of argument(s) for the " + operator + " ComparisonOperator");
        }
        if (!values.isEmpty()) {
            String type = values.getFirst().type();
            for (AttributeValue value : values) {
                if (!value.type().equals(type)) {
                    throw invalid("AttributeValues inside AttributeValueList must be of same type");
                }
            }
            Set<String> allowed = TYPES.get(operator);
            if (allowed != null && !allowed.contains(type)) {
                throw invalid("ComparisonOperator " + operator + " is not valid for " + type + " AttributeValue type");
            }
            if (operator.equals("BETWEEN")) {
                Integer order = Values.compare(values.get(0), values.get(1));
                if (order != null && order > 0) {
                    throw DynamoDbErrors.validation(
                            "The BETWEEN condition was provided a range where the lower bound is greater than the upper bound");
                }
            }
        }
        return this;
    }

    /** Whether the AttributeValueList has as many values as the operator takes. */
    boolean hasArgumentCount() {
        Integer count = ARGUMENTS.get(operator);
        if (count == null) {
            throw DynamoDbErrors.validation("One or more parameter values were invalid: Unsupported operator on "
                    + "ExpectedAttributeValue or ConditionalOperator: " + operator);
        }
        return count >= 0 ? values.size() == count : !values.isEmpty();
    }

    @Override
    public boolean test(Map<String, AttributeValue> item) {
        AttributeValue value = item.get(attribute);
        return switch (operator) {
            case "NULL" -> value == null;
            case "NOT_NULL" -> value != null;
            case "NE" -> !Values.equal(value, values.getFirst());
            default -> value != null && present(value);
        };
    }

    private boolean present(AttributeValue value) {
        AttributeValue first = values.getFirst();
        return switch (operator) {
            case "EQ" -> Values.equal(value, first);
            case "LT", "LE", "GT", "GE" -> {
                Integer order = Values.compare(value, first);
                yield order != null && switch (operator) {
                    case "LT" -> order < 0;
                    case "LE" -> order <= 0;
                    case "GT" -> order > 0;
                    default -> order >= 0;
                };
            }
            case "CONTAINS" -> Values.contains(value, first);
            case "NOT_CONTAINS" -> !Values.contains(value, first);
            case "BEGINS_WITH" -> Values.beginsWith(value, first);
            case "IN" -> values.contains(value);
            case "BETWEEN" -> {
                Integer fromLow = Values.compare(value, first);
                Integer toHigh = Values.compare(value, values.get(1));
                yield fromLow != null && toHigh != null && fromLow >= 0 && toHigh <= 0;
            }
            default -> false;
        };
    }

    static RuntimeException invalid(String reason) {
        return DynamoDbErrors.validation("One or more parameter values were invalid: " + reason);
    }
}
