package io.wharf.dynamodb.expr;

import io.wharf.dynamodb.expr.ConditionTree.And;
import io.wharf.dynamodb.expr.ConditionTree.Between;
import io.wharf.dynamodb.expr.ConditionTree.Compare;
import io.wharf.dynamodb.expr.ConditionTree.FunctionCall;
import io.wharf.dynamodb.expr.ConditionTree.In;
import io.wharf.dynamodb.expr.ConditionTree.Node;
import io.wharf.dynamodb.expr.ConditionTree.Not;
import io.wharf.dynamodb.expr.ConditionTree.Operand;
import io.wharf.dynamodb.expr.ConditionTree.Or;
import io.wharf.dynamodb.expr.ConditionTree.PathOperand;
import io.wharf.dynamodb.expr.ConditionTree.ValueOperand;
import io.wharf.dynamodb.expr.DynamoDbExpressionParser.ConditionContext;
import io.wharf.dynamodb.expr.DynamoDbExpressionParser.OperandContext;
import io.wharf.dynamodb.item.AttributeValue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Builds a {@link ConditionTree} from the parse tree and checks it as AWS does, in AWS's order: redundant
 * parentheses, unknown functions, functions where they are not allowed, reserved words, undefined placeholders,
 * operand counts, operands that must differ, operand types.
 */
final class ConditionBuilder {
    static final int PARENS = 1;
    static final int UNKNOWN_FUNCTION = 2;
    static final int MISUSED_FUNCTION = 3;
    static final int RESERVED = 4;
    static final int UNDEFINED = 5;
    static final int OPERAND_COUNT = 6;
    static final int DISTINCT = 7;
    static final int OPERAND_TYPE = 8;

    /** AWS's limit on the operands of IN: 100, the value tested included (so 99 candidates). */
    static final int MAX_IN_OPERANDS = 100;
    /** AWS's limit on the operators and functions of one expression. */
    static final int MAX_OPERATORS = 300;

    private static final Map<String, Integer> FUNCTIONS = Map.of(
            "attribute_exists", 1, "attribute_not_exists", 1, "attribute_type", 2,
            "begins_with", 2, "contains", 2, "size", 1);
    /** The update language's functions: known names, refused in a condition as misplaced rather than unknown. */
    static final Set<String> UPDATE_FUNCTIONS = Set.of("if_not_exists", "list_append");
    private static final Set<String> ORDERED_TYPES = Set.of("S", "N", "B");
    private static final Set<String> TYPE_NAMES = Set.of("S", "N", "B", "NULL", "SS", "BOOL", "L", "BS", "NS", "M");

    private final Placeholders placeholders;
    private final Issues issues = new Issues();
    private final PathBuilder paths;
    /** Comparators, BETWEEN, IN, AND, OR, NOT and function calls seen so far. */
    private int operators;

    private ConditionBuilder(Placeholders placeholders) {
        this.placeholders = placeholders;
        this.paths = new PathBuilder(placeholders, issues, RESERVED, UNDEFINED);
    }

    /** Parses and checks a condition or filter; throws {@link ExpressionFailure} with AWS's reason. */
    static Node parse(String text, Placeholders placeholders) {
        return parse(text, placeholders, true);
    }

    /** {@code keyCondition}: AWS words the size limit without the size for key conditions. */
    static Node parse(String text, Placeholders placeholders, boolean sizeInMessage) {
        Parsing.checkText(text, sizeInMessage);
        var tree = Parsing.parse("condition", text, DynamoDbExpressionParser::conditionExpression);
        var builder = new ConditionBuilder(placeholders);
        Node node = builder.condition(tree.condition());
        if (builder.operators > MAX_OPERATORS) {
            builder.issues.report(0, "The expression contains too many operators; operator count: " + builder.operators);
        }
        builder.issues.throwIfAny();
        return node;
    }

    private Node condition(ConditionContext context) {
        if (!(context instanceof DynamoDbExpressionParser.ParenConditionContext)
                && !(context instanceof DynamoDbExpressionParser.FunctionConditionContext)) {
            operators++;
        }
        return switch (context) {
            case DynamoDbExpressionParser.CompareContext c -> {
                Operand left = operandInComparison(c.left);
                Operand right = operandInComparison(c.right);
                String operator = c.comparator().getText();
                checkDistinct(operator, List.of(left, right));
                if (!operator.equals("=") && !operator.equals("<>")) {
                    requireOrderable(operator, left, right);
                }
                yield new Compare(operator, left, right);
            }
            case DynamoDbExpressionParser.BetweenContext c -> {
                Operand subject = operandInComparison(c.subject);
                Operand low = operandInComparison(c.low);
                Operand high = operandInComparison(c.high);
                requireOrderable("BETWEEN", subject, low, high);
                checkBounds(low, high);
                yield new Between(subject, low, high);
            }
            case DynamoDbExpressionParser.InContext c -> {
                Operand subject = operandInComparison(c.subject);
                var candidates = new ArrayList<Operand>();
                for (OperandContext operand : c.operand().subList(1, c.operand().size())) {
                    candidates.add(operandInComparison(operand));
                }
                if (candidates.size() + 1 > MAX_IN_OPERANDS) {
                    issues.report(OPERAND_COUNT, "The IN operator is provided with too many operands; number of operands: "
                            + (candidates.size() + 1));
                }
                yield new In(subject, candidates);
            }
            case DynamoDbExpressionParser.FunctionConditionContext c -> {
                FunctionCall call = function(c.function());
                if (call.name().equals("size")) {
                    misused(call);
                }
                yield call;
            }
            case DynamoDbExpressionParser.ParenConditionContext c -> {
                if (c.condition() instanceof DynamoDbExpressionParser.ParenConditionContext) {
                    issues.report(PARENS, "The expression has redundant parentheses;");
                }
                yield condition(c.condition());
            }
            case DynamoDbExpressionParser.NotContext c -> new Not(condition(c.condition()));
            case DynamoDbExpressionParser.AndContext c -> new And(condition(c.condition(0)), condition(c.condition(1)));
            case DynamoDbExpressionParser.OrContext c -> new Or(condition(c.condition(0)), condition(c.condition(1)));
            default -> throw new IllegalStateException("unexpected condition " + context.getClass());
        };
    }

    /** An operand of a comparator, BETWEEN or IN: a path, a value or {@code size(...)}, nothing else. */
    private Operand operandInComparison(OperandContext context) {
        Operand operand = operand(context);
        if (operand instanceof FunctionCall call && !call.name().equals("size")) {
            misused(call);
        }
        return operand;
    }

    private Operand operand(OperandContext context) {
        return switch (context) {
            case DynamoDbExpressionParser.FunctionOperandContext c -> function(c.function());
            case DynamoDbExpressionParser.PathOperandContext c -> new PathOperand(paths.build(c.path()));
            case DynamoDbExpressionParser.ValueOperandContext c -> value(c.getText());
            case DynamoDbExpressionParser.ParenOperandContext c -> {
                if (c.operand() instanceof DynamoDbExpressionParser.ParenOperandContext) {
                    issues.report(PARENS, "The expression has redundant parentheses;");
                }
                yield operand(c.operand());
            }
            default -> throw new IllegalStateException("unexpected operand " + context.getClass());
        };
    }

    private ValueOperand value(String raw) {
        AttributeValue value = placeholders.lookUpValue(raw);
        if (value == null) {
            issues.report(UNDEFINED, "An expression attribute value used in expression is not defined; attribute value: " + raw);
        }
        return new ValueOperand(raw, value);
    }

    private FunctionCall function(DynamoDbExpressionParser.FunctionContext context) {
        operators++;
        String name = context.IDENTIFIER().getText();
        var args = new ArrayList<Operand>();
        for (OperandContext operand : context.operand()) {
            Operand arg = operand(operand);
            if (arg instanceof FunctionCall call && !call.name().equals("size")) {
                misused(call);
            }
            args.add(arg);
        }
        var call = new FunctionCall(name, List.copyOf(args));
        Integer arity = FUNCTIONS.get(name);
        if (UPDATE_FUNCTIONS.contains(name)) {
            misused(call); // a function AWS knows, of the update language
            return call;
        }
        if (arity == null) {
            issues.report(UNKNOWN_FUNCTION, "Invalid function name; function: " + name);
            return call;
        }
        if (arity != args.size()) {
            issues.report(OPERAND_COUNT, "Incorrect number of operands for operator or function; operator or function: "
                    + name + ", number of operands: " + args.size());
            return call;
        }
        checkDistinct(name, args);
        checkTypes(call);
        return call;
    }

    private void checkTypes(FunctionCall call) {
        String name = call.name();
        List<Operand> args = call.args();
        switch (name) {
            case "attribute_exists", "attribute_not_exists" -> requirePath(name, args.getFirst());
            case "attribute_type" -> {
                String type = staticType(args.get(1));
                if (!"S".equals(type)) {
                    incorrectType(name, type == null ? "{NS,SS,L,BS,N,M,B,BOOL,NULL,S}" : type);
                } else if (args.get(1) instanceof ValueOperand v && v.value() instanceof AttributeValue.S s
                        && !TYPE_NAMES.contains(s.value())) {
                    issues.report(OPERAND_TYPE, "Invalid attribute type name found; type: " + s.value()
                            + ", valid types: {B,NULL,SS,BOOL,L,BS,N,NS,S,M}");
                }
            }
            case "begins_with" -> {
                for (Operand arg : args) {
                    String type = staticType(arg);
                    if (type != null && !type.equals("S") && !type.equals("B")) {
                        incorrectType(name, type);
                        return;
                    }
                }
            }
            case "size" -> {
                String type = staticType(args.getFirst());
                if ("N".equals(type) || "BOOL".equals(type) || "NULL".equals(type)) {
                    incorrectType(name, type);
                }
            }
            default -> {
            }
        }
    }

    /** The type an operand is known to have before evaluation: a value's type, N for {@code size}; null for paths. */
    private static String staticType(Operand operand) {
        return switch (operand) {
            case ValueOperand v -> v.value() == null ? null : v.value().type();
            case FunctionCall f -> f.name().equals("size") ? "N" : "BOOL";
            case PathOperand ignored -> null;
        };
    }

    /**
     * An ordering comparison or BETWEEN with a value of a type that has no order (a list, a set, a boolean…) is refused,
     * while an item attribute of such a type only makes the comparison false.
     */
    private void requireOrderable(String operator, Operand... operands) {
        for (Operand operand : operands) {
            if (operand instanceof ValueOperand value && value.value() != null
                    && !ORDERED_TYPES.contains(value.value().type())) {
                incorrectType(operator, value.value().type());
                return;
            }
        }
    }

    private void requirePath(String function, Operand operand) {
        if (!(operand instanceof PathOperand)) {
            issues.report(OPERAND_TYPE, "Operator or function requires a document path; operator or function: " + function);
        }
    }

    private void incorrectType(String function, String type) {
        issues.report(OPERAND_TYPE, "Incorrect operand type for operator or function; operator or function: "
                + function + ", operand type: " + type);
    }

    private void misused(FunctionCall call) {
        issues.report(MISUSED_FUNCTION, "The function is not allowed to be used this way in an expression; function: "
                + call.name());
    }

    private void checkDistinct(String operator, List<Operand> operands) {
        if (operands.size() == 2 && operands.get(0) instanceof PathOperand a && operands.get(1) instanceof PathOperand b
                && a.path().sameAs(b.path())) {
            issues.report(DISTINCT, "The first operand must be distinct from the remaining operands for this operator "
                    + "or function; operator: " + operator + ", first operand: " + a.path());
        }
    }

    private void checkBounds(Operand low, Operand high) {
        if (low instanceof ValueOperand l && high instanceof ValueOperand h && l.value() != null && h.value() != null) {
            if (!l.value().type().equals(h.value().type())) {
                issues.report(OPERAND_TYPE, "The BETWEEN operator requires same data type for lower and upper bounds; "
                        + "lower bound operand: " + Values.describe(l.value()) + ", upper bound operand: "
                        + Values.describe(h.value()));
            } else {
                Integer order = Values.compare(l.value(), h.value());
                if (order != null && order > 0) {
                    issues.report(OPERAND_TYPE, "The BETWEEN operator requires upper bound to be greater than or equal "
                            + "to lower bound; lower bound operand: " + Values.describe(l.value())
                            + ", upper bound operand: " + Values.describe(h.value()));
                }
            }
        }
    }
}
