package io.wharf.dynamodb.expr;

import io.wharf.dynamodb.expr.UpdateTree.Action;
import io.wharf.dynamodb.item.AttributeValue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A checked update, applied as DynamoDB applies one: every SET value is computed from the item as it was; then the
 * SETs are written (an index past a list's end appends, several of them in index order), the REMOVEs (list elements by
 * their original indexes, so later elements shift down; nothing at all on an item that does not exist), the ADDs (sum
 * a number, union a set; create the attribute when absent) and the DELETEs (subtract from a set; an emptied set is
 * removed). A path whose parent is a missing map or list, or a value of the wrong type, is AWS's "invalid for update"
 * (for REMOVE and DELETE too; removing a missing last step is no change).
 */
final class UpdatePlan implements Update {
    private final List<Action> actions;
    private final PathProjection touched;
    private final PathProjection written;
    private final Set<String> topLevelTargets;

    UpdatePlan(List<Action> actions) {
        this.actions = List.copyOf(actions);
        var paths = actions.stream().map(Action::path).toList();
        this.touched = new PathProjection(paths);
        this.written = new PathProjection(actions.stream()
                .filter(action -> !(action instanceof UpdateTree.Remove)).map(Action::path).toList());
        var names = new LinkedHashSet<String>();
        paths.forEach(path -> names.add(path.topName()));
        this.topLevelTargets = Collections.unmodifiableSet(names);
    }

    @Override
    public Map<String, AttributeValue> apply(Map<String, AttributeValue> item) {
        var writes = new ArrayList<Write>();
        for (Action action : actions) {
            if (action instanceof UpdateTree.Set set) {
                writes.add(new Write(set.path(), set.value().evaluate(item)));
            }
        }
        // list elements past the end are appended in index order, whatever the order of the SET actions
        writes.sort((a, b) -> ORDER_WITH_INDEXES.compare(a.path(), b.path(), false));
        var result = new LinkedHashMap<>(item);
        for (Write write : writes) {
            write(result, write.path(), write.value());
        }
        // REMOVE on an item that does not exist changes nothing, even through a path that leads nowhere
        if (!item.isEmpty()) {
            var removals = new ArrayList<DocumentPath>();
            for (Action action : actions) {
                if (action instanceof UpdateTree.Remove remove) {
                    removals.add(remove.path());
                }
            }
            removals.sort((a, b) -> ORDER_WITH_INDEXES.compare(a, b, true));
            for (DocumentPath path : removals) {
                remove(result, path);
            }
        }
        for (Action action : actions) {
            switch (action) {
                case UpdateTree.Add add -> add(result, add.path(), add.value());
                case UpdateTree.Delete delete -> delete(result, delete.path(), delete.value());
                default -> {
                }
            }
        }
        return result;
    }

    private record Write(DocumentPath path, AttributeValue value) {
    }

    @Override
    public Set<String> topLevelTargets() {
        return topLevelTargets;
    }

    @Override
    public Map<String, AttributeValue> touched(Map<String, AttributeValue> item) {
        return touched.apply(item);
    }

    @Override
    public Map<String, AttributeValue> touchedAfter(Map<String, AttributeValue> updated) {
        return written.apply(updated);
    }

    /**
     * A total order on paths that sorts list indexes under a common prefix ascending (SET: elements past the end append
     * in index order) or descending (REMOVE: removing one element shifts none that is still to be removed).
     */
    private interface PathOrder {
        int compare(DocumentPath a, DocumentPath b, boolean laterIndexesFirst);
    }

    private static final PathOrder ORDER_WITH_INDEXES = (a, b, laterIndexesFirst) -> {
        for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
            DocumentPath.Step other = b.step(i);
            int order = switch (a.step(i)) {
                case DocumentPath.Index x when other instanceof DocumentPath.Index y ->
                        laterIndexesFirst ? Integer.compare(y.index(), x.index()) : Integer.compare(x.index(), y.index());
                case DocumentPath.Key x when other instanceof DocumentPath.Key y -> x.name().compareTo(y.name());
                case DocumentPath.Key ignored -> -1;
                case DocumentPath.Index ignored -> 1;
            };
            if (order != 0) {
                return order;
            }
        }
        return Integer.compare(a.size(), b.size());
    };

    // ---- writing along a path, rebuilding the immutable maps and lists on the way ----

    static void write(Map<String, AttributeValue> item, DocumentPath path, AttributeValue value) {
        String top = path.topName();
        if (path.size() == 1) {
            item.put(top, value);
            return;
        }
        AttributeValue current = item.get(top);
        if (current == null) {
            throw UpdateTree.invalidPath();
        }
        item.put(top, writeInto(current, path, 1, value));
    }

    private static AttributeValue writeInto(AttributeValue container, DocumentPath path, int i, AttributeValue value) {
        boolean last = i == path.size() - 1;
        switch (path.step(i)) {
            case DocumentPath.Key key when container instanceof AttributeValue.M map -> {
                var copy = new LinkedHashMap<>(map.values());
                if (last) {
                    copy.put(key.name(), value);
                } else {
                    AttributeValue child = copy.get(key.name());
                    if (child == null) {
                        throw UpdateTree.invalidPath();
                    }
                    copy.put(key.name(), writeInto(child, path, i + 1, value));
                }
                return new AttributeValue.M(copy);
            }
            case DocumentPath.Index index when container instanceof AttributeValue.L list -> {
                var copy = new ArrayList<>(list.values());
                boolean inside = index.index() < copy.size();
                if (last) {
                    if (inside) {
                        copy.set(index.index(), value);
                    } else {
                        copy.add(value);
                    }
                } else {
                    if (!inside) {
                        throw UpdateTree.invalidPath();
                    }
                    copy.set(index.index(), writeInto(copy.get(index.index()), path, i + 1, value));
                }
                return new AttributeValue.L(copy);
            }
            default -> throw UpdateTree.invalidPath();
        }
    }

    static void remove(Map<String, AttributeValue> item, DocumentPath path) {
        String top = path.topName();
        if (path.size() == 1) {
            item.remove(top);
            return;
        }
        AttributeValue current = item.get(top);
        if (current == null) {
            throw UpdateTree.invalidPath();
        }
        item.put(top, removeFrom(current, path, 1));
    }

    private static AttributeValue removeFrom(AttributeValue container, DocumentPath path, int i) {
        boolean last = i == path.size() - 1;
        switch (path.step(i)) {
            case DocumentPath.Key key when container instanceof AttributeValue.M map -> {
                AttributeValue child = map.values().get(key.name());
                if (child == null) {
                    if (!last) {
                        throw UpdateTree.invalidPath();
                    }
                    return container;
                }
                var copy = new LinkedHashMap<>(map.values());
                if (last) {
                    copy.remove(key.name());
                } else {
                    copy.put(key.name(), removeFrom(child, path, i + 1));
                }
                return new AttributeValue.M(copy);
            }
            case DocumentPath.Index index when container instanceof AttributeValue.L list -> {
                if (index.index() >= list.values().size()) {
                    if (!last) {
                        throw UpdateTree.invalidPath();
                    }
                    return container;
                }
                var copy = new ArrayList<>(list.values());
                if (last) {
                    copy.remove(index.index());
                } else {
                    copy.set(index.index(), removeFrom(copy.get(index.index()), path, i + 1));
                }
                return new AttributeValue.L(copy);
            }
            default -> throw UpdateTree.invalidPath();
        }
    }

    static void add(Map<String, AttributeValue> item, DocumentPath path, AttributeValue operand) {
        AttributeValue current = path.get(item);
        if (current == null) {
            write(item, path, operand);
            return;
        }
        AttributeValue sum = SetArithmetic.add(current, operand, UpdateTree::incorrectDataType);
        write(item, path, sum);
    }

    static void delete(Map<String, AttributeValue> item, DocumentPath path, AttributeValue operand) {
        AttributeValue current = path.get(item);
        if (current == null) {
            if (path.size() > 1 && !holds(path.parent().get(item), path.steps().getLast())) {
                throw UpdateTree.invalidPath();
            }
            return;
        }
        AttributeValue rest = SetArithmetic.subtract(current, operand, UpdateTree::incorrectDataType);
        if (rest == null) {
            remove(item, path);
        } else {
            write(item, path, rest);
        }
    }

    /** Whether {@code parent} is a container the step can address (a map for a key, a list for an index). */
    private static boolean holds(AttributeValue parent, DocumentPath.Step step) {
        return step instanceof DocumentPath.Key ? parent instanceof AttributeValue.M : parent instanceof AttributeValue.L;
    }
}
