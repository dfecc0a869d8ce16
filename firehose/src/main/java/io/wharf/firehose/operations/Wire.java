package io.wharf.firehose.operations;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wharf.protocol.Input;
import io.wharf.protocol.model.Member;
import io.wharf.protocol.model.ServiceModel;
import io.wharf.protocol.model.Shape;
import io.wharf.protocol.model.ShapeType;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What several operations share: the output tree factory, tags as Firehose lists them, and the projection of a
 * stored configuration onto its Description shape, driven by the model — a configuration member appears in the
 * description under the same name (or its {@code …Description} twin: {@code S3Configuration} →
 * {@code S3DestinationDescription}, {@code VpcConfiguration} → {@code VpcConfigurationDescription}) and members the
 * description does not have (secrets: passwords, access keys, private keys) are left out.
 */
public final class Wire {
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private Wire() {
    }

    public static ObjectNode object() {
        return JSON.objectNode();
    }

    /** Tags given as a list of {Key, Value}, in request order. */
    public static Map<String, String> tags(Input input, String member) {
        Map<String, String> tags = new LinkedHashMap<>();
        for (Input tag : input.structs(member)) {
            String value = tag.string("Value");
            tags.put(tag.string("Key"), value == null ? "" : value);
        }
        return tags;
    }

    /** The one member of {@code input} among {@code members} that is present, or null. */
    public static String presentMember(Input input, List<String> members) {
        String found = null;
        for (String member : members) {
            if (input.has(member)) {
                if (found != null) {
                    return "";
                }
                found = member;
            }
        }
        return found;
    }

    /** {@code config} (of the shape named {@code configShape}) as the shape named {@code descriptionShape}. */
    static ObjectNode project(ServiceModel model, ObjectNode config, String configShape, String descriptionShape) {
        return project(config, model.shape(configShape), model.shape(descriptionShape));
    }

    private static ObjectNode project(ObjectNode config, Shape from, Shape to) {
        ObjectNode out = JSON.objectNode();
        Iterator<Map.Entry<String, JsonNode>> fields = config.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            String name = field.getKey();
            Member source = from == null ? null : from.member(name);
            String targetName = to.member(name) != null ? name : twin(name);
            Member target = targetName == null ? null : to.member(targetName);
            if (target == null) {
                continue;
            }
            out.set(targetName, value(field.getValue(), source == null ? null : source.shape(), target.shape()));
        }
        return out;
    }

    private static JsonNode value(JsonNode value, Shape from, Shape to) {
        if (to.type() == ShapeType.STRUCTURE && value instanceof ObjectNode object) {
            return project(object, from, to);
        }
        if (to.type() == ShapeType.LIST && value instanceof ArrayNode array) {
            ArrayNode out = JSON.arrayNode();
            Shape fromElement = from == null || from.listMember() == null ? null : from.listMember().shape();
            for (JsonNode element : array) {
                out.add(value(element, fromElement, to.listMember().shape()));
            }
            return out;
        }
        return value;
    }

    private static String twin(String name) {
        if (name.equals("S3Configuration")) {
            return "S3DestinationDescription";
        }
        if (name.equals("S3BackupConfiguration")) {
            return "S3BackupDescription";
        }
        return name.endsWith("Configuration")
                ? name.substring(0, name.length() - "Configuration".length()) + "Description" : null;
    }
}
