package io.wharf.dynamodb.expr;

import io.wharf.dynamodb.DynamoDbErrors;

/**
 * The expression language's entry points: each parses with the ANTLR grammar in
 * {@code src/main/antlr4/io/wharf/dynamodb/expr/}, resolves placeholders and validates as AWS does (reserved
 * words, undefined placeholders, operand types, function arity, overlapping and conflicting paths, nesting depth
 * and size limits) with AWS's ValidationException texts.
 */
public final class Expressions {
    private Expressions() {
    }

    /** Runs one parse, turning its failure into AWS's {@code Invalid <parameter>: <reason>} ValidationException. */
    private static <T> T parse(String parameter, Placeholders placeholders, java.util.function.Supplier<T> parse) {
        placeholders.validate();
        try {
            return parse.get();
        } catch (ExpressionFailure failure) {
            throw DynamoDbErrors.validation("Invalid " + parameter + ": " + failure.getMessage());
        }
    }

    /** A {@code ConditionExpression} (PutItem, UpdateItem, DeleteItem, transactions' ConditionCheck). */
    public static Condition condition(String expression, Placeholders placeholders) {
        return parse("ConditionExpression", placeholders, () -> ConditionBuilder.parse(expression, placeholders));
    }

    /** A {@code FilterExpression} (Query, Scan): the same language; AWS's messages name the filter. */
    public static Condition filter(String expression, Placeholders placeholders) {
        return parse("FilterExpression", placeholders, () -> ConditionBuilder.parse(expression, placeholders));
    }

    /** An {@code UpdateExpression}. */
    public static Update update(String expression, Placeholders placeholders) {
        return parse("UpdateExpression", placeholders, () -> UpdateBuilder.parse(expression, placeholders));
    }

    /** A {@code ProjectionExpression}. */
    public static Projection projection(String expression, Placeholders placeholders) {
        throw new UnsupportedOperationException("not built yet");
    }

    /** A {@code KeyConditionExpression}. */
    public static KeyCondition keyCondition(String expression, Placeholders placeholders) {
        throw new UnsupportedOperationException("not built yet");
    }
}
