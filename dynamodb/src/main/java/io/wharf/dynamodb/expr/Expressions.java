package io.wharf.dynamodb.expr;

import io.wharf.dynamodb.DynamoDbErrors;

import java.util.Map;

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
        return parse("ProjectionExpression", placeholders, () -> ProjectionBuilder.parse(expression, placeholders));
    }

    /**
     * A {@code KeyConditionExpression} without the key schema at hand: the first {@code =} condition is taken for the
     * partition key's. Prefer {@link #keyCondition(String, Placeholders, String, String)}, which gives AWS's texts for
     * conditions that do not fit the schema.
     */
    public static KeyCondition keyCondition(String expression, Placeholders placeholders) {
        return KeyConditionBuilder.guess(parts(expression, placeholders));
    }

    /**
     * A {@code KeyConditionExpression} against the table's or index's key schema ({@code sortKey} null for a
     * partition key alone): AWS's texts for a missed key element, a partition condition other than {@code =}, or a
     * condition on another attribute. Value types against the attribute definitions are the engine's to check.
     */
    public static KeyCondition keyCondition(String expression, Placeholders placeholders, String partitionKey,
                                            String sortKey) {
        return KeyConditionBuilder.forSchema(parts(expression, placeholders), partitionKey, sortKey);
    }

    private static Map<String, KeyConditionBuilder.Part> parts(String expression, Placeholders placeholders) {
        return parse("KeyConditionExpression", placeholders,
                () -> KeyConditionBuilder.parts(ConditionBuilder.parse(expression, placeholders, false)));
    }

    /**
     * The top-level attribute names a condition or filter reads (for AWS's refusal of key attributes in a Query's
     * filter); empty for {@link Condition#ALWAYS} and for conditions this package did not build.
     */
    public static java.util.Set<String> topLevelNames(Condition condition) {
        var names = new java.util.LinkedHashSet<String>();
        collectNames(condition, names);
        return java.util.Collections.unmodifiableSet(names);
    }

    private static void collectNames(Object node, java.util.Set<String> names) {
        switch (node) {
            case ConditionTree.PathOperand path -> names.add(path.path().topName());
            case ConditionTree.FunctionCall call -> call.args().forEach(arg -> collectNames(arg, names));
            case ConditionTree.Compare compare -> {
                collectNames(compare.left(), names);
                collectNames(compare.right(), names);
            }
            case ConditionTree.Between between -> {
                collectNames(between.subject(), names);
                collectNames(between.low(), names);
                collectNames(between.high(), names);
            }
            case ConditionTree.In in -> {
                collectNames(in.subject(), names);
                in.candidates().forEach(candidate -> collectNames(candidate, names));
            }
            case ConditionTree.Not not -> collectNames(not.inner(), names);
            case ConditionTree.And and -> {
                collectNames(and.left(), names);
                collectNames(and.right(), names);
            }
            case ConditionTree.Or or -> {
                collectNames(or.left(), names);
                collectNames(or.right(), names);
            }
            case LegacyComparison comparison -> names.add(comparison.attribute());
            case Legacy.Combined combined -> combined.conditions().forEach(child -> collectNames(child, names));
            default -> {
            }
        }
    }
}
