package io.wharf.firehose.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wharf.firehose.DeliveryFailure;
import io.wharf.firehose.FirehoseSettings;
import io.wharf.firehose.OutboundHttp;
import io.wharf.protocol.AwsException;
import io.wharf.protocol.crypto.DataKeys;
import io.wharf.storage.MemoryStore;
import io.wharf.testing.ManualClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import static io.wharf.firehose.engine.FirehoseEngineTest.ACCOUNT;
import static io.wharf.firehose.engine.FirehoseEngineTest.REGION;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The OpenSearch/Elasticsearch and Splunk destinations through a fake OutboundHttp. */
class DocumentsDeliveryTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final long START = FirehoseEngineTest.START; // 2018-08-27T10:30Z

    final ManualClock clock = new ManualClock(START);
    final FirehoseEngineTest.Sink sink = new FirehoseEngineTest.Sink();
    final List<Call> calls = new ArrayList<>();
    Function<Call, OutboundHttp.Response> answer = c -> new OutboundHttp.Response(500, new byte[0], null);
    FirehoseEngine engine;
    final MemoryStore store = new MemoryStore();

    record Call(URI url, Map<String, String> headers, byte[] body) {
        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    @AfterEach
    void close() {
        if (engine != null) {
            engine.close();
        }
    }

    void engine() {
        OutboundHttp http = (url, headers, body, timeout) -> {
            Call call = new Call(url, headers, body);
            calls.add(call);
            OutboundHttp.Response response = answer.apply(call);
            if (response == null) {
                throw new DeliveryFailure("HttpEndpoint.ConnectionFailed", "refused");
            }
            return response;
        };
        engine = new FirehoseEngine(store, clock, new FirehoseSettings(0, 5000, Map.of()),
                DataKeys.NONE, sink, http, false);
    }

    void create(String name, String member, ObjectNode destination) {
        engine.create(new FirehoseEngine.CreateCommand(name, ACCOUNT, REGION, null, null, null, member, destination,
                null, null, Map.of()));
    }

    void put(String name, String... records) {
        List<byte[]> data = new ArrayList<>();
        for (String r : records) {
            data.add(r.getBytes(StandardCharsets.UTF_8));
        }
        engine.put(name, ACCOUNT, REGION, data);
    }

    static ObjectNode openSearch(String endpoint, String backupMode) {
        ObjectNode d = JSON.createObjectNode().put("RoleARN", "arn:aws:iam::000000000000:role/r")
                .put("IndexName", "logs").put("S3BackupMode", backupMode);
        if (endpoint != null) {
            d.put("ClusterEndpoint", endpoint);
        }
        d.putObject("BufferingHints").put("SizeInMBs", 1).put("IntervalInSeconds", 0);
        d.putObject("RetryOptions").put("DurationInSeconds", 10);
        d.putObject("S3Configuration").put("RoleARN", "arn:aws:iam::000000000000:role/r")
                .put("BucketARN", "arn:aws:s3:::backup").put("Prefix", "os/")
                .put("ErrorOutputPrefix", "err/!{firehose:error-output-type}/");
        return d;
    }

    static OutboundHttp.Response json(int status, JsonNode body) {
        return new OutboundHttp.Response(status, body.toString().getBytes(StandardCharsets.UTF_8),
                "application/json");
    }

    /** A bulk answer where the documents whose line contains {@code bad} fail with a mapping error. */
    static OutboundHttp.Response bulkAnswer(Call call) {
        ObjectNode answer = JSON.createObjectNode().put("took", 1);
        ArrayNode items = answer.putArray("items");
        boolean errors = false;
        List<String> lines = call.text().lines().toList();
        for (int i = 1; i < lines.size(); i += 2) {
            ObjectNode index = items.addObject().putObject("index");
            if (lines.get(i).contains("bad")) {
                errors = true;
                index.put("status", 400).putObject("error").put("type", "mapper_parsing_exception")
                        .put("reason", "failed to parse");
            } else {
                index.put("status", 201).put("result", "created");
            }
        }
        answer.put("errors", errors);
        return json(200, answer);
    }

    @Test
    void indexRotationSuffixesAreAwsOnes() {
        Instant t = Instant.parse("2026-12-03T09:41:00Z");
        assertThat(Documents.indexSuffix("NoRotation", t)).isEmpty();
        assertThat(Documents.indexSuffix("OneHour", t)).isEqualTo("-2026-12-03-09");
        assertThat(Documents.indexSuffix("OneDay", t)).isEqualTo("-2026-12-03");
        assertThat(Documents.indexSuffix("OneWeek", t)).isEqualTo("-2026-w49");
        assertThat(Documents.indexSuffix("OneMonth", t)).isEqualTo("-2026-12");
        // US weeks (Sunday first; week 1 holds the year's first Saturday): 2026-01-03 is a Saturday, 01-04 a Sunday
        assertThat(Documents.indexSuffix("OneWeek", Instant.parse("2026-01-03T23:59:59Z"))).isEqualTo("-2026-w01");
        assertThat(Documents.indexSuffix("OneWeek", Instant.parse("2026-01-04T00:00:00Z"))).isEqualTo("-2026-w02");
        // 2026-12-31 (a Thursday) is in the week of Saturday 2027-01-02: 2027's week 1
        assertThat(Documents.indexSuffix("OneWeek", Instant.parse("2026-12-31T12:00:00Z"))).isEqualTo("-2027-w01");
    }

    @Test
    void openSearchBulkRetriesTheFailedItemsOnlyThenWritesThemToTheErrorPrefix() throws IOException {
        engine();
        create("os", "AmazonopensearchserviceDestinationConfiguration",
                openSearch("https://search.example/base/", "FailedDocumentsOnly"));
        answer = DocumentsDeliveryTest::bulkAnswer;
        put("os", "{\"n\":1}\n", "{\"bad\":2}", "{\"n\":3}");
        assertThat(engine.deliverDue()).isZero(); // one document left to retry
        Call first = calls.get(0);
        assertThat(first.url()).isEqualTo(URI.create("https://search.example/base/_bulk"));
        assertThat(first.headers()).containsEntry("Content-Type", "application/x-ndjson");
        List<String> lines = first.text().lines().toList();
        assertThat(lines).hasSize(6);
        JsonNode action = JSON.readTree(lines.get(0)).path("index");
        assertThat(action.path("_index").asText()).isEqualTo("logs-2018-08-27"); // OneDay is the default
        assertThat(action.has("_type")).isFalse();
        assertThat(lines.get(1)).isEqualTo("{\"n\":1}"); // one line per document
        String badId = JSON.readTree(lines.get(2)).path("index").path("_id").asText();
        assertThat(badId).isNotEmpty().isNotEqualTo(action.path("_id").asText());
        assertThat(first.text()).endsWith("{\"n\":3}\n");

        clock.advanceSeconds(4);
        assertThat(engine.deliverDue()).isZero();
        Call second = calls.get(1);
        assertThat(second.text().lines().toList()).hasSize(2).element(1).isEqualTo("{\"bad\":2}");
        assertThat(JSON.readTree(second.text().lines().findFirst().orElseThrow()).path("index").path("_id").asText())
                .isEqualTo(badId); // the same ID on a retry
        assertThat(sink.objects).isEmpty();

        clock.advanceSeconds(10);
        assertThat(engine.deliverDue()).isEqualTo(1);
        assertThat(calls).hasSize(2); // none after the duration
        assertThat(sink.objects).hasSize(1);
        String key = sink.objects.keySet().iterator().next();
        assertThat(key).startsWith("err/elasticsearch-failed/2018/08/27/10/os-1-");
        JsonNode record = JSON.readTree(sink.objects.get(key));
        assertThat(record.path("errorCode").asText()).isEqualTo("400");
        assertThat(record.path("errorMessage").asText()).contains("mapper_parsing_exception");
        assertThat(record.path("attemptsMade").asInt()).isEqualTo(2);
        assertThat(record.path("esDocumentId").asText()).isEqualTo(badId);
        assertThat(record.path("esIndexName").asText()).isEqualTo("logs-2018-08-27");
        assertThat(new String(Base64.getDecoder().decode(record.path("rawData").asText()), StandardCharsets.UTF_8))
                .isEqualTo("{\"bad\":2}");
    }

    @Test
    void elasticsearchTypeNameRotationAndAllDocumentsBackup() throws IOException {
        engine();
        ObjectNode d = openSearch("http://es.example:9200", "AllDocuments").put("TypeName", "doc")
                .put("IndexRotationPeriod", "OneHour");
        create("es", "ElasticsearchDestinationConfiguration", d);
        answer = DocumentsDeliveryTest::bulkAnswer;
        put("es", "{\"a\":1}", "{\"a\":2}");
        assertThat(engine.deliverDue()).isEqualTo(1);
        assertThat(calls.get(0).url()).isEqualTo(URI.create("http://es.example:9200/_bulk"));
        JsonNode action = JSON.readTree(calls.get(0).text().lines().findFirst().orElseThrow()).path("index");
        assertThat(action.path("_index").asText()).isEqualTo("logs-2018-08-27-10");
        assertThat(action.path("_type").asText()).isEqualTo("doc");
        assertThat(sink.objects).hasSize(1);
        assertThat(sink.objects.keySet().iterator().next()).startsWith("os/2018/08/27/10/es-1-");
        assertThat(sink.objects.values().iterator().next()).isEqualTo("{\"a\":1}{\"a\":2}");
    }

    @Test
    void aWholeRequestFailureIsRetriedAndServerlessSendsNoIds() throws IOException {
        engine();
        ObjectNode d = openSearch(null, "FailedDocumentsOnly").put("CollectionEndpoint", "https://c.example");
        create("sl", "AmazonOpenSearchServerlessDestinationConfiguration", d);
        answer = c -> null; // unreachable
        put("sl", "{\"x\":1}");
        assertThat(engine.deliverDue()).isZero();
        answer = DocumentsDeliveryTest::bulkAnswer;
        clock.advanceSeconds(2);
        assertThat(engine.deliverDue()).isEqualTo(1);
        assertThat(calls).hasSize(2);
        JsonNode action = JSON.readTree(calls.get(1).text().lines().findFirst().orElseThrow()).path("index");
        assertThat(action.path("_index").asText()).isEqualTo("logs");
        assertThat(action.has("_id")).isFalse();
        assertThat(sink.objects).isEmpty();
    }

    @Test
    void aRestartSendsTheDocumentsAnotherAttemptHadLeft() throws IOException {
        engine();
        create("rs", "AmazonopensearchserviceDestinationConfiguration",
                openSearch("https://search.example", "FailedDocumentsOnly"));
        answer = DocumentsDeliveryTest::bulkAnswer;
        put("rs", "{\"n\":1}", "{\"bad\":2}");
        assertThat(engine.deliverDue()).isZero(); // the bad one is left, its batch's records still in the store
        engine.close();
        engine();
        answer = c -> bulkAnswer(new Call(c.url(), c.headers(), c.text().replace("bad", "good")
                .getBytes(StandardCharsets.UTF_8)));
        clock.advanceSeconds(2);
        assertThat(engine.deliverDue()).isEqualTo(1);
        List<String> again = calls.get(1).text().lines().toList();
        assertThat(again).hasSize(4).element(3).isEqualTo("{\"bad\":2}"); // at least once: the whole batch again
        assertThat(again.get(0)).isEqualTo(calls.get(0).text().lines().findFirst().orElseThrow()); // same _id
        clock.advanceSeconds(60);
        assertThat(engine.deliverDue()).isZero(); // delivered: nothing left
        assertThat(calls).hasSize(2);
        assertThat(sink.objects).isEmpty();
    }

    @Test
    void aDomainArnWithoutClusterEndpointIsRefusedAtCreate() {
        engine();
        ObjectNode d = openSearch(null, "FailedDocumentsOnly")
                .put("DomainARN", "arn:aws:es:us-east-1:000000000000:domain/d");
        assertThatThrownBy(() -> create("d", "AmazonopensearchserviceDestinationConfiguration", d))
                .isInstanceOfSatisfying(AwsException.class, e -> {
                    assertThat(e.code()).isEqualTo("InvalidArgumentException");
                    assertThat(e.getMessage()).contains("ClusterEndpoint is required");
                });
        ObjectNode bad = openSearch("not a url", "FailedDocumentsOnly");
        assertThatThrownBy(() -> create("d", "AmazonopensearchserviceDestinationConfiguration", bad))
                .isInstanceOfSatisfying(AwsException.class, e ->
                        assertThat(e.getMessage()).contains("must be an http or https URL"));
    }

    static ObjectNode splunk(String type, String backupMode) {
        ObjectNode d = JSON.createObjectNode().put("HECEndpoint", "https://splunk.example:8088")
                .put("HECEndpointType", type).put("HECToken", "tok-1").put("S3BackupMode", backupMode);
        d.putObject("BufferingHints").put("SizeInMBs", 1).put("IntervalInSeconds", 0);
        d.putObject("RetryOptions").put("DurationInSeconds", 10);
        d.putObject("S3Configuration").put("RoleARN", "arn:aws:iam::000000000000:role/r")
                .put("BucketARN", "arn:aws:s3:::backup").put("Prefix", "sp/");
        return d;
    }

    @Test
    void splunkEventEndpointGetsTheEventsWithTheToken() {
        engine();
        create("sp", "SplunkDestinationConfiguration", splunk("Event", "AllEvents"));
        answer = c -> json(200, JSON.createObjectNode().put("text", "Success").put("code", 0));
        put("sp", "{\"event\":\"a\"}", "{\"event\":\"b\"}");
        assertThat(engine.deliverDue()).isEqualTo(1);
        Call call = calls.get(0);
        assertThat(call.url()).isEqualTo(URI.create("https://splunk.example:8088/services/collector/event"));
        assertThat(call.headers()).containsEntry("Authorization", "Splunk tok-1")
                .containsKey("X-Splunk-Request-Channel");
        assertThat(call.text()).isEqualTo("{\"event\":\"a\"}{\"event\":\"b\"}");
        assertThat(sink.objects).hasSize(1); // AllEvents
        assertThat(sink.objects.keySet().iterator().next()).startsWith("sp/2018/08/27/10/sp-1-");
    }

    @Test
    void splunkPollsTheAckEndpointOnTheSameChannelUntilTheEventsAreAcknowledged() throws IOException {
        engine();
        create("ack", "SplunkDestinationConfiguration", splunk("Event", "FailedEventsOnly"));
        int[] polls = {0};
        answer = c -> {
            if (c.url().getPath().equals("/services/collector/ack")) {
                // not yet on the first poll, acknowledged on the second
                return json(200, JSON.createObjectNode().set("acks", JSON.createObjectNode()
                        .put("7", ++polls[0] > 1)));
            }
            return json(200, JSON.createObjectNode().put("text", "Success").put("code", 0).put("ackId", 7));
        };
        put("ack", "{\"event\":\"e\"}");
        assertThat(engine.deliverDue()).isEqualTo(1);
        assertThat(calls).hasSize(3);
        Call poll = calls.get(1);
        assertThat(poll.url()).isEqualTo(URI.create("https://splunk.example:8088/services/collector/ack"));
        assertThat(JSON.readTree(poll.body())).isEqualTo(JSON.readTree("{\"acks\":[7]}"));
        assertThat(poll.headers().get("X-Splunk-Request-Channel"))
                .isEqualTo(calls.get(0).headers().get("X-Splunk-Request-Channel"));
        assertThat(poll.headers()).containsEntry("Authorization", "Splunk tok-1");
        assertThat(sink.objects).isEmpty();
    }

    @Test
    void anAckThatNeverComesIsAnAckTimeoutAndTheEventsAreSentAgain() throws IOException {
        engine();
        // the model's minimum is 180 s; the engine takes 0 here so the timeout passes at the first unanswered poll
        create("noack", "SplunkDestinationConfiguration", splunk("Event", "FailedEventsOnly")
                .put("HECAcknowledgmentTimeoutInSeconds", 0));
        answer = c -> c.url().getPath().endsWith("/ack")
                ? json(200, JSON.createObjectNode().set("acks", JSON.createObjectNode().put("3", false)))
                : json(200, JSON.createObjectNode().put("text", "Success").put("code", 0).put("ackId", 3));
        put("noack", "{\"event\":\"e\"}");
        assertThat(engine.deliverDue()).isZero();
        assertThat(calls).hasSize(2);
        clock.advanceSeconds(4);
        assertThat(engine.deliverDue()).isZero();
        assertThat(calls.get(2).url().getPath()).isEqualTo("/services/collector/event"); // sent again
        clock.advanceSeconds(10);
        assertThat(engine.deliverDue()).isEqualTo(1);
        JsonNode record = JSON.readTree(sink.objects.values().iterator().next());
        assertThat(record.path("errorCode").asText()).isEqualTo("Splunk.AckTimeout");
        assertThat(record.path("attemptsMade").asInt()).isEqualTo(2);
    }

    @Test
    void splunkRawFailuresAreRetriedThenWrittenAsSplunkFailed() throws IOException {
        engine();
        create("raw", "SplunkDestinationConfiguration", splunk("Raw", "FailedEventsOnly"));
        answer = c -> json(403, JSON.createObjectNode().put("text", "Invalid token").put("code", 4));
        put("raw", "line 1\n");
        assertThat(engine.deliverDue()).isZero();
        assertThat(calls.get(0).url().getPath()).isEqualTo("/services/collector/raw");
        clock.advanceSeconds(4);
        assertThat(engine.deliverDue()).isZero();
        assertThat(calls).hasSize(2);
        clock.advanceSeconds(10);
        assertThat(engine.deliverDue()).isEqualTo(1);
        String key = sink.objects.keySet().iterator().next();
        assertThat(key).startsWith("sp/splunk-failed/2018/08/27/10/raw-1-");
        JsonNode record = JSON.readTree(sink.objects.get(key));
        assertThat(record.path("errorCode").asText()).isEqualTo("Splunk.InvalidToken");
        assertThat(record.path("errorMessage").asText()).contains("403");
        assertThat(record.path("EventId").asText()).isNotEmpty();
        assertThat(new String(Base64.getDecoder().decode(record.path("rawData").asText()), StandardCharsets.UTF_8))
                .isEqualTo("line 1\n");
    }
}
