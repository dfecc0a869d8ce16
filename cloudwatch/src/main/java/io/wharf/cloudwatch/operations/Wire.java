package io.wharf.cloudwatch.operations;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wharf.cloudwatch.engine.Aggregate;
import io.wharf.cloudwatch.engine.Datum;
import io.wharf.cloudwatch.engine.Dimension;
import io.wharf.protocol.Input;

import java.util.ArrayList;
import java.util.List;

/** The shapes CloudWatch's operations share: reading MetricDatum and Dimension, writing Metric. */
final class Wire {
    private Wire() {
    }

    static ObjectNode object() {
        return JsonNodeFactory.instance.objectNode();
    }

    static List<Dimension> dimensions(Input parent) {
        List<Dimension> dimensions = new ArrayList<>();
        for (Input d : parent.structs("Dimensions")) {
            dimensions.add(new Dimension(d.string("Name"), d.string("Value")));
        }
        return dimensions;
    }

    /** A list of MetricDatum; {@code path} names the list as the Query protocol does ({@code MetricData}). */
    static List<Datum> data(List<Input> data, String path, List<Datum> into) {
        for (int i = 0; i < data.size(); i++) {
            Input d = data.get(i);
            Input statistics = d.struct("StatisticValues");
            into.add(new Datum(path + ".member." + (i + 1), d.string("MetricName"), dimensions(d),
                    d.longValue("Timestamp"), number(d.tree().get("Value")), numbers(d.tree().get("Values")),
                    numbers(d.tree().get("Counts")),
                    statistics == null ? null : new Aggregate(number(statistics, "SampleCount"),
                            number(statistics, "Sum"), number(statistics, "Minimum"), number(statistics, "Maximum")),
                    d.string("Unit"), d.integer("StorageResolution")));
        }
        return into;
    }

    private static double number(Input struct, String name) {
        Double value = number(struct.tree().get(name));
        return value == null ? Double.NaN : value;
    }

    private static Double number(JsonNode node) {
        return node == null || node.isNull() ? null : node.asDouble();
    }

    private static List<Double> numbers(JsonNode node) {
        if (node == null || !node.isArray()) {
            return List.of();
        }
        List<Double> values = new ArrayList<>(node.size());
        node.forEach(n -> values.add(n.asDouble()));
        return values;
    }

    static ObjectNode metric(ObjectNode out, String namespace, String metricName, List<Dimension> dimensions) {
        out.put("Namespace", namespace).put("MetricName", metricName);
        ArrayNode list = out.putArray("Dimensions");
        for (Dimension d : dimensions) {
            list.addObject().put("Name", d.name()).put("Value", d.value());
        }
        return out;
    }
}
