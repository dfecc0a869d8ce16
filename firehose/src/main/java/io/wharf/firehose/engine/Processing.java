package io.wharf.firehose.engine;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wharf.firehose.DeliveryFailure;
import io.wharf.firehose.OutboundHttp;
import net.thisptr.jackson.jq.BuiltinFunctionLoader;
import net.thisptr.jackson.jq.JsonQuery;
import net.thisptr.jackson.jq.Scope;
import net.thisptr.jackson.jq.Versions;
import net.thisptr.jackson.jq.exception.JsonQueryException;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The processing chain, in AWS's order (research/firehose.md §5): RecordDeAggregation (JSON or DELIMITED) → the
 * Lambda processor (AWS's transformation event POSTed to the URL {@code --lambda-endpoint} maps the function to) →
 * MetadataExtraction for dynamic partitioning (a real jq, jackson-jq in JQ 1.6 mode) → AppendDelimiterToRecord.
 * Records that fail a step go to the error output ({@code processing-failed}) with AWS's error record fields; a
 * Lambda function without a mapping fails its records that way too (documented).
 */
final class Processing {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Scope ROOT = rootScope();

    private final OutboundHttp http;
    private final Map<String, String> lambdaEndpoints;
    private final java.time.Clock clock;

    Processing(OutboundHttp http, Map<String, String> lambdaEndpoints, java.time.Clock clock) {
        this.http = http;
        this.lambdaEndpoints = lambdaEndpoints;
        this.clock = clock;
    }

    private static Scope rootScope() {
        Scope scope = Scope.newEmptyScope();
        BuiltinFunctionLoader.getInstance().loadFunctions(Versions.JQ_1_6, scope);
        return scope;
    }

    /** A record ready for the destination: data after processing, its partition keys, the record it came from. */
    record Processed(BufferedRecord source, byte[] data, Map<String, String> partitionKeys) {
    }

    /** A record that failed processing, for the error output. */
    record Failed(BufferedRecord source, String errorOutputType, String errorCode, String errorMessage,
                  String lambdaArn, int attempts) {
    }

    record Result(List<Processed> processed, List<Failed> failed) {
    }

    /** What the chain needs to know about the stream. */
    record StreamSnapshot(String name, String arn, String region, int version, String member, ObjectNode destination) {
    }

    Result run(StreamSnapshot stream, List<BufferedRecord> records) {
        List<Failed> failed = new ArrayList<>();
        List<Processed> current = new ArrayList<>();
        for (BufferedRecord r : records) {
            current.add(new Processed(r, r.data(), Map.of()));
        }
        JsonNode processing = stream.destination().get("ProcessingConfiguration");
        boolean enabled = Destinations.enabled(processing);
        if (enabled) {
            for (JsonNode processor : processing.path("Processors")) {
                Map<String, String> parameters = parameters(processor);
                switch (processor.path("Type").asText()) {
                    case "RecordDeAggregation" -> current = deaggregate(current, parameters, failed);
                    case "Lambda" -> current = lambda(stream, current, parameters, failed);
                    default -> {
                    }
                }
            }
        }
        if (Destinations.enabled(stream.destination().get("DynamicPartitioningConfiguration")) && enabled) {
            for (JsonNode processor : processing.path("Processors")) {
                if (processor.path("Type").asText().equals("MetadataExtraction")) {
                    current = extract(current, parameters(processor), failed);
                }
            }
        }
        byte[] delimiter = Delivery.Target.appendDelimiter(stream.destination());
        if (delimiter != null) {
            List<Processed> delimited = new ArrayList<>(current.size());
            for (Processed p : current) {
                byte[] data = new byte[p.data().length + delimiter.length];
                System.arraycopy(p.data(), 0, data, 0, p.data().length);
                System.arraycopy(delimiter, 0, data, p.data().length, delimiter.length);
                delimited.add(new Processed(p.source(), data, p.partitionKeys()));
            }
            current = delimited;
        }
        return new Result(current, failed);
    }

    private static Map<String, String> parameters(JsonNode processor) {
        Map<String, String> out = new HashMap<>();
        for (JsonNode p : processor.path("Parameters")) {
            out.put(p.path("ParameterName").asText(), p.path("ParameterValue").asText());
        }
        return out;
    }

    /** One put record → its JSON objects ({@code {"a":1}{"a":2}}) or its delimited parts. */
    private static List<Processed> deaggregate(List<Processed> in, Map<String, String> parameters, List<Failed> failed) {
        List<Processed> out = new ArrayList<>();
        boolean json = !"DELIMITED".equals(parameters.get("SubRecordType"));
        byte[] delimiter = parameters.containsKey("Delimiter")
                ? Base64.getDecoder().decode(parameters.get("Delimiter")) : new byte[] {'\n'};
        for (Processed p : in) {
            if (json) {
                try (JsonParser parser = JSON.createParser(p.data());
                     MappingIterator<JsonNode> objects = JSON.readValues(parser, JsonNode.class)) {
                    List<Processed> parts = new ArrayList<>();
                    while (objects.hasNextValue()) {
                        parts.add(new Processed(p.source(), JSON.writeValueAsBytes(objects.nextValue()),
                                p.partitionKeys()));
                    }
                    out.addAll(parts);
                } catch (IOException | RuntimeException e) {
                    failed.add(new Failed(p.source(), "processing-failed", "Firehose.RecordDeAggregationFailed",
                            "The record is not a sequence of JSON objects.", null, 1));
                }
            } else {
                int start = 0;
                byte[] data = p.data();
                for (int i = 0; i + delimiter.length <= data.length; i++) {
                    if (matches(data, i, delimiter)) {
                        if (i > start) {
                            out.add(new Processed(p.source(), java.util.Arrays.copyOfRange(data, start, i),
                                    p.partitionKeys()));
                        }
                        start = i + delimiter.length;
                        i = start - 1;
                    }
                }
                if (start < data.length) {
                    out.add(new Processed(p.source(), java.util.Arrays.copyOfRange(data, start, data.length),
                            p.partitionKeys()));
                }
            }
        }
        return out;
    }

    private static boolean matches(byte[] data, int at, byte[] delimiter) {
        for (int j = 0; j < delimiter.length; j++) {
            if (data[at + j] != delimiter[j]) {
                return false;
            }
        }
        return true;
    }

    /**
     * AWS's transformation event to the function's mapped URL, NumberOfRetries (default 3) more attempts on failure;
     * every record must come back once with Ok, Dropped or ProcessingFailed.
     */
    private List<Processed> lambda(StreamSnapshot stream, List<Processed> in, Map<String, String> parameters,
                                   List<Failed> failed) {
        String arn = parameters.get("LambdaArn");
        String url = arn == null ? null : lambdaEndpoints.get(arn);
        if (in.isEmpty()) {
            return in;
        }
        if (url == null) {
            for (Processed p : in) {
                failed.add(new Failed(p.source(), "processing-failed", "Lambda.FunctionNotFound",
                        "No --lambda-endpoint maps " + arn + " to a URL.", arn, 1));
            }
            return List.of();
        }
        Map<String, Processed> byId = new LinkedHashMap<>();
        ObjectNode event = JSON.createObjectNode().put("invocationId", UUID.randomUUID().toString())
                .put("deliveryStreamArn", stream.arn()).put("region", stream.region());
        ArrayNode records = event.putArray("records");
        int n = 0;
        for (Processed p : in) {
            String id = "record-" + (n++) + "-" + p.source().sequence();
            byId.put(id, p);
            records.addObject().put("recordId", id).put("approximateArrivalTimestamp", p.source().arrivalMillis())
                    .put("data", Base64.getEncoder().encodeToString(p.data()));
        }
        int retries = parseInt(parameters.get("NumberOfRetries"), 3);
        String error = null;
        int attempts = 0;
        for (int attempt = 0; attempt <= retries; attempt++) {
            attempts++;
            try {
                OutboundHttp.Response response = http.post(URI.create(url), Map.of("Content-Type", "application/json"),
                        JSON.writeValueAsBytes(event), Duration.ofMinutes(5));
                if (response.status() / 100 != 2) {
                    error = "The Lambda endpoint answered HTTP " + response.status() + ".";
                    continue;
                }
                return lambdaResults(JSON.readTree(response.body()), byId, arn, failed, attempts);
            } catch (DeliveryFailure | IOException | RuntimeException e) {
                error = "The Lambda endpoint could not be invoked: " + e.getMessage();
            }
        }
        for (Processed p : in) {
            failed.add(new Failed(p.source(), "processing-failed", "Lambda.InvokeFailed", error, arn, attempts));
        }
        return List.of();
    }

    private static List<Processed> lambdaResults(JsonNode response, Map<String, Processed> byId, String arn,
                                                 List<Failed> failed, int attempts) {
        List<Processed> out = new ArrayList<>();
        Map<String, Processed> pending = new LinkedHashMap<>(byId);
        for (JsonNode record : response.path("records")) {
            Processed p = pending.remove(record.path("recordId").asText());
            if (p == null) {
                continue;
            }
            switch (record.path("result").asText()) {
                case "Ok" -> {
                    Map<String, String> keys = new LinkedHashMap<>(p.partitionKeys());
                    record.path("metadata").path("partitionKeys").fields().forEachRemaining(e ->
                            keys.put("partitionKeyFromLambda:" + e.getKey(), e.getValue().asText()));
                    byte[] data;
                    try {
                        data = Base64.getDecoder().decode(record.path("data").asText());
                    } catch (IllegalArgumentException e) {
                        failed.add(new Failed(p.source(), "processing-failed", "Lambda.InvalidData",
                                "The Lambda function returned data that is not base64.", arn, attempts));
                        continue;
                    }
                    out.add(new Processed(p.source(), data, keys));
                }
                case "Dropped" -> {
                }
                case "ProcessingFailed" -> failed.add(new Failed(p.source(), "processing-failed",
                        "Lambda.ProcessingFailed", "The Lambda function marked the record ProcessingFailed.", arn,
                        attempts));
                default -> failed.add(new Failed(p.source(), "processing-failed", "Lambda.InvalidResult",
                        "The Lambda function returned an invalid result for the record.", arn, attempts));
            }
        }
        for (Processed p : pending.values()) {
            failed.add(new Failed(p.source(), "processing-failed", "Lambda.MissingRecordId",
                    "The Lambda function did not return the record's recordId.", arn, attempts));
        }
        return out;
    }

    /** MetadataExtraction: the jq query over the record's JSON must produce an object of scalar partition keys. */
    private static List<Processed> extract(List<Processed> in, Map<String, String> parameters, List<Failed> failed) {
        String query = parameters.get("MetadataExtractionQuery");
        JsonQuery compiled;
        try {
            compiled = JsonQuery.compile(query == null ? "{}" : query, Versions.JQ_1_6);
        } catch (JsonQueryException e) {
            for (Processed p : in) {
                failed.add(new Failed(p.source(), "processing-failed", "DynamicPartitioning.MetadataExtractionFailed",
                        "The MetadataExtractionQuery does not compile: " + e.getMessage(), null, 1));
            }
            return List.of();
        }
        List<Processed> out = new ArrayList<>();
        for (Processed p : in) {
            try {
                JsonNode record = JSON.readTree(p.data());
                List<JsonNode> results = new ArrayList<>();
                compiled.apply(Scope.newChildScope(ROOT), record, results::add);
                if (results.size() != 1 || !results.get(0).isObject()) {
                    throw new IllegalArgumentException("the query did not produce one object");
                }
                Map<String, String> keys = new LinkedHashMap<>(p.partitionKeys());
                var fields = results.get(0).fields();
                while (fields.hasNext()) {
                    var field = fields.next();
                    if (field.getValue().isNull() || field.getValue().isContainerNode()) {
                        throw new IllegalArgumentException("partition key " + field.getKey() + " is not a scalar");
                    }
                    keys.put("partitionKeyFromQuery:" + field.getKey(), field.getValue().asText());
                }
                out.add(new Processed(p.source(), p.data(), keys));
            } catch (IOException | RuntimeException e) {
                failed.add(new Failed(p.source(), "processing-failed", "DynamicPartitioning.MetadataExtractionFailed",
                        "Non JSON record provided or the query failed: " + e.getMessage(), null, 1));
            }
        }
        return out;
    }

    private static int parseInt(String value, int fallback) {
        try {
            return value == null ? fallback : Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            return fallback;
        }
    }

    long now() {
        return clock.millis();
    }
}
