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
    }
}
