package io.wharf.protocol.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A botocore {@code service-2.json} model, loaded once: operations, shapes and the protocol traits.
 *
 * <p>An optional <em>overlay</em> in the same format is deep-merged over the model before it is read. It
 * carries what the current JSON model no longer states but the older wire still needs: the Query parameter
 * names of SQS ({@code Attribute.N.Name}) and the legacy error codes of {@code awsQueryCompatible} services.
 * Keeping them as data next to the model, instead of in code, is what lets one codec serve every service.
 */
public final class ServiceModel {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final String protocol;
    private final String apiVersion;
    private final String endpointPrefix;
    private final String signingName;
    private final String targetPrefix;
    private final String jsonVersion;
    private final String xmlNamespace;
    private final String serviceId;
    private final boolean awsQueryCompatible;
    private final List<String> protocols;
    private final String errorNamespace;
    private final Map<String, Shape> shapes = new HashMap<>();
    private final Map<String, OperationModel> operations = new HashMap<>();

    private ServiceModel(JsonNode root) {
        JsonNode metadata = root.path("metadata");
        protocol = metadata.path("protocol").asText();
        apiVersion = metadata.path("apiVersion").asText();
        endpointPrefix = metadata.path("endpointPrefix").asText();
        signingName = metadata.path("signingName").asText(endpointPrefix);
        targetPrefix = metadata.path("targetPrefix").asText(null);
        jsonVersion = metadata.path("jsonVersion").asText("1.0");
        xmlNamespace = metadata.path("xmlNamespace").asText(null);
        serviceId = metadata.path("serviceId").asText();
        awsQueryCompatible = metadata.has("awsQueryCompatible");
        List<String> named = new ArrayList<>();
        metadata.path("protocols").forEach(p -> named.add(p.asText()));
        protocols = named.isEmpty() ? List.of(protocol) : List.copyOf(named);
        errorNamespace = metadata.path("wharfErrorNamespace").asText("com.amazonaws." + signingName);

        JsonNode shapeDefs = root.path("shapes");
        shapeDefs.fields().forEachRemaining(e ->
                shapes.put(e.getKey(), new Shape(e.getKey(), ShapeType.of(e.getValue().path("type").asText()))));
        shapeDefs.fields().forEachRemaining(e -> fill(shapes.get(e.getKey()), e.getValue()));

        root.path("operations").fields().forEachRemaining(e -> {
            JsonNode op = e.getValue();
            List<String> errors = new ArrayList<>();
            op.path("errors").forEach(err -> errors.add(err.path("shape").asText()));
            operations.put(e.getKey(), new OperationModel(e.getKey(),
                    shapeOrNull(op.path("input").path("shape").asText(null)),
                    shapeOrNull(op.path("output").path("shape").asText(null)),
                    op.path("output").path("resultWrapper").asText(null),
                    List.copyOf(errors), http(op.path("http")), op.path("deprecated").asBoolean(false)));
        });
    }

    private static HttpTrait http(JsonNode http) {
        if (!http.has("method") || !http.has("requestUri")) {
            return null;
        }
        return new HttpTrait(http.get("method").asText().toUpperCase(java.util.Locale.ROOT),
                http.get("requestUri").asText(), http.path("responseCode").asInt(200));
    }

    private static XmlNamespace xmlNamespace(JsonNode trait) {
        if (trait.isTextual()) {
            return new XmlNamespace(null, trait.asText());
        }
        if (!trait.has("uri")) {
            return null;
        }
        return new XmlNamespace(trait.path("prefix").asText(null), trait.get("uri").asText());
    }

    /** Loads a model and, when {@code overlay} is not null, merges the overlay over it first. */
    public static ServiceModel load(InputStream model, InputStream overlay) {
        try {
            ObjectNode root = (ObjectNode) MAPPER.readTree(model);
            if (overlay != null) {
                merge(root, (ObjectNode) MAPPER.readTree(overlay));
            }
            return new ServiceModel(root);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read service model", e);
        }
    }

    /** Loads {@code <resourceDir>/service-2.json} and, if present, {@code <resourceDir>/wharf-overlay.json}. */
    public static ServiceModel fromClasspath(String resourceDir) {
        ClassLoader loader = ServiceModel.class.getClassLoader();
        try (InputStream model = loader.getResourceAsStream(resourceDir + "/service-2.json");
             InputStream overlay = loader.getResourceAsStream(resourceDir + "/wharf-overlay.json")) {
            if (model == null) {
                throw new IllegalStateException("no service model at " + resourceDir + "/service-2.json");
            }
            return load(model, overlay);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void merge(ObjectNode target, ObjectNode patch) {
        Iterator<Map.Entry<String, JsonNode>> it = patch.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode existing = target.get(e.getKey());
            if (existing instanceof ObjectNode existingObject && e.getValue() instanceof ObjectNode patchObject) {
                merge(existingObject, patchObject);
            } else {
                target.set(e.getKey(), e.getValue());
            }
        }
    }

    private Shape shapeOrNull(String name) {
        return name == null ? null : shape(name);
    }

    private void fill(Shape shape, JsonNode def) {
        if (def.has("min")) shape.min = def.get("min").asDouble();
        if (def.has("max")) shape.max = def.get("max").asDouble();
        if (def.has("pattern")) shape.pattern = Pattern.compile(def.get("pattern").asText());
        if (def.has("enum")) {
            List<String> values = new ArrayList<>();
            def.get("enum").forEach(v -> values.add(v.asText()));
            shape.enumValues = List.copyOf(values);
        }
        shape.flattened = def.path("flattened").asBoolean(false);
        shape.exception = def.path("exception").asBoolean(false);
        shape.sensitive = def.path("sensitive").asBoolean(false);
        shape.eventStream = def.path("eventstream").asBoolean(false);
        shape.timestampFormat = def.path("timestampFormat").asText(null);
        shape.payload = def.path("payload").asText(null);
        shape.streaming = def.path("streaming").asBoolean(false);
        shape.xmlNamespace = xmlNamespace(def.path("xmlNamespace"));
        shape.locationName = def.path("locationName").asText(null);
        if (def.has("error")) {
            JsonNode err = def.get("error");
            shape.error = new ErrorTrait(err.path("code").asText(shape.name()),
                    err.path("httpStatusCode").asInt(400), err.path("senderFault").asBoolean(true));
        }
        switch (shape.type()) {
            case STRUCTURE -> {
                def.path("members").fields().forEachRemaining(m ->
                        shape.members.put(m.getKey(), member(m.getKey(), m.getValue())));
                LinkedHashSet<String> required = new LinkedHashSet<>();
                def.path("required").forEach(r -> required.add(r.asText()));
                shape.required = Collections.unmodifiableSet(required);
            }
            case LIST -> shape.listMember = member("member", def.path("member"));
            case MAP -> {
                shape.mapKey = member("key", def.path("key"));
                shape.mapValue = member("value", def.path("value"));
            }
            default -> { }
        }
    }

    private Member member(String name, JsonNode ref) {
        return new Member(name, shape(ref.path("shape").asText()), ref.path("locationName").asText(null),
                ref.path("flattened").asBoolean(false), ref.path("timestampFormat").asText(null),
                ref.path("xmlAttribute").asBoolean(false), ref.path("jsonvalue").asBoolean(false),
                ref.path("location").asText(null), xmlNamespace(ref.path("xmlNamespace")),
                ref.path("streaming").asBoolean(false));
    }

    /** The shape with this name; a missing shape is a broken model, so this throws. */
    public Shape shape(String name) {
        Shape shape = shapes.get(name);
        if (shape == null) {
            throw new IllegalStateException("model has no shape " + name);
        }
        return shape;
    }

    public Optional<OperationModel> operation(String name) {
        return Optional.ofNullable(operations.get(name));
    }

    public Collection<OperationModel> operations() {
        return Collections.unmodifiableCollection(operations.values());
    }

    /** "json", "query", "rest-json" or "rest-xml". */
    public String protocol() { return protocol; }
    public String apiVersion() { return apiVersion; }
    public String endpointPrefix() { return endpointPrefix; }
    /** The SigV4 service name ({@code sqs}, {@code sns}, {@code kinesis}, {@code firehose}). */
    public String signingName() { return signingName; }
    /** The {@code X-Amz-Target} prefix ({@code AmazonSQS}); null for Query services. */
    public String targetPrefix() { return targetPrefix; }
    public String jsonVersion() { return jsonVersion; }
    /** The XML namespace of Query responses; null when the model names none (S3's: see {@link Shape#xmlNamespace()}). */
    public String xmlNamespace() { return xmlNamespace; }
    public String serviceId() { return serviceId; }
    public boolean awsQueryCompatible() { return awsQueryCompatible; }
    /** Every protocol the service speaks ({@code metadata.protocols}), or just {@link #protocol()} when none are listed. */
    public List<String> protocols() { return protocols; }
    /**
     * The namespace of the shape ids in the {@code __type} of errors of {@code awsQueryCompatible} JSON and RPC v2 CBOR
     * answers: {@code com.amazonaws.<signing name>} ({@code com.amazonaws.sqs#QueueDoesNotExist}) unless the overlay's
     * {@code metadata.wharfErrorNamespace} names AWS's own (CloudWatch: {@code com.amazonaws.cloudwatch.v2010_08_01}).
     */
    public String errorNamespace() { return errorNamespace; }
}
