package io.wharf.dynamodb.expr;

import io.wharf.dynamodb.item.AttributeValue;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/**
 * The tree a condition, filter or key-condition expression parses into; every node is a {@link Condition}, evaluated
 * over an item (an empty map when there is none). Comparisons with a missing attribute are false, except {@code <>},
 * which is true; comparisons between values of different types are false.
 */
final class ConditionTree {
    private ConditionTree() {
    }

    /** A condition node. */
    sealed interface Node extends Condition permits Compare, Between, In, FunctionCall, Not, And, Or {
    }

    /** What a comparison, BETWEEN, IN or function argument evaluates: null when absent. */
    sealed interface Operand permits PathOperand, ValueOperand, FunctionCall {
        AttributeValue evaluate(Map<String, AttributeValue> item);
    }

    record PathOperand(DocumentPath path) implements Operand {
        @Override
        public AttributeValue evaluate(Map<String, AttributeValue> item) {
            return path.get(item);
        }
    }

    /** {@code :v}; {@code value} is null when the placeholder is undefined (a check reports it before evaluation). */
    record ValueOperand(String raw, AttributeValue value) implements Operand {
        @Override
        public AttributeValue evaluate(Map<String, AttributeValue> item) {
            return value;
        }
    }

    /** A function: a condition ({@code attribute_exists}, {@code begins_with}…) or, for {@code size}, an operand. */
    record FunctionCall(String name, List<Operand> args) implements Node, Operand {
        @Override
        public AttributeValue evaluate(Map<String, AttributeValue> item) {
            if (!name.equals("size")) {
                return null;
            }
            Integer size = Values.size(args.getFirst().evaluate(item));
            return size == null ? null : new AttributeValue.N(BigDecimal.valueOf(size));
        }

        @Override
        public boolean test(Map<String, AttributeValue> item) {
            return switch (name) {
                case "attribute_exists" -> args.getFirst().evaluate(item) != null;
                case "attribute_not_exists" -> args.getFirst().evaluate(item) == null;
                case "attribute_type" -> {
                    AttributeValue value = args.getFirst().evaluate(item);
                    yield value != null && args.get(1).evaluate(item) instanceof AttributeValue.S type
                            && value.type().equals(type.value());
                }
                case "begins_with" -> Values.beginsWith(args.getFirst().evaluate(item), args.get(1).evaluate(item));
                case "contains" -> Values.contains(args.getFirst().evaluate(item), args.get(1).evaluate(item));
                default -> false;
            };
        }
    }

    /** {@code = <> < <= > >=}. */
    record Compare(String operator, Operand left, Operand right) implements Node {
        @Override
        public boolean test(Map<String, AttributeValue> item) {
            AttributeValue a = left.evaluate(item);
            AttributeValue b = right.evaluate(item);
            return switch (operator) {
                case "=" -> Values.equal(a, b);
                case "<>" -> !Values.equal(a, b);
                default -> {
                    Integer order = Values.compare(a, b);
                    yield order != null && switch (operator) {
                        case "<" -> order < 0;
                        case "<=" -> order <= 0;
                        case ">" -> order > 0;
                        default -> order >= 0;
                    };
                }
            };
        }
    }

    record Between(Operand subject, Operand low, Operand high) implements Node {
        @Override
        public boolean test(Map<String, AttributeValue> item) {
            AttributeValue value = subject.evaluate(item);
            Integer fromLow = Values.compare(value, low.evaluate(item));
            Integer toHigh = Values.compare(value, high.evaluate(item));
            return fromLow != null && toHigh != null && fromLow >= 0 && toHigh <= 0;
        }
    }

    record In(Operand subject, List<Operand> candidates) implements Node {
        @Override
        public boolean test(Map<String, AttributeValue> item) {
            AttributeValue value = subject.evaluate(item);
            if (value == null) {
                return false;
            }
            for (Operand candidate : candidates) {
                if (Values.equal(value, candidate.evaluate(item))) {
                    return true;
                }
            }
            return false;
        }
    }

    record Not(Node inner) implements Node {
        @Override
        public boolean test(Map<String, AttributeValue> item) {
            return !inner.test(item);
        }
    }

    record And(Node left, Node right) implements Node {
        @Override
        public boolean test(Map<String, AttributeValue> item) {
            return left.test(item) && right.test(item);
        }
    }

    record Or(Node left, Node right) implements Node {
        @Override
        public boolean test(Map<String, AttributeValue> item) {
            return left.test(item) || right.test(item);
        }
    }
}
