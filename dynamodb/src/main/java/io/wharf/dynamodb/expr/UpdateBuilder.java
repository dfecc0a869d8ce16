package io.wharf.dynamodb.expr;

import io.wharf.dynamodb.expr.DynamoDbExpressionParser.SetOperandContext;
import io.wharf.dynamodb.expr.UpdateTree.Action;
import io.wharf.dynamodb.expr.UpdateTree.Value;
import io.wharf.dynamodb.item.AttributeValue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;

/**
 * Builds an update's actions from the parse tree and checks them as AWS does, in AWS's order: reserved words,
 * unknown functions, clauses used twice, undefined names, undefined values, overlapping and conflicting paths, ADD and
 * DELETE operand types, function operands.
 */
final class UpdateBuilder {
    static final int RESERVED = 1;
    static final int UNKNOWN_FUNCTION = 2;
    static final int SECTION = 3;
    static final int UNDEFINED_NAME = 4;
    static final int UNDEFINED_VALUE = 5;
    static final int OVERLAP = 6;
    static final int CONFLICT = 7;
    static final int OPERAND = 8;
    static final int FUNCTION = 9;

    private static final Map<String, Integer> FUNCTIONS = Map.of("if_not_exists", 2, "list_append", 2);
    private static final java.util.Set<String> CONDITION_FUNCTIONS = java.util.Set.of("attribute_exists",
            "attribute_not_exists", "attribute_type", "begins_with", "contains", "size");

    private final Placeholders placeholders;
    private final Issues issues = new Issues();
    private final PathBuilder paths;

    private UpdateBuilder(Placeholders placeholders) {
        this.placeholders = placeholders;
        this.paths = new PathBuilder(placeholders, issues, RESERVED, UNDEFINED_NAME);
    }

    static UpdatePlan parse(String text, Placeholders placeholders) {
        Parsing.checkText(text, false);
        var tree = Parsing.parse("update", text, DynamoDbExpressionParser::updateExpression);
        var builder = new UpdateBuilder(placeholders);
        var actions = new ArrayList<Action>();
        var sections = new HashSet<String>();
        for (var clause : tree.updateClause()) {
            String section = clause.getStart().getText().toUpperCase(java.util.Locale.ROOT);
            if (!sections.add(section)) {
                builder.issues.report(SECTION, "The \"" + section + "\" section can only be used once in an update expression;");
            }
            builder.clause(clause, actions);
        }
        PathOverlaps.check(actions.stream().map(Action::path).toList(), builder.issues, OVERLAP, CONFLICT);
        builder.issues.throwIfAny();
        return new UpdatePlan(actions);
    }

    private void clause(DynamoDbExpressionParser.UpdateClauseContext clause, List<Action> actions) {
        switch (clause) {
            case DynamoDbExpressionParser.SetClauseContext c -> {
                for (var action : c.setAction()) {
                    DocumentPath path = paths.build(action.updatePath());
                    actions.add(new UpdateTree.Set(path, setValue(action.setValue())));
                }
            }
            case DynamoDbExpressionParser.RemoveClauseContext c -> {
                for (var path : c.updatePath()) {
                    actions.add(new UpdateTree.Remove(paths.build(path)));
                }
            }
            case DynamoDbExpressionParser.AddClauseContext c -> {
                for (var action : c.addAction()) {
                    DocumentPath path = paths.build(action.updatePath());
                    AttributeValue value = operandOf("ADD", action.VALUE().getText(), true);
                    actions.add(new UpdateTree.Add(path, value));
                }
            }
            case DynamoDbExpressionParser.DeleteClauseContext c -> {
                for (var action : c.addAction()) {
                    DocumentPath path = paths.build(action.updatePath());
                    AttributeValue value = operandOf("DELETE", action.VALUE().getText(), false);
                    actions.add(new UpdateTree.Delete(path, value));
                }
            }
            default -> throw new IllegalStateException("unexpected clause " + clause.getClass());
        }
    }

    /** An ADD or DELETE operand: a number (ADD only) or a set. */
    private AttributeValue operandOf(String operator, String raw, boolean numbersAllowed) {
        AttributeValue value = value(raw);
        if (value != null) {
            boolean allowed = value instanceof AttributeValue.SS || value instanceof AttributeValue.NS
                    || value instanceof AttributeValue.BS || (numbersAllowed && value instanceof AttributeValue.N);
            if (!allowed) {
                issues.report(OPERAND, "Incorrect operand type for operator or function; operator: " + operator
                        + ", operand type: " + Values.longTypeName(value) + ", typeSet: ALLOWED_FOR_" + operator + "_OPERAND");
            }
        }
        return value;
    }

    private AttributeValue value(String raw) {
        AttributeValue value = placeholders.lookUpValue(raw);
        if (value == null) {
            issues.report(UNDEFINED_VALUE,
                    "An expression attribute value used in expression is not defined; attribute value: " + raw);
        }
        return value;
    }

    private Value setValue(DynamoDbExpressionParser.SetValueContext context) {
        return switch (context) {
            case DynamoDbExpressionParser.PlainValueContext c -> operand(c.setOperand());
            case DynamoDbExpressionParser.ParenValueContext c -> setValue(c.setValue());
            case DynamoDbExpressionParser.ArithmeticContext c -> {
                String operator = c.op.getText();
                Value left = operand(c.setOperand(0));
                Value right = operand(c.setOperand(1));
                for (Value operand : List.of(left, right)) {
                    String type = literalType(operand);
                    if (type != null && !type.equals("N")) {
                        incorrectOperandType(operator, type);
                        break;
                    }
                }
                yield new UpdateTree.Arithmetic(operator.charAt(0), left, right);
            }
            default -> throw new IllegalStateException("unexpected value " + context.getClass());
        };
    }

    private Value operand(SetOperandContext context) {
        return switch (context) {
            case DynamoDbExpressionParser.UpdatePathOperandContext c -> new UpdateTree.PathValue(paths.build(c.updatePath()));
            case DynamoDbExpressionParser.UpdateValueOperandContext c -> {
                String raw = c.getText();
                yield new UpdateTree.Literal(raw, value(raw));
            }
            case DynamoDbExpressionParser.ParenSetOperandContext c -> operand(c.setOperand());
            case DynamoDbExpressionParser.UpdateFunctionContext c -> function(c);
            default -> throw new IllegalStateException("unexpected operand " + context.getClass());
        };
    }

    private Value function(DynamoDbExpressionParser.UpdateFunctionContext context) {
        String name = context.IDENTIFIER().getText();
        var args = new ArrayList<Value>();
        for (SetOperandContext operand : context.setOperand()) {
            Value arg = operand(operand);
            if (arg instanceof UpdateTree.ListAppend) {
                // AWS takes list_append(if_not_exists(l, :empty), :more) but not a list_append inside a function
                issues.report(UNKNOWN_FUNCTION,
                        "The function is not allowed to be used this way in an expression; function: list_append");
            }
            args.add(arg);
        }
        Integer arity = FUNCTIONS.get(name);
        if (CONDITION_FUNCTIONS.contains(name)) {
            // a function AWS knows, of the condition language
            issues.report(UNKNOWN_FUNCTION, "The function is not allowed to be used this way in an expression; function: " + name);
            return new UpdateTree.Unknown(name, args);
        }
        if (arity == null) {
            issues.report(UNKNOWN_FUNCTION, "Invalid function name; function: " + name);
            return new UpdateTree.Unknown(name, args);
        }
        if (arity != args.size()) {
            issues.report(FUNCTION, "Incorrect number of operands for operator or function; operator or function: "
                    + name + ", number of operands: " + args.size());
            return new UpdateTree.Unknown(name, args);
        }
        if (name.equals("if_not_exists")) {
            if (!(args.getFirst() instanceof UpdateTree.PathValue)) {
                issues.report(FUNCTION, "Operator or function requires a document path; operator or function: " + name);
            }
            return new UpdateTree.IfNotExists(args.get(0), args.get(1));
        }
        for (Value arg : args) {
            String type = literalType(arg);
            if (type != null && !type.equals("L")) {
                incorrectOperandType(name, type);
                break;
            }
        }
        return new UpdateTree.ListAppend(args.get(0), args.get(1));
    }

    private static String literalType(Value value) {
        return value instanceof UpdateTree.Literal literal && literal.value() != null ? literal.value().type() : null;
    }

    private void incorrectOperandType(String function, String type) {
        issues.report(FUNCTION, "Incorrect operand type for operator or function; operator or function: " + function
                + ", operand type: " + type);
    }
}
