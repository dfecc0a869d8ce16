package io.wharf.dynamodb.expr;

import io.wharf.dynamodb.item.AttributeValue;

import java.util.List;

/**
 * A parsed {@code KeyConditionExpression} or legacy {@code KeyConditions}: the partition key's equality and at most
 * one sort-key condition. The engine checks the names against the table's or index's key schema.
 *
 * @param partitionName  the attribute name (placeholders resolved)
 * @param partitionValue the value it must equal
 * @param sort           the sort-key condition, or null
 */
public record KeyCondition(String partitionName, AttributeValue partitionValue, SortCondition sort) {

    /** {@code =, <, <=, >, >=, BETWEEN, begins_with} on the sort key. */
    public enum Operator { EQ, LT, LE, GT, GE, BETWEEN, BEGINS_WITH }

    /** One or two operands ({@code BETWEEN}). */
    public record SortCondition(String name, Operator operator, List<AttributeValue> operands) {

        /** Whether an item's sort-key value satisfies the condition (AWS's ordering: numbers, UTF-8 bytes, unsigned bytes). */
        public boolean test(AttributeValue value) {
            if (value == null) {
                return false;
            }
            AttributeValue first = operands.getFirst();
            if (operator == Operator.BEGINS_WITH) {
                return Values.beginsWith(value, first);
            }
            Integer order = Values.compare(value, first);
            if (order == null) {
                return false;
            }
            return switch (operator) {
                case EQ -> order == 0;
                case LT -> order < 0;
                case LE -> order <= 0;
                case GT -> order > 0;
                case GE -> order >= 0;
                case BETWEEN -> {
                    Integer toHigh = Values.compare(value, operands.get(1));
                    yield order >= 0 && toHigh != null && toHigh <= 0;
                }
                case BEGINS_WITH -> throw new IllegalStateException();
            };
        }
    }

    /** Whether an item (its key attributes) satisfies the whole key condition. */
    public boolean test(java.util.Map<String, AttributeValue> item) {
        return partitionValue.equals(item.get(partitionName)) && (sort == null || sort.test(item.get(sort.name())));
    }
}
