package io.wharf.dynamodb.expr;

import io.wharf.dynamodb.item.AttributeValue;

import java.util.List;
import java.util.Map;

/**
 * A document path ({@code a.b[0].#c}) with its placeholders resolved: map keys and list indexes from the top-level
 * attribute down. AWS names paths in its messages as {@code [a, b, [0], c]}, which {@link #toString} gives.
 */
record DocumentPath(List<Step> steps) {

    /** One step: a map key (or the top-level attribute name) or a list index. */
    sealed interface Step permits Key, Index {
    }

    /**
     * @param raw  the text in the expression ({@code name} or {@code #placeholder})
     * @param name the attribute name it stands for; null when the placeholder is undefined (a check reports it)
     */
    record Key(String raw, String name) implements Step {
        boolean bare() {
            return !raw.startsWith("#");
        }
    }

    record Index(int index) implements Step {
    }

    DocumentPath {
        steps = List.copyOf(steps);
    }

    String topName() {
        return ((Key) steps.getFirst()).name();
    }

    int size() {
        return steps.size();
    }

    Step step(int i) {
        return steps.get(i);
    }

    DocumentPath parent() {
        return new DocumentPath(steps.subList(0, steps.size() - 1));
    }

    /** The value at this path in {@code item}, or null when any step is missing or of the wrong type. */
    AttributeValue get(Map<String, AttributeValue> item) {
        AttributeValue current = item.get(topName());
        for (int i = 1; i < steps.size() && current != null; i++) {
            current = child(current, steps.get(i));
        }
        return current;
    }

    static AttributeValue child(AttributeValue parent, Step step) {
        return switch (step) {
            case Key key when parent instanceof AttributeValue.M map -> map.values().get(key.name());
            case Index index when parent instanceof AttributeValue.L list ->
                    index.index() < list.values().size() ? list.values().get(index.index()) : null;
            default -> null;
        };
    }

    /** Whether the two paths are the same steps (names compared resolved). */
    boolean sameAs(DocumentPath other) {
        return toString().equals(other.toString());
    }

    @Override
    public String toString() {
        var text = new StringBuilder("[");
        for (int i = 0; i < steps.size(); i++) {
            if (i > 0) {
                text.append(", ");
            }
            switch (steps.get(i)) {
                case Key key -> text.append(key.name() == null ? key.raw() : key.name());
                case Index index -> text.append('[').append(index.index()).append(']');
            }
        }
        return text.append(']').toString();
    }
}
