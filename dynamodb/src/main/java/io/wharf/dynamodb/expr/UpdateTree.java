package io.wharf.dynamodb.expr;

import io.wharf.dynamodb.DynamoDbErrors;
import io.wharf.dynamodb.item.AttributeValue;
import io.wharf.dynamodb.item.Numbers;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The actions an update expression (or {@code AttributeUpdates}) parses into, and the values SET computes. */
final class UpdateTree {
    private UpdateTree() {
    }

    /** One action of a SET, REMOVE, ADD or DELETE clause, with the path it writes. */
    sealed interface Action permits Set, Remove, Add, Delete {
        DocumentPath path();
    }

    record Set(DocumentPath path, Value value) implements Action {
    }

    record Remove(DocumentPath path) implements Action {
    }

    /** {@code value} is null only while an undefined placeholder waits to be reported. */
    record Add(DocumentPath path, AttributeValue value) implements Action {
    }

    record Delete(DocumentPath path, AttributeValue value) implements Action {
    }

    /** What a SET computes, from the item as it was before the update. */
    sealed interface Value permits PathValue, Literal, IfNotExists, ListAppend, Arithmetic, Unknown {
        AttributeValue evaluate(Map<String, AttributeValue> item);
    }

    record PathValue(DocumentPath path) implements Value {
        @Override
        public AttributeValue evaluate(Map<String, AttributeValue> item) {
            AttributeValue value = path.get(item);
            if (value == null) {
                throw DynamoDbErrors.validation("The provided expression refers to an attribute that does not exist in the item");
            }
            return value;
        }
    }

    record Literal(String raw, AttributeValue value) implements Value {
        @Override
        public AttributeValue evaluate(Map<String, AttributeValue> item) {
            return value;
        }
    }

    record IfNotExists(Value path, Value fallback) implements Value {
        @Override
        public AttributeValue evaluate(Map<String, AttributeValue> item) {
            AttributeValue existing = path instanceof PathValue p ? p.path().get(item) : null;
            return existing != null ? existing : fallback.evaluate(item);
        }
    }

    record ListAppend(Value first, Value second) implements Value {
        @Override
        public AttributeValue evaluate(Map<String, AttributeValue> item) {
            if (first.evaluate(item) instanceof AttributeValue.L a && second.evaluate(item) instanceof AttributeValue.L b) {
                var joined = new ArrayList<AttributeValue>(a.values());
                joined.addAll(b.values());
                return new AttributeValue.L(joined);
            }
            throw incorrectDataType();
        }
    }

    record Arithmetic(char operator, Value left, Value right) implements Value {
        @Override
        public AttributeValue evaluate(Map<String, AttributeValue> item) {
            if (left.evaluate(item) instanceof AttributeValue.N a && right.evaluate(item) instanceof AttributeValue.N b) {
                return new AttributeValue.N(Numbers.check(
                        operator == '+' ? a.value().add(b.value()) : a.value().subtract(b.value())));
            }
            throw incorrectDataType();
        }
    }

    /** A function the checks refuse ({@code Invalid function name}); never evaluated. */
    record Unknown(String name, List<Value> args) implements Value {
        @Override
        public AttributeValue evaluate(Map<String, AttributeValue> item) {
            throw new IllegalStateException("unknown function " + name + " survived the checks");
        }
    }

    static RuntimeException incorrectDataType() {
        return DynamoDbErrors.validation("An operand in the update expression has an incorrect data type");
    }

    static RuntimeException invalidPath() {
        return DynamoDbErrors.validation("The document path provided in the update expression is invalid for update");
    }
}
