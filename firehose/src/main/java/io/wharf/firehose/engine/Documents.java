package io.wharf.firehose.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wharf.firehose.DeliveryFailure;
import io.wharf.firehose.FirehoseErrors;
import io.wharf.firehose.ObjectSink;
import io.wharf.firehose.OutboundHttp;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.DayOfWeek;
import java.time.temporal.WeekFields;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The OpenSearch/Elasticsearch/OpenSearch Serverless and Splunk destinations: a batch's documents (events) POSTed
 * through {@link OutboundHttp} — OpenSearch's {@code _bulk} (NDJSON, the index name with AWS's rotation suffix, a
 * document ID derived from the record so a retry overwrites rather than duplicates) and Splunk HEC's
 * {@code /services/collector/event} or {@code /raw} ({@code Authorization: Splunk <token>}). Whatever is not
 * accepted (the whole request, or the bulk items that answered an error) is retried — the delivery worker's backoff —
 * until RetryOptions.DurationInSeconds has passed since the first attempt, and then written to the S3 configuration
 * as {@code elasticsearch-failed} / {@code splunk-failed} error records (AWS's fields).
 */
final class Documents {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration TIMEOUT = Duration.ofMinutes(3);
    private static final WeekFields US_WEEKS = WeekFields.of(DayOfWeek.SUNDAY, 1);

    private Documents() {
    }

    /** One record as a document: the processed data, and for OpenSearch its index, type and ID. */
    record Document(BufferedRecord source, byte[] data, String index, String type, String id) {
    }

    /** The documents of a batch still to be accepted; mutable attempt state, guarded by the stream's delivering flag. */
    static final class DocumentPost implements Outputs.Output {
        final boolean splunk;
        final URI url;
        final Map<String, String> headers;
        final long retryMillis;
        final Processing.StreamSnapshot stream;
        final ObjectNode s3;
        List<Document> pending;
        /** The last error of each pending document (by position in {@code pending}): code and message. */
        List<String[]> errors = new ArrayList<>();
        long firstAttemptMillis = -1;
        int attempts;
        /** Splunk: how long to wait for HEC's indexer acknowledgement when an answer carries an ackId. */
        long ackTimeoutMillis = 180_000;

        DocumentPost(boolean splunk, URI url, Map<String, String> headers, long retryMillis,
                     Processing.StreamSnapshot stream, ObjectNode s3, List<Document> documents) {
            this.splunk = splunk;
            this.url = url;
            this.headers = headers;
            this.retryMillis = retryMillis;
            this.stream = stream;
            this.s3 = s3;
            this.pending = new ArrayList<>(documents);
        }
    }

    /** Whether this destination member is delivered by this class. */
    static boolean delivers(String member) {
        return Destinations.isOpenSearch(member) || member.equals("SplunkDestinationConfiguration");
    }

    /** InvalidArgumentException when a destination delivered here has no URL to deliver to (create, update). */
    static void check(String member, ObjectNode destination, Map<String, String> searchEndpoints) {
        if (delivers(member)) {
            endpoint(member, destination, searchEndpoints);
        }
    }

    /**
     * The URL the destination's requests go to: for OpenSearch the {@code --opensearch-endpoint} mapping of its
     * ClusterEndpoint, CollectionEndpoint or DomainARN when there is one, else the endpoint itself; or
     * InvalidArgumentException when there is none.
     */
    static URI endpoint(String member, ObjectNode destination, Map<String, String> searchEndpoints) {
        String base;
        String what;
        if (Destinations.isOpenSearch(member)) {
            for (String from : List.of("ClusterEndpoint", "CollectionEndpoint", "DomainARN")) {
                String value = Destinations.text(destination, from);
                if (value != null && searchEndpoints.containsKey(value)) {
                    return URI.create(searchEndpoints.get(value));
                }
            }
        }
        if (member.equals("SplunkDestinationConfiguration")) {
            what = "HECEndpoint";
            base = Destinations.text(destination, "HECEndpoint");
        } else if (member.equals("AmazonOpenSearchServerlessDestinationConfiguration")) {
            what = "CollectionEndpoint";
            base = Destinations.text(destination, "CollectionEndpoint");
        } else {
            what = "ClusterEndpoint";
            base = Destinations.text(destination, "ClusterEndpoint");
        }
        if (base == null || base.isEmpty()) {
            throw FirehoseErrors.INVALID_ARGUMENT.error(what + " is required: Wharf cannot resolve "
                    + (what.equals("ClusterEndpoint") ? "a DomainARN" : "this destination") + " to a URL, so the "
                    + "destination must give the endpoint's URL (or the server map it with --opensearch-endpoint).");
        }
        URI uri;
        try {
            uri = new URI(base);
        } catch (java.net.URISyntaxException e) {
            uri = null;
        }
        if (uri == null || uri.getHost() == null
                || !("http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme()))) {
            throw FirehoseErrors.INVALID_ARGUMENT.error(what + " must be an http or https URL, not '" + base + "'.");
        }
        return uri;
    }

    /** The destination's outputs: the documents' POST, processing failures, and AllDocuments/AllEvents backup. */
    static List<Outputs.Output> render(Processing processing, Processing.StreamSnapshot stream,
                                       List<BufferedRecord> records, Map<String, String> searchEndpoints) {
        ObjectNode destination = stream.destination();
        boolean splunk = stream.member().equals("SplunkDestinationConfiguration");
        ObjectNode s3 = destination.get("S3Configuration") instanceof ObjectNode o ? o : JSON.createObjectNode();
        ZoneId zone = ObjectKeys.zone(Destinations.text(s3, "CustomTimeZone"));
        Processing.Result result = processing.run(stream, records);
        List<Outputs.Output> outputs = new ArrayList<>();
        if (!result.processed().isEmpty()) {
            URI base = endpoint(stream.member(), destination, searchEndpoints);
            String path = base.getPath() == null ? "" : base.getPath().replaceAll("/+$", "");
            Map<String, String> headers = new LinkedHashMap<>();
            List<Document> documents = new ArrayList<>();
            URI url;
            if (splunk) {
                boolean raw = "Raw".equals(Destinations.text(destination, "HECEndpointType"));
                url = base.resolve(path + (raw ? "/services/collector/raw" : "/services/collector/event"));
                headers.put("Content-Type", raw ? "text/plain" : "application/json");
                headers.put("Authorization", "Splunk " + Destinations.text(destination, "HECToken"));
                headers.put("X-Splunk-Request-Channel", UUID.nameUUIDFromBytes(stream.arn()
                        .getBytes(StandardCharsets.UTF_8)).toString());
                for (Processing.Processed p : result.processed()) {
                    documents.add(new Document(p.source(), p.data(), null, null, eventId(stream, p.source())));
                }
            } else {
                url = base.resolve(path + "/_bulk");
                headers.put("Content-Type", "application/x-ndjson");
                String index = Destinations.text(destination, "IndexName");
                String rotation = Destinations.text(destination, "IndexRotationPeriod");
                String type = stream.member().equals("ElasticsearchDestinationConfiguration")
                        ? Destinations.text(destination, "TypeName") : null;
                boolean ids = !stream.member().equals("AmazonOpenSearchServerlessDestinationConfiguration")
                        && !"NO_DOCUMENT_ID".equals(destination.path("DocumentIdOptions")
                        .path("DefaultDocumentIdFormat").asText());
                for (Processing.Processed p : result.processed()) {
                    documents.add(new Document(p.source(), p.data(),
                            index + indexSuffix(rotation, Instant.ofEpochMilli(p.source().arrivalMillis())),
                            type == null || type.isEmpty() ? null : type, ids ? eventId(stream, p.source()) : null));
                }
            }
            long retryMillis = destination.path("RetryOptions").path("DurationInSeconds").asLong(splunk ? 3600 : 300)
                    * 1000;
            DocumentPost post = new DocumentPost(splunk, url, headers, retryMillis, stream, s3, documents);
            post.ackTimeoutMillis = destination.path("HECAcknowledgmentTimeoutInSeconds").asLong(180) * 1000;
            outputs.add(post);
        }
        outputs.addAll(Outputs.errorObjects(stream, s3, result.failed(), zone, processing.now()));
        String backup = Destinations.text(destination, "S3BackupMode");
        if ("AllDocuments".equals(backup) || "AllEvents".equals(backup)) {
            outputs.add(Outputs.backupObject(stream, s3, records));
        }
        return outputs;
    }

    /** A document ID unique to the record (its stream, arrival and sequence), the same on every retry. */
    private static String eventId(Processing.StreamSnapshot stream, BufferedRecord r) {
        return UUID.nameUUIDFromBytes((stream.arn() + "/" + r.arrivalMillis() + "/" + r.sequence())
                .getBytes(StandardCharsets.UTF_8)).toString();
    }

    /**
     * AWS's index rotation suffix of an arrival time (UTC): NoRotation none, OneHour {@code -yyyy-MM-dd-HH}, OneDay
     * {@code -yyyy-MM-dd}, OneWeek {@code -yyyy-wWW}, OneMonth {@code -yyyy-MM}. The week follows the US convention
     * AWS documents: weeks start on Sunday and week 1 is the first week holding a Saturday of the year (so the week
     * holding January 1st; its last days of December belong to the next year's week 1).
     */
    static String indexSuffix(String rotation, Instant arrival) {
        ZonedDateTime t = arrival.atZone(ZoneOffset.UTC);
        if (rotation == null) {
            return "";
        }
        return switch (rotation) {
            case "OneHour" -> String.format("-%04d-%02d-%02d-%02d", t.getYear(), t.getMonthValue(), t.getDayOfMonth(),
                    t.getHour());
            case "OneDay" -> String.format("-%04d-%02d-%02d", t.getYear(), t.getMonthValue(), t.getDayOfMonth());
            case "OneWeek" -> String.format("-%04d-w%02d", t.get(US_WEEKS.weekBasedYear()),
                    t.get(US_WEEKS.weekOfWeekBasedYear()));
            case "OneMonth" -> String.format("-%04d-%02d", t.getYear(), t.getMonthValue());
            default -> "";
        };
    }

    /** The OpenSearch {@code _bulk} body of these documents: an index action line and the document line each. */
    static byte[] bulkBody(List<Document> documents) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Document d : documents) {
            ObjectNode action = JSON.createObjectNode();
            ObjectNode index = action.putObject("index").put("_index", d.index());
            if (d.type() != null) {
                index.put("_type", d.type());
            }
            if (d.id() != null) {
                index.put("_id", d.id());
            }
            out.writeBytes(action.toString().getBytes(StandardCharsets.UTF_8));
            out.write('\n');
            out.writeBytes(oneLine(d.data()));
            out.write('\n');
        }
        return out.toByteArray();
    }

    /** The record without its trailing line breaks (a bulk document is one line). */
    private static byte[] oneLine(byte[] data) {
        int end = data.length;
        while (end > 0 && (data[end - 1] == '\n' || data[end - 1] == '\r')) {
            end--;
        }
        return java.util.Arrays.copyOf(data, end);
    }

    /** Splunk's body: the records (events) one after the other, as the record data gives them. */
    static byte[] splunkBody(List<Document> documents) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        documents.forEach(d -> out.writeBytes(d.data()));
        return out.toByteArray();
    }

    /**
     * One attempt: sends the pending documents, keeps those not accepted; when some remain, throws to be retried
     * until the retry duration has passed, then writes them to S3 as error records.
     */
    static void deliver(DocumentPost post, OutboundHttp http, long now, ObjectSink sink) throws DeliveryFailure {
        if (post.firstAttemptMillis < 0) {
            post.firstAttemptMillis = now;
        }
        boolean expired = now - post.firstAttemptMillis >= post.retryMillis && post.attempts > 0;
        if (!expired) {
            post.attempts++;
            if (post.splunk) {
                attemptSplunk(post, http);
            } else {
                attemptBulk(post, http);
            }
            if (post.pending.isEmpty()) {
                return;
            }
            if (now - post.firstAttemptMillis < post.retryMillis) {
                String[] first = post.errors.get(0);
                throw new DeliveryFailure(first[0], post.pending.size() + " document(s) not accepted: " + first[1]);
            }
        }
        Outputs.S3Object errors = errorObject(post, now);
        sink.put(errors.bucketArn(), errors.key(), new ByteArrayInputStream(errors.content()),
                errors.content().length, null);
        post.pending = List.of();
    }

    private static void failAll(DocumentPost post, String code, String message) {
        post.errors = new ArrayList<>();
        for (int i = 0; i < post.pending.size(); i++) {
            post.errors.add(new String[] {code, message});
        }
    }

    private static void attemptBulk(DocumentPost post, OutboundHttp http) {
        OutboundHttp.Response response;
        try {
            response = http.post(post.url, post.headers, bulkBody(post.pending), TIMEOUT);
        } catch (DeliveryFailure e) {
            failAll(post, "OS.ConnectionFailed", e.getMessage());
            return;
        }
        String body = response.body() == null ? "" : new String(response.body(), StandardCharsets.UTF_8);
        if (response.status() < 200 || response.status() > 299) {
            failAll(post, Integer.toString(response.status()), abbreviate(body));
            return;
        }
        JsonNode answer;
        try {
            answer = JSON.readTree(body);
        } catch (java.io.IOException e) {
            answer = null;
        }
        if (answer == null || !answer.isObject()) {
            failAll(post, "OS.MalformedResponse", "The bulk response is not JSON: " + abbreviate(body));
            return;
        }
        if (!answer.path("errors").asBoolean(false)) {
            post.pending = new ArrayList<>();
            post.errors = new ArrayList<>();
            return;
        }
        JsonNode items = answer.path("items");
        if (items.size() != post.pending.size()) {
            failAll(post, "OS.MalformedResponse", "The bulk response has " + items.size() + " item(s) for "
                    + post.pending.size() + " document(s).");
            return;
        }
        List<Document> still = new ArrayList<>();
        List<String[]> errors = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            JsonNode item = items.get(i);
            JsonNode result = item.elements().hasNext() ? item.elements().next() : JSON.createObjectNode();
            int status = result.path("status").asInt(500);
            if (status >= 200 && status <= 299) {
                continue;
            }
            still.add(post.pending.get(i));
            JsonNode error = result.path("error");
            errors.add(new String[] {Integer.toString(status), error.isMissingNode() ? "" : error.isTextual()
                    ? error.asText() : error.toString()});
        }
        post.pending = still;
        post.errors = errors;
    }

    private static void attemptSplunk(DocumentPost post, OutboundHttp http) {
        OutboundHttp.Response response;
        try {
            response = http.post(post.url, post.headers, splunkBody(post.pending), TIMEOUT);
        } catch (DeliveryFailure e) {
            failAll(post, "Splunk.ConnectionClosed", e.getMessage());
            return;
        }
        String body = response.body() == null ? "" : new String(response.body(), StandardCharsets.UTF_8);
        JsonNode answer;
        try {
            answer = JSON.readTree(body);
        } catch (java.io.IOException e) {
            answer = null;
        }
        int code = answer == null ? -1 : answer.path("code").asInt(-1);
        if (response.status() == 200 && (code == 0 || code == -1 && answer != null
                && "Success".equals(answer.path("text").asText()))) {
            if (answer.hasNonNull("ackId") && !awaitAck(post, http, answer.get("ackId"))) {
                failAll(post, "Splunk.AckTimeout", "Did not receive an acknowledgement from HEC before the HEC "
                        + "acknowledgement timeout expired. Despite the acknowledgement timeout, it's possible the "
                        + "data was indexed successfully in Splunk.");
                return;
            }
            post.pending = new ArrayList<>();
            post.errors = new ArrayList<>();
            return;
        }
        String errorCode = switch (code) {
            case 1 -> "Splunk.DisabledToken";
            case 2, 3, 4 -> "Splunk.InvalidToken";
            case 5, 6, 12 -> "Splunk.InvalidDataFormat";
            case 7 -> "Splunk.InvalidIndex";
            default -> "Splunk.ServerError";
        };
        failAll(post, errorCode, "The Splunk HEC answered " + response.status() + ": " + abbreviate(body));
    }

    /**
     * Polls HEC's {@code /services/collector/ack} (on the same channel) for this ackId, once a second, until it is
     * acknowledged (true) or HECAcknowledgmentTimeoutInSeconds has passed (false). Real time: the wait is HEC's.
     */
    private static boolean awaitAck(DocumentPost post, OutboundHttp http, JsonNode ackId) {
        URI ackUrl = post.url.resolve("ack");
        Map<String, String> headers = new LinkedHashMap<>(post.headers);
        headers.put("Content-Type", "application/json");
        byte[] body = JSON.createObjectNode().set("acks", JSON.createArrayNode().add(ackId))
                .toString().getBytes(StandardCharsets.UTF_8);
        long deadline = System.nanoTime() + post.ackTimeoutMillis * 1_000_000;
        while (true) {
            try {
                OutboundHttp.Response response = http.post(ackUrl, headers, body, TIMEOUT);
                if (response.status() == 200 && response.body() != null
                        && JSON.readTree(response.body()).path("acks").path(ackId.asText()).asBoolean(false)) {
                    return true;
                }
            } catch (DeliveryFailure | java.io.IOException e) {
                // not acknowledged yet: ask again until the timeout
            }
            if (System.nanoTime() >= deadline) {
                return false;
            }
            try {
                Thread.sleep(Math.min(1000, Math.max(1, (deadline - System.nanoTime()) / 1_000_000)));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
    }

    /** The pending documents as AWS's error records, one JSON line each, under the error output prefix. */
    private static Outputs.S3Object errorObject(DocumentPost post, long now) {
        String type = post.splunk ? "splunk-failed" : "elasticsearch-failed";
        ZoneId zone = ObjectKeys.zone(Destinations.text(post.s3, "CustomTimeZone"));
        Instant oldest = Outputs.oldest(post.pending.stream().map(Document::source).toList());
        String prefix = ObjectKeys.evaluateError(Destinations.text(post.s3, "Prefix"),
                Destinations.text(post.s3, "ErrorOutputPrefix"), type, oldest, zone, ObjectKeys::randomString);
        ByteArrayOutputStream lines = new ByteArrayOutputStream();
        for (int i = 0; i < post.pending.size(); i++) {
            Document d = post.pending.get(i);
            String[] error = i < post.errors.size() ? post.errors.get(i) : new String[] {"", ""};
            ObjectNode line = JSON.createObjectNode().put("attemptsMade", post.attempts)
                    .put("arrivalTimestamp", d.source().arrivalMillis()).put("errorCode", error[0])
                    .put("errorMessage", error[1]).put("attemptEndingTimestamp", now)
                    .put("rawData", Base64.getEncoder().encodeToString(d.data()));
            if (post.splunk) {
                line.put("EventId", d.id());
            } else {
                line.put("subsequenceNumber", 0).put("esDocumentId", d.id()).put("esIndexName", d.index())
                        .put("esTypeName", d.type());
            }
            lines.writeBytes(line.toString().getBytes(StandardCharsets.UTF_8));
            lines.write('\n');
        }
        String key = ObjectKeys.objectKey(prefix, post.stream.name(), post.stream.version(), oldest, zone,
                UUID.randomUUID(), "");
        return new Outputs.S3Object(Destinations.text(post.s3, "BucketARN"), key, lines.toByteArray());
    }

    private static String abbreviate(String body) {
        return body.length() <= 1000 ? body : body.substring(0, 1000) + "…";
    }
}
