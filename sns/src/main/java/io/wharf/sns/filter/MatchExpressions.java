package io.wharf.sns.filter;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The operator objects of a policy ({@code {"prefix": "x"}}, {@code {"numeric": [...]}}...), with AWS's messages. */
final class MatchExpressions {
    private static final double NUMERIC_LIMIT = 1e9;

    private MatchExpressions() {
    }

    static Condition parse(JsonNode expression) {
        if (expression.size() != 1) {
            throw new InvalidFilterPolicyException("Only one key allowed in match expression");
        }
        Map.Entry<String, JsonNode> only = expression.properties().iterator().next();
        JsonNode value = only.getValue();
        return switch (only.getKey()) {
            case "prefix" -> new Condition.Prefix(string(value, "prefix"));
            case "suffix" -> new Condition.Suffix(string(value, "suffix"));
            case "equals-ignore-case" -> new Condition.EqualsIgnoreCase(string(value, "equals-ignore-case"));
            case "exists" -> {
                if (!value.isBoolean()) {
                    throw new InvalidFilterPolicyException("exists match pattern must be either true or false.");
                }
                yield new Condition.Exists(value.asBoolean());
            }
            case "anything-but" -> anythingBut(value);
            case "numeric" -> numeric(value);
            case "cidr" -> new Condition.InCidr(Cidr.parse(string(value, "cidr")));
            default -> throw new InvalidFilterPolicyException("Unrecognized match type " + only.getKey());
        };
    }

    private static String string(JsonNode value, String operator) {
        if (!value.isTextual()) {
            throw new InvalidFilterPolicyException(operator + " match pattern must be a string");
        }
        return value.asText();
    }

    private static Condition anythingBut(JsonNode value) {
        if (value.isObject()) {
            if (value.size() != 1) {
                throw new InvalidFilterPolicyException("Only one key allowed in match expression");
            }
            Map.Entry<String, JsonNode> only = value.properties().iterator().next();
            if (!only.getKey().equals("prefix")) {
                throw new InvalidFilterPolicyException("Unsupported anything-but pattern: " + only.getKey());
            }
            return new Condition.AnythingButPrefix(string(only.getValue(), "prefix"));
        }
        List<Condition> excluded = new ArrayList<>();
        if (value.isArray()) {
            if (value.isEmpty()) {
                throw new InvalidFilterPolicyException("Empty arrays are not allowed");
            }
            value.forEach(v -> excluded.add(excludedValue(v)));
        } else {
            excluded.add(excludedValue(value));
        }
        return new Condition.AnythingBut(excluded);
    }

    private static Condition excludedValue(JsonNode v) {
        if (v.isTextual()) {
            return new Condition.ExactString(v.asText());
        }
        if (v.isNumber()) {
            return new Condition.ExactNumber(FilterPolicyParser.number(v));
        }
        throw new InvalidFilterPolicyException("Inside anything but list, start|null|boolean is not supported.");
    }

    /** {@code ["=", 5]}, {@code ["<", 5]}, {@code [">", 0, "<=", 5]}: one equality or up to two bounds. */
    private static Condition numeric(JsonNode value) {
        if (!value.isArray() || value.isEmpty()) {
            throw new InvalidFilterPolicyException("Invalid member in numeric match: ]");
        }
        if (value.size() > 4) {
            throw new InvalidFilterPolicyException("Too many terms in numeric range expression");
        }
        if (value.size() % 2 != 0) {
            throw new InvalidFilterPolicyException("Value of " + value.get(value.size() - 1).asText()
                    + " must be numeric");
        }
        String first = operator(value.get(0));
        double firstValue = bound(first, value.get(1));
        if (first.equals("=")) {
            if (value.size() > 2) {
                throw new InvalidFilterPolicyException("Too many elements in numeric expression");
            }
            return new Condition.Numeric(firstValue, true, firstValue, true);
        }
        boolean firstIsLower = first.startsWith(">");
        if (value.size() == 2) {
            return firstIsLower ? new Condition.Numeric(firstValue, first.equals(">="), null, false)
                    : new Condition.Numeric(null, false, firstValue, first.equals("<="));
        }
        if (!firstIsLower) {
            throw new InvalidFilterPolicyException("Bad numeric range operator: " + first);
        }
        String second = operator(value.get(2));
        double secondValue = bound(second, value.get(3));
        if (!second.startsWith("<")) {
            throw new InvalidFilterPolicyException("Bad numeric range operator: " + second);
        }
        if (firstValue >= secondValue) {
            throw new InvalidFilterPolicyException("Bottom must be less than top");
        }
        return new Condition.Numeric(firstValue, first.equals(">="), secondValue, second.equals("<="));
    }

    private static String operator(JsonNode node) {
        String op = node.asText();
        if (!node.isTextual() || !List.of("=", "<", "<=", ">", ">=").contains(op)) {
            throw new InvalidFilterPolicyException("Unrecognized numeric range operator: " + op);
        }
        return op;
    }

    private static double bound(String operator, JsonNode node) {
        if (!node.isNumber()) {
            throw new InvalidFilterPolicyException("Value of " + operator + " must be numeric");
        }
        double v = node.asDouble();
        if (v < -NUMERIC_LIMIT || v > NUMERIC_LIMIT) {
            throw new InvalidFilterPolicyException("Bad value in numeric range: " + node.asText());
        }
        return v;
    }
}
