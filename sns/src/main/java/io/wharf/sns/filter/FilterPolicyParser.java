package io.wharf.sns.filter;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.DoubleNode;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Validates a filter policy with AWS's messages (sns.md §10.3) and compiles it into {@link FilterPolicy.Node}s.
 * Limits (§10.4): at most {@value #MAX_KEYS} top-level keys and {@value #MAX_COMBINATIONS} combinations, where a
 * leaf's factor is its number of values times its nesting depth and {@code $or} branches add up.
 */
final class FilterPolicyParser {
    static final int MAX_KEYS = 5;
    static final int MAX_COMBINATIONS = 150;
    static final int MAX_POLICY_CHARS = 256 * 1024;
    private static final ObjectMapper JSON = new ObjectMapper();

    private FilterPolicyParser() {
    }

    static FilterPolicy.Node parse(String json, boolean messageBodyScope) {
        if (json.length() > MAX_POLICY_CHARS) {
            throw new InvalidFilterPolicyException("Filter policy is too long");
        }
        JsonNode tree;
        try {
            tree = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new InvalidFilterPolicyException("failed to parse JSON. " + e.getOriginalMessage());
        }
        if (tree == null || !tree.isObject()) {
            throw new InvalidFilterPolicyException("failed to parse JSON. Filter policy must be a JSON object");
        }
        if (tree.size() > MAX_KEYS) {
            throw new InvalidFilterPolicyException("Filter policy can not have more than 5 keys");
        }
        FilterPolicyParser.Compiled compiled = node("", tree, 1, messageBodyScope);
        if (compiled.combinations() > MAX_COMBINATIONS) {
            throw new InvalidFilterPolicyException("Filter policy is too complex");
        }
        return compiled.node();
    }

    private record Compiled(FilterPolicy.Node node, long combinations) {
    }

    private static Compiled node(String path, JsonNode object, int depth, boolean body) {
        Map<String, List<Condition>> keys = new LinkedHashMap<>();
        List<List<FilterPolicy.Node>> anyOf = new ArrayList<>();
        long combinations = 1;
        for (Map.Entry<String, JsonNode> field : object.properties()) {
            String key = field.getKey();
            JsonNode value = field.getValue();
            if (key.equals("$or")) {
                List<FilterPolicy.Node> branches = new ArrayList<>();
                long sum = 0;
                if (!value.isArray() || value.size() < 2) {
                    throw new InvalidFilterPolicyException("Or statement must have at least 2 elements");
                }
                for (JsonNode branch : value) {
                    if (!branch.isObject()) {
                        throw new InvalidFilterPolicyException("Or statement must contain objects");
                    }
                    Compiled c = node(path, branch, depth, body);
                    branches.add(c.node());
                    sum += c.combinations();
                }
                anyOf.add(branches);
                combinations = Math.multiplyExact(combinations, sum);
                continue;
            }
            String full = path.isEmpty() ? key : path + "." + key;
            if (value.isArray()) {
                keys.put(full, conditions(value, body));
                combinations = Math.multiplyExact(combinations, (long) value.size() * (body ? depth : 1));
            } else if (value.isObject()) {
                if (!body) {
                    throw new InvalidFilterPolicyException(
                            "Filter policy scope MessageAttributes does not support nested filter policy");
                }
                Compiled nested = node(full, value, depth + 1, true);
                keys.putAll(nested.node().keys());
                anyOf.addAll(nested.node().anyOf());
                combinations = Math.multiplyExact(combinations, nested.combinations());
            } else {
                throw new InvalidFilterPolicyException("\"" + key + "\" must be an object or an array");
            }
            if (combinations > MAX_COMBINATIONS) {
                throw new InvalidFilterPolicyException("Filter policy is too complex");
            }
        }
        return new Compiled(new FilterPolicy.Node(keys, anyOf), combinations);
    }

    private static List<Condition> conditions(JsonNode array, boolean body) {
        if (array.isEmpty()) {
            throw new InvalidFilterPolicyException("Empty arrays are not allowed");
        }
        List<Condition> conditions = new ArrayList<>();
        for (JsonNode value : array) {
            if (value.isTextual()) {
                conditions.add(new Condition.ExactString(value.asText()));
            } else if (value.isNumber()) {
                conditions.add(new Condition.ExactNumber(number(value)));
            } else if (value.isBoolean() || value.isNull()) {
                conditions.add(new Condition.Literal(value));
            } else if (value.isObject()) {
                conditions.add(MatchExpressions.parse(value));
            } else {
                throw new InvalidFilterPolicyException("Match value must be String, number, true, false, or null");
            }
        }
        return conditions;
    }

    /** Numbers are compared as doubles, within AWS's range of ±1e9 with five decimals. */
    static double number(JsonNode value) {
        return DoubleNode.valueOf(value.asDouble()).asDouble();
    }
}
