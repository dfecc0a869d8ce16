package io.wharf.dynamodb.expr;

import io.wharf.dynamodb.DynamoDbErrors;
import io.wharf.dynamodb.expr.ConditionTree.Between;
import io.wharf.dynamodb.expr.ConditionTree.Compare;
import io.wharf.dynamodb.expr.ConditionTree.FunctionCall;
import io.wharf.dynamodb.expr.ConditionTree.Node;
import io.wharf.dynamodb.expr.ConditionTree.Operand;
import io.wharf.dynamodb.expr.ConditionTree.PathOperand;
import io.wharf.dynamodb.expr.ConditionTree.ValueOperand;
import io.wharf.dynamodb.expr.KeyCondition.Operator;
import io.wharf.dynamodb.expr.KeyCondition.SortCondition;
import io.wharf.dynamodb.item.AttributeValue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A key-condition expression: parsed and checked as a condition first, then held to what Query can use (AND of at
 * most one condition per key, {@code =} on the partition key, one of {@code = < <= > >= BETWEEN begins_with} on the
 * sort key), with AWS's texts: the shape errors are the expression's ({@code Invalid KeyConditionExpression: …}), the
 * schema errors ({@link #forSchema}) are Query's and carry no prefix.
 */
final class KeyConditionBuilder {
    private KeyConditionBuilder() {
    }

    /** One condition on one key attribute, the attribute first. */
    record Part(String name, Operator operator, List<AttributeValue> operands) {
    }

    /** The conditions by attribute name, in the order written; throws AWS's errors for shapes Query cannot use. */
    static Map<String, Part> parts(Node root) {
        var parts = new LinkedHashMap<String, Part>();
        collect(root, parts);
        return parts;
    }

    private static void collect(Node node, Map<String, Part> parts) {
        switch (node) {
            case ConditionTree.And and -> {
                collect(and.left(), parts);
                collect(and.right(), parts);
            }
            case ConditionTree.Or ignored -> throw invalidOperator("OR");
            case ConditionTree.Not ignored -> throw invalidOperator("NOT");
            case ConditionTree.In ignored -> throw invalidOperator("IN");
            case Compare compare -> {
                if (compare.operator().equals("<>")) {
                    throw invalidOperator("<>");
                }
                noNestedOperations(compare.left(), compare.right());
                boolean flipped = !(compare.left() instanceof PathOperand);
                Part part = part(List.of(compare.left(), compare.right()), switch (compare.operator()) {
                    case "=" -> Operator.EQ;
                    case "<" -> flipped ? Operator.GT : Operator.LT;
                    case "<=" -> flipped ? Operator.GE : Operator.LE;
                    case ">" -> flipped ? Operator.LT : Operator.GT;
                    default -> flipped ? Operator.LE : Operator.GE;
                });
                add(parts, part);
            }
            case Between between -> {
                noNestedOperations(between.subject(), between.low(), between.high());
                if (!(between.subject() instanceof PathOperand)) {
                    throw shape("Invalid condition in KeyConditionExpression: BETWEEN operator must have the key "
                            + "attribute as its first operand");
                }
                add(parts, part(List.of(between.subject(), between.low(), between.high()), Operator.BETWEEN));
            }
            case FunctionCall call -> {
                if (!call.name().equals("begins_with")) {
                    throw invalidOperator(call.name());
                }
                noNestedOperations(call.args().toArray(Operand[]::new));
                if (!(call.args().getFirst() instanceof PathOperand)) {
                    throw shape("Invalid condition in KeyConditionExpression: begins_with operator must have the "
                            + "key attribute as its first operand");
                }
                add(parts, part(call.args(), Operator.BEGINS_WITH));
            }
        }
    }

    private static void noNestedOperations(Operand... operands) {
        for (Operand operand : operands) {
            if (operand instanceof FunctionCall) {
                throw shape("KeyConditionExpressions cannot contain nested operations");
            }
        }
    }

    private static Part part(List<Operand> operands, Operator operator) {
        String name = null;
        var values = new ArrayList<AttributeValue>();
        for (Operand operand : operands) {
            if (operand instanceof PathOperand path) {
                if (name != null) {
                    throw shape("Invalid condition in KeyConditionExpression: Multiple attribute names used in one condition");
                }
                if (path.path().size() > 1) {
                    throw shape("KeyConditionExpressions cannot have conditions on nested attributes");
                }
                name = path.path().topName();
            } else if (operand instanceof ValueOperand value) {
                values.add(value.value());
            }
        }
        if (name == null) {
            throw shape("Invalid condition in KeyConditionExpression: No key attribute specified");
        }
        return new Part(name, operator, List.copyOf(values));
    }

    private static void add(Map<String, Part> parts, Part part) {
        if (parts.putIfAbsent(part.name(), part) != null) {
            throw shape("KeyConditionExpressions must only contain one condition per key");
        }
    }

    /**
     * The parts against a key schema, with AWS's texts: every key element named (the sort key only when two
     * conditions are given), {@code =} on the partition key, nothing but the keys.
     */
    static KeyCondition forSchema(Map<String, Part> parts, String partitionKey, String sortKey) {
        Part partition = parts.get(partitionKey);
        if (partition == null) {
            throw missedKeyElement(partitionKey);
        }
        if (parts.size() > 1 && sortKey != null && !parts.containsKey(sortKey)) {
            throw missedKeyElement(sortKey);
        }
        int keyAttributes = sortKey == null ? 1 : 2;
        if (parts.size() > keyAttributes) {
            throw validation("The number of query conditions (" + parts.size() + ") exceeds the number of key "
                    + "attributes defined in the schema (" + keyAttributes + ")");
        }
        if (partition.operator() != Operator.EQ) {
            throw validation("Query key condition not supported");
        }
        Part sort = sortKey == null ? null : parts.get(sortKey);
        return new KeyCondition(partitionKey, partition.operands().getFirst(),
                sort == null ? null : new SortCondition(sort.name(), sort.operator(), sort.operands()));
    }

    /** Without a schema: the first {@code =} condition is taken for the partition key's. */
    static KeyCondition guess(Map<String, Part> parts) {
        Part partition = null;
        for (Part part : parts.values()) {
            if (part.operator() == Operator.EQ) {
                partition = part;
                break;
            }
        }
        if (partition == null) {
            throw validation("Query key condition not supported");
        }
        Part sort = null;
        for (Part part : parts.values()) {
            if (part != partition) {
                sort = part;
            }
        }
        return new KeyCondition(partition.name(), partition.operands().getFirst(),
                sort == null ? null : new SortCondition(sort.name(), sort.operator(), sort.operands()));
    }

    static RuntimeException missedKeyElement(String name) {
        return validation("Query condition missed key schema element: " + name);
    }

    private static RuntimeException invalidOperator(String operator) {
        return shape("Invalid operator used in KeyConditionExpression: " + operator);
    }

    /** A shape error: {@link Expressions} prefixes it with {@code Invalid KeyConditionExpression: }. */
    private static RuntimeException shape(String reason) {
        return new ExpressionFailure(reason);
    }

    private static RuntimeException validation(String message) {
        return DynamoDbErrors.validation(message);
    }
}
