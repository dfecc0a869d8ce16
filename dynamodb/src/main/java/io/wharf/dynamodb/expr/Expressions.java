package io.wharf.dynamodb.expr;

/**
 * The expression language's entry points: each parses with the ANTLR grammar in
 * {@code src/main/antlr4/io/wharf/dynamodb/expr/}, resolves placeholders and validates as AWS does (reserved
 * words, undefined placeholders, operand types, function arity, overlapping and conflicting paths, nesting depth
 * and size limits) with AWS's ValidationException texts.
 */
public final class Expressions {
    private Expressions() {
    }

    /** A {@code ConditionExpression} (PutItem, UpdateItem, DeleteItem, transactions' ConditionCheck). */
    public static Condition condition(String expression, Placeholders placeholders) {
        throw new UnsupportedOperationException("not built yet");
    }

    /** A {@code FilterExpression} (Query, Scan): the same language; AWS's messages name the filter. */
    public static Condition filter(String expression, Placeholders placeholders) {
        throw new UnsupportedOperationException("not built yet");
    }

    /** An {@code UpdateExpression}. */
    public static Update update(String expression, Placeholders placeholders) {
        throw new UnsupportedOperationException("not built yet");
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
