package io.wharf.it.input;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wharf.protocol.model.Shape;

/** Valid-looking JSON values built from a model shape, for the bad-input sweeps to start from and spoil one member. */
public final class ModelSamples {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private ModelSamples() {
    }

    /**
     * A value of {@code shape}: structures with every member filled down to {@code maxDepth} nested structures (empty
     * below), one-element lists and maps, the first enum value or {@code value-1}, the minimum or 1 for numbers.
     */
    public static JsonNode json(Shape shape, int maxDepth) {
        return sample(shape, 0, maxDepth);
    }

    private static JsonNode sample(Shape shape, int depth, int maxDepth) {
        return switch (shape.type()) {
            case STRUCTURE -> {
                ObjectNode object = NODES.objectNode();
                if (depth < maxDepth) {
                    shape.members().values().forEach(m -> object.set(m.name(), sample(m.shape(), depth + 1,
                            maxDepth)));
                }
                yield object;
            }
            case LIST -> NODES.arrayNode().add(sample(shape.listMember().shape(), depth + 1, maxDepth));
            case MAP -> NODES.objectNode().set("key1", sample(shape.mapValue().shape(), depth + 1, maxDepth));
            case STRING -> NODES.textNode(shape.enumValues().isEmpty() ? "value-1" : shape.enumValues().get(0));
            case INTEGER, LONG -> NODES.numberNode(shape.min() != null ? shape.min().longValue() : 1);
            case BOOLEAN -> NODES.booleanNode(true);
            case BLOB -> NODES.textNode("AAE=");
            case TIMESTAMP -> NODES.numberNode(1_700_000_000);
            default -> NODES.textNode("1");
        };
    }
}
