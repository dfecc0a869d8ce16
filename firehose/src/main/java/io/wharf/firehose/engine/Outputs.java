package io.wharf.firehose.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.zip.GZIPOutputStream;

/**
 * What one frozen batch becomes: the objects (and HTTP requests) that carry its records, computed once and kept
 * across retries so a retry writes the same keys. S3 destinations get one object per partition (the evaluated
 * prefix), error objects per error output type (JSON lines, AWS's error record fields), and with S3BackupMode
 * Enabled one object of the untransformed records in the backup bucket. HTTP endpoint destinations get one POST
 * per batch (AWS's request spec) whose records fall back to the S3 configuration as {@code http-endpoint-failed}
 * when RetryOptions.DurationInSeconds has passed.
 */
final class Outputs {
    private static final ObjectMapper JSON = new ObjectMapper();

    private Outputs() {
    }

    /** One thing to write. */
    sealed interface Output permits S3Object, HttpPost, Documents.DocumentPost {
    }

    record S3Object(String bucketArn, String key, byte[] content) implements Output {
    }

    /** An HTTP endpoint delivery; mutable attempt state, guarded by the stream's delivering flag. */
    static final class HttpPost implements Output {
        final URI url;
        final Map<String, String> headers;
        final byte[] body;
        final String requestId;
        final long retryMillis;
        /** The object the records become once the retry duration has passed, given the attempts and last error. */
        final java.util.function.BiFunction<Integer, String, S3Object> fallback;
        long firstAttemptMillis = -1;
        int attempts;
        String lastError = "";

        HttpPost(URI url, Map<String, String> headers, byte[] body, String requestId, long retryMillis,
                 java.util.function.BiFunction<Integer, String, S3Object> fallback) {
            this.url = url;
            this.headers = headers;
            this.body = body;
            this.requestId = requestId;
            this.retryMillis = retryMillis;
            this.fallback = fallback;
        }
    }

    /** The outputs of a batch. */
    static List<Output> render(Processing processing, Processing.StreamSnapshot stream, List<BufferedRecord> records,
                               Map<String, String> searchEndpoints) {
        ObjectNode destination = stream.destination();
        if (stream.member().equals("HttpEndpointDestinationConfiguration")) {
            return http(processing, stream, records);
        }
        if (Documents.delivers(stream.member())) {
            return Documents.render(processing, stream, records, searchEndpoints);
        }
        ObjectNode s3 = Destinations.deliversToS3(stream.member()) ? destination
                : destination.get("S3Configuration") instanceof ObjectNode o ? o : destination;
        Processing.Result result = processing.run(stream, records);
        List<Output> outputs = new ArrayList<>();
        List<Processing.Failed> failed = new ArrayList<>(result.failed());
        ZoneId zone = ObjectKeys.zone(Destinations.text(s3, "CustomTimeZone"));
        Map<Map<String, String>, List<Processing.Processed>> partitions = new LinkedHashMap<>();
        for (Processing.Processed p : result.processed()) {
            partitions.computeIfAbsent(p.partitionKeys(), k -> new ArrayList<>()).add(p);
        }
        for (Map.Entry<Map<String, String>, List<Processing.Processed>> partition : partitions.entrySet()) {
            List<Processing.Processed> group = partition.getValue();
            Instant oldest = oldest(group.stream().map(Processing.Processed::source).toList());
            String prefix = ObjectKeys.evaluate(Destinations.text(s3, "Prefix"), oldest, zone, partition.getKey(),
                    ObjectKeys::randomString);
            if (prefix == null) {
                for (Processing.Processed p : group) {
                    failed.add(new Processing.Failed(p.source(), "processing-failed",
                            "DynamicPartitioning.PartitionKeyMissing",
                            "A partition key the Prefix uses was not extracted from the record.", null, 1));
                }
                continue;
            }
            ByteArrayOutputStream content = new ByteArrayOutputStream();
            group.forEach(p -> content.writeBytes(p.data()));
            outputs.add(object(stream, s3, prefix, oldest, zone, content.toByteArray()));
        }
        outputs.addAll(errorObjects(stream, s3, failed, zone, processing.now()));
        if ("Enabled".equals(Destinations.text(destination, "S3BackupMode"))
                && destination.get("S3BackupConfiguration") instanceof ObjectNode backup) {
            outputs.add(backupObject(stream, backup, records));
        }
        return outputs;
    }

    private static S3Object object(Processing.StreamSnapshot stream, ObjectNode s3, String prefix, Instant oldest,
                                   ZoneId zone, byte[] content) {
        Compression compression = Compression.of(Destinations.text(s3, "CompressionFormat"));
        String extension = Destinations.text(s3, "FileExtension");
        String key = ObjectKeys.objectKey(prefix, stream.name(), stream.version(), oldest, zone, UUID.randomUUID(),
                extension == null || extension.isEmpty() ? compression.extension() : extension);
        return new S3Object(Destinations.text(s3, "BucketARN"), key,
                compression.compress(content, key.substring(key.lastIndexOf('/') + 1)));
    }

    static S3Object backupObject(Processing.StreamSnapshot stream, ObjectNode backup,
                                         List<BufferedRecord> records) {
        ZoneId zone = ObjectKeys.zone(Destinations.text(backup, "CustomTimeZone"));
        Instant oldest = oldest(records);
        String prefix = ObjectKeys.evaluate(Destinations.text(backup, "Prefix"), oldest, zone, Map.of(),
                ObjectKeys::randomString);
        ByteArrayOutputStream content = new ByteArrayOutputStream();
        records.forEach(r -> content.writeBytes(r.data()));
        return object(stream, backup, prefix, oldest, zone, content.toByteArray());
    }

    /** One JSON-lines object per error output type, under the evaluated ErrorOutputPrefix. */
    static List<Output> errorObjects(Processing.StreamSnapshot stream, ObjectNode s3, List<Processing.Failed> failed,
                                     ZoneId zone, long now) {
        Map<String, List<Processing.Failed>> byType = new LinkedHashMap<>();
        for (Processing.Failed f : failed) {
            byType.computeIfAbsent(f.errorOutputType(), k -> new ArrayList<>()).add(f);
        }
        List<Output> out = new ArrayList<>();
        for (Map.Entry<String, List<Processing.Failed>> type : byType.entrySet()) {
            List<BufferedRecord> sources = new ArrayList<>(new LinkedHashSet<>(type.getValue().stream()
                    .map(Processing.Failed::source).toList()));
            Instant oldest = oldest(sources);
            String prefix = ObjectKeys.evaluateError(Destinations.text(s3, "Prefix"),
                    Destinations.text(s3, "ErrorOutputPrefix"), type.getKey(), oldest, zone, ObjectKeys::randomString);
            ByteArrayOutputStream lines = new ByteArrayOutputStream();
            Map<Long, Boolean> seen = new LinkedHashMap<>();
            for (Processing.Failed f : type.getValue()) {
                if (seen.put(f.source().sequence(), true) != null) {
                    continue; // one error record per source record
                }
                ObjectNode line = JSON.createObjectNode().put("attemptsMade", f.attempts())
                        .put("arrivalTimestamp", f.source().arrivalMillis()).put("errorCode", f.errorCode())
                        .put("errorMessage", f.errorMessage()).put("attemptEndingTimestamp", now)
                        .put("rawData", Base64.getEncoder().encodeToString(f.source().data()));
                if (f.lambdaArn() != null) {
                    line.put("lambdaArn", f.lambdaArn());
                }
                lines.writeBytes(line.toString().getBytes(StandardCharsets.UTF_8));
                lines.write('\n');
            }
            String key = ObjectKeys.objectKey(prefix, stream.name(), stream.version(), oldest, zone,
                    UUID.randomUUID(), "");
            out.add(new S3Object(Destinations.text(s3, "BucketARN"), key, lines.toByteArray()));
        }
        return out;
    }

    static Instant oldest(List<BufferedRecord> records) {
        long min = Long.MAX_VALUE;
        for (BufferedRecord r : records) {
            min = Math.min(min, r.arrivalMillis());
        }
        return Instant.ofEpochMilli(min);
    }

    /** The HTTP endpoint request of AWS's spec, and the S3 objects of AllData backup and of processing failures. */
    private static List<Output> http(Processing processing, Processing.StreamSnapshot stream,
                                     List<BufferedRecord> records) {
        ObjectNode destination = stream.destination();
        ObjectNode s3 = destination.get("S3Configuration") instanceof ObjectNode o ? o
                : JSON.createObjectNode();
        ZoneId zone = ObjectKeys.zone(Destinations.text(s3, "CustomTimeZone"));
        Processing.Result result = processing.run(stream, records);
        List<Output> outputs = new ArrayList<>();
        if (!result.processed().isEmpty()) {
            String requestId = UUID.randomUUID().toString();
            ObjectNode body = JSON.createObjectNode().put("requestId", requestId).put("timestamp", processing.now());
            var array = body.putArray("records");
            for (Processing.Processed p : result.processed()) {
                array.addObject().put("data", Base64.getEncoder().encodeToString(p.data()));
            }
            JsonNode endpoint = destination.path("EndpointConfiguration");
            Map<String, String> headers = new LinkedHashMap<>();
            headers.put("Content-Type", "application/json");
            headers.put("X-Amz-Firehose-Protocol-Version", "1.0");
            headers.put("X-Amz-Firehose-Request-Id", requestId);
            headers.put("X-Amz-Firehose-Source-Arn", stream.arn());
            if (endpoint.hasNonNull("AccessKey")) {
                headers.put("X-Amz-Firehose-Access-Key", endpoint.get("AccessKey").asText());
            }
            JsonNode request = destination.path("RequestConfiguration");
            if (request.path("CommonAttributes").size() > 0) {
                ObjectNode attributes = JSON.createObjectNode();
                ObjectNode common = attributes.putObject("commonAttributes");
                for (JsonNode a : request.path("CommonAttributes")) {
                    common.put(a.path("AttributeName").asText(), a.path("AttributeValue").asText());
                }
                headers.put("X-Amz-Firehose-Common-Attributes", attributes.toString());
            }
            byte[] bytes = body.toString().getBytes(StandardCharsets.UTF_8);
            if ("GZIP".equals(request.path("ContentEncoding").asText())) {
                headers.put("Content-Encoding", "gzip");
                bytes = gzip(bytes);
            }
            long retryMillis = destination.path("RetryOptions").path("DurationInSeconds").asLong(300) * 1000;
            List<Processing.Processed> delivered = result.processed();
            outputs.add(new HttpPost(URI.create(endpoint.path("Url").asText()), headers, bytes, requestId,
                    retryMillis, (attempts, error) -> {
                        List<Processing.Failed> asFailed = new ArrayList<>();
                        for (Processing.Processed p : delivered) {
                            asFailed.add(new Processing.Failed(p.source(), "http-endpoint-failed",
                                    "HttpEndpoint.DestinationException", error, null, attempts));
                        }
                        return (S3Object) errorObjects(stream, s3, asFailed, zone, processing.now()).get(0);
                    }));
        }
        outputs.addAll(errorObjects(stream, s3, result.failed(), zone, processing.now()));
        if ("AllData".equals(Destinations.text(destination, "S3BackupMode"))) {
            outputs.add(backupObject(stream, s3, records));
        }
        return outputs;
    }

    private static byte[] gzip(byte[] bytes) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
