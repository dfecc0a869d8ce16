package io.wharf.sns.filter;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.wharf.sns.MessageAttribute;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A validated, compiled filter policy. Keys are full dotted paths ({@code {"a":{"b":[..]}}} becomes {@code a.b}),
 * so a MessageBody policy matches nested objects, dotted keys and mixes of both alike (sns.md §10.1).
 *
 * <p>Semantics: every key of a {@link Node} must match (AND), a key matches when any of its conditions
 * matches any of the message's values under it (OR), and each {@code $or} matches when any branch does.
 * A key absent from the message fails, unless its condition is {@code exists: false}.
 */
public final class FilterPolicy {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Keys with their conditions, and the {@code $or} groups at this level (each a list of branches). */
    record Node(Map<String, List<Condition>> keys, List<List<Node>> anyOf) {
    }

    private final Node root;
    private final boolean messageBodyScope;

    FilterPolicy(Node root, boolean messageBodyScope) {
        this.root = root;
        this.messageBodyScope = messageBodyScope;
    }

    /** Validates and compiles; {@code messageBodyScope} when FilterPolicyScope is MessageBody. */
    public static FilterPolicy parse(String json, boolean messageBodyScope) {
        return new FilterPolicy(FilterPolicyParser.parse(json, messageBodyScope), messageBodyScope);
    }

    /** Whether a message with these attributes and this body reaches the subscription. */
    public boolean matches(Map<String, MessageAttribute> attributes, String body) {
        Map<String, List<JsonNode>> values;
        if (messageBodyScope) {
            values = bodyValues(body);
            if (values == null) {
                return false; // not a JSON object: nothing to match against
            }
        } else {
            values = attributeValues(attributes);
        }
        return matches(root, values);
    }

    private static boolean matches(Node node, Map<String, List<JsonNode>> values) {
        for (Map.Entry<String, List<Condition>> key : node.keys().entrySet()) {
            if (!matchesKey(key.getValue(), values.get(key.getKey()))) {
                return false;
            }
        }
        for (List<Node> branches : node.anyOf()) {
            if (branches.stream().noneMatch(b -> matches(b, values))) {
                return false;
            }
        }
        return true;
    }

    private static boolean matchesKey(List<Condition> conditions, List<JsonNode> present) {
        for (Condition condition : conditions) {
            if (condition.isExists()) {
                if (((Condition.Exists) condition).present() == (present != null)) {
                    return true;
                }
            } else if (present != null && present.stream().anyMatch(condition::matches)) {
                return true;
            }
        }
        return false;
    }

    /** String and Number attributes by name; String.Array ones as their elements; Binary ones are not matched. */
    static Map<String, List<JsonNode>> attributeValues(Map<String, MessageAttribute> attributes) {
        Map<String, List<JsonNode>> values = new HashMap<>();
        attributes.forEach((name, attribute) -> {
            String text = attribute.stringValue();
            switch (attribute.baseType()) {
                case "String" -> values.put(name, List.of(TextNode.valueOf(text)));
                case "Number" -> {
                    try {
                        values.put(name, List.of(DoubleNode.valueOf(Double.parseDouble(text))));
                    } catch (NumberFormatException | NullPointerException e) {
                        values.put(name, List.of());
                    }
                }
                case "String.Array" -> values.put(name, arrayElements(text));
                default -> { }
            }
        });
        return values;
    }

    private static List<JsonNode> arrayElements(String text) {
        try {
            JsonNode array = JSON.readTree(text);
            List<JsonNode> elements = new ArrayList<>();
            if (array != null && array.isArray()) {
                array.forEach(elements::add);
            }
            return elements;
        } catch (java.io.IOException e) {
            return List.of();
        }
    }

    /** The body's leaf values by dotted path, arrays (also of objects) expanded; null when not a JSON object. */
    static Map<String, List<JsonNode>> bodyValues(String body) {
        JsonNode tree;
        try {
            tree = JSON.readTree(body);
        } catch (java.io.IOException e) {
            return null;
        }
        if (tree == null || !tree.isObject()) {
            return null;
        }
        Map<String, List<JsonNode>> values = new HashMap<>();
        flatten("", tree, values);
        return values;
    }

    private static void flatten(String path, JsonNode node, Map<String, List<JsonNode>> values) {
        if (node.isObject()) {
            node.properties().forEach(e ->
                    flatten(path.isEmpty() ? e.getKey() : path + "." + e.getKey(), e.getValue(), values));
        } else if (node.isArray()) {
            values.computeIfAbsent(path, p -> new ArrayList<>());
            node.forEach(element -> flatten(path, element, values));
        } else {
            values.computeIfAbsent(path, p -> new ArrayList<>()).add(node.isNumber()
                    ? DoubleNode.valueOf(node.asDouble()) : node);
        }
    }
}
