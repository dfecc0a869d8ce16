package io.wharf.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Typed read access to a decoded, validated parameter tree. Every codec produces the same tree for the
 * same request: structures and maps are objects, lists are arrays, blobs are binary nodes, timestamps are
 * numbers of epoch milliseconds, so operations never see which protocol was spoken.
 */
public final class Input {
    private final ObjectNode tree;

    public Input(ObjectNode tree) {
        this.tree = tree;
    }

    public ObjectNode tree() {
        return tree;
    }

    public boolean has(String name) {
        JsonNode node = tree.get(name);
        return node != null && !node.isNull();
    }

    /**
     * The streaming payload member (a streaming blob, e.g. S3 PutObject's {@code Body}), or null when absent. The
     * protocol layer puts it there as a POJO node.
     */
    public io.wharf.protocol.wire.RequestBody payload(String name) {
        JsonNode node = tree.get(name);
        return node instanceof com.fasterxml.jackson.databind.node.POJONode pojo
                && pojo.getPojo() instanceof io.wharf.protocol.wire.RequestBody body ? body : null;
    }

    /** The string member, or null when absent. */
    public String string(String name) {
        JsonNode node = tree.get(name);
        return node == null || node.isNull() ? null : node.asText();
    }

    /** The integer member, or null when absent (validation has already checked its type). */
    public Integer integer(String name) {
        JsonNode node = tree.get(name);
        return node == null || node.isNull() ? null : node.asInt();
    }

    public Long longValue(String name) {
        JsonNode node = tree.get(name);
        return node == null || node.isNull() ? null : node.asLong();
    }

    public Boolean bool(String name) {
        JsonNode node = tree.get(name);
        return node == null || node.isNull() ? null : node.asBoolean();
    }

    /** The blob member's bytes, or null when absent. */
    public byte[] bytes(String name) {
        JsonNode node = tree.get(name);
        if (node == null || node.isNull()) {
            return null;
        }
        try {
            return node.binaryValue();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A nested structure, or null when absent. */
    public Input struct(String name) {
        JsonNode node = tree.get(name);
        return node instanceof ObjectNode object ? new Input(object) : null;
    }

    /** A list of structures; empty when absent. */
    public List<Input> structs(String name) {
        JsonNode node = tree.get(name);
        if (node == null || !node.isArray()) {
            return List.of();
        }
        List<Input> result = new ArrayList<>(node.size());
        node.forEach(n -> result.add(n instanceof ObjectNode o ? new Input(o) : new Input(tree.objectNode())));
        return result;
    }

    /** A list of strings; empty when absent. */
    public List<String> strings(String name) {
        JsonNode node = tree.get(name);
        if (node == null || !node.isArray()) {
            return List.of();
        }
        List<String> result = new ArrayList<>(node.size());
        node.forEach(n -> result.add(n.asText()));
        return result;
    }

    /** A map of strings in request order; empty when absent. */
    public Map<String, String> stringMap(String name) {
        JsonNode node = tree.get(name);
        if (node == null || !node.isObject()) {
            return Map.of();
        }
        Map<String, String> result = new LinkedHashMap<>();
        node.fields().forEachRemaining(e -> result.put(e.getKey(), e.getValue().asText()));
        return Collections.unmodifiableMap(result);
    }

    /** A map of structures in request order; empty when absent. */
    public Map<String, Input> structMap(String name) {
        JsonNode node = tree.get(name);
        if (node == null || !node.isObject()) {
            return Map.of();
        }
        Map<String, Input> result = new LinkedHashMap<>();
        node.fields().forEachRemaining(e -> result.put(e.getKey(),
                e.getValue() instanceof ObjectNode o ? new Input(o) : new Input(tree.objectNode())));
        return Collections.unmodifiableMap(result);
    }

    @Override
    public String toString() {
        return tree.toString();
    }
}
