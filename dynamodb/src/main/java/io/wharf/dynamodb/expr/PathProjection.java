package io.wharf.dynamodb.expr;

import io.wharf.dynamodb.item.AttributeValue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * A projection onto document paths, as AWS projects: {@code a.b} gives {@code {a: {b: …}}}, {@code l[1], l[3]} give
 * {@code {l: [l[1], l[3]]}} (the chosen elements, in index order), paths that reach nothing are left out, and a map or
 * list none of whose chosen parts exist is left out too. Used by ProjectionExpression, AttributesToGet and
 * {@link Update#touched}.
 */
final class PathProjection implements Projection {
    private final Node root = new Node();
    private final Set<String> topLevelNames = new LinkedHashSet<>();

    PathProjection(List<DocumentPath> paths) {
        for (DocumentPath path : paths) {
            topLevelNames.add(path.topName());
            Node node = root;
            for (DocumentPath.Step step : path.steps()) {
                node = switch (step) {
                    case DocumentPath.Key key -> node.keys.computeIfAbsent(key.name(), k -> new Node());
                    case DocumentPath.Index index -> node.indexes.computeIfAbsent(index.index(), k -> new Node());
                };
            }
            node.whole = true;
        }
    }

    /** The chosen parts of a tree of maps and lists: a path ends in {@code whole}, or goes on by key or index. */
    private static final class Node {
        final Map<String, Node> keys = new LinkedHashMap<>();
        final TreeMap<Integer, Node> indexes = new TreeMap<>();
        boolean whole;
    }

    @Override
    public Map<String, AttributeValue> apply(Map<String, AttributeValue> item) {
        var result = new LinkedHashMap<String, AttributeValue>();
        for (var entry : root.keys.entrySet()) {
            AttributeValue projected = project(item.get(entry.getKey()), entry.getValue());
            if (projected != null) {
                result.put(entry.getKey(), projected);
            }
        }
        return result;
    }

    private static AttributeValue project(AttributeValue value, Node node) {
        if (value == null || node.whole) {
            return value;
        }
        if (value instanceof AttributeValue.M map && !node.keys.isEmpty()) {
            var chosen = new LinkedHashMap<String, AttributeValue>();
            for (var entry : node.keys.entrySet()) {
                AttributeValue projected = project(map.values().get(entry.getKey()), entry.getValue());
                if (projected != null) {
                    chosen.put(entry.getKey(), projected);
                }
            }
            return chosen.isEmpty() ? null : new AttributeValue.M(chosen);
        }
        if (value instanceof AttributeValue.L list && !node.indexes.isEmpty()) {
            var chosen = new ArrayList<AttributeValue>();
            for (var entry : node.indexes.entrySet()) {
                if (entry.getKey() < list.values().size()) {
                    AttributeValue projected = project(list.values().get(entry.getKey()), entry.getValue());
                    if (projected != null) {
                        chosen.add(projected);
                    }
                }
            }
            return chosen.isEmpty() ? null : new AttributeValue.L(chosen);
        }
        return null;
    }

    @Override
    public Set<String> topLevelNames() {
        return Collections.unmodifiableSet(topLevelNames);
    }
}
