package io.wharf.kinesis.operations;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.cbor.CBORFactory;
import io.wharf.kinesis.KinesisService;
import io.wharf.kinesis.KinesisSettings;
import io.wharf.protocol.GatewaySettings;
import io.wharf.protocol.ServiceGateway;
import io.wharf.protocol.model.OperationModel;
import io.wharf.protocol.wire.WireRequest;
import io.wharf.protocol.wire.WireResponse;
import io.wharf.storage.MemoryStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The service as the gateway sees it: every operation implemented, both encodings, AWS's error forms. */
class KinesisServiceTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ObjectMapper CBOR = new ObjectMapper(new CBORFactory());

    private final KinesisService kinesis = KinesisService.create(new MemoryStore(), Clock.systemUTC(),
            KinesisSettings.defaults().withTransitionMillis(0),
            io.wharf.storage.crypto.MasterKey.ephemeral());
    private final ServiceGateway gateway = new ServiceGateway(List.of(kinesis),
            new GatewaySettings("000000000000", "us-east-1", null));

    @AfterEach
    void close() {
        kinesis.close();
    }

    @Test
    void everyOperationOfTheModelIsImplemented() {
        assertThat(kinesis.operations().keySet()).containsExactlyInAnyOrderElementsOf(
                kinesis.model().operations().stream().map(OperationModel::name).toList());
        assertThat(kinesis.operations()).hasSize(39);
    }

    private WireResponse call(String operation, String contentType, byte[] body) {
        return gateway.handle(new WireRequest("POST", "/", Map.of(), Map.of("content-type", contentType,
                "x-amz-target", "Kinesis_20131202." + operation), body));
    }

    private JsonNode json(String operation, String body) throws Exception {
        WireResponse r = call(operation, "application/x-amz-json-1.1", body.getBytes(StandardCharsets.UTF_8));
        assertThat(r.headers().get("Content-Type")).isEqualTo("application/x-amz-json-1.1");
        return JSON.readTree(r.body().length == 0 ? "{}".getBytes(StandardCharsets.UTF_8) : r.body());
    }

    @Test
    void jsonAndCborCarryTheSameRecord() throws Exception {
        json("CreateStream", "{\"StreamName\":\"s\",\"ShardCount\":1}");
        JsonNode put = json("PutRecord", "{\"StreamName\":\"s\",\"Data\":\"AQID\",\"PartitionKey\":\"k\"}");
        assertThat(put.get("SequenceNumber").asText()).hasSize(56);

        byte[] request = CBOR.writeValueAsBytes(Map.of("StreamName", "s", "ShardId", "shardId-000000000000",
                "ShardIteratorType", "TRIM_HORIZON"));
        WireResponse iterator = call("GetShardIterator", "application/x-amz-cbor-1.1", request);
        assertThat(iterator.headers().get("Content-Type")).isEqualTo("application/x-amz-cbor-1.1");
        String shardIterator = CBOR.readTree(iterator.body()).get("ShardIterator").asText();

        WireResponse records = call("GetRecords", "application/x-amz-cbor-1.1",
                CBOR.writeValueAsBytes(Map.of("ShardIterator", shardIterator)));
        JsonNode record = CBOR.readTree(records.body()).get("Records").get(0);
        assertThat(record.get("Data").isBinary()).isTrue();
        assertThat(record.get("Data").binaryValue()).containsExactly(1, 2, 3);
        assertThat(record.get("ApproximateArrivalTimestamp").isIntegralNumber()).isTrue();
        assertThat(record.get("ApproximateArrivalTimestamp").asLong()).isGreaterThan(1_600_000_000_000L);

        JsonNode viaJson = json("GetRecords", "{\"ShardIterator\":\"" + shardIterator + "\"}").get("Records").get(0);
        assertThat(viaJson.get("Data").asText()).isEqualTo("AQID");
        assertThat(viaJson.get("ApproximateArrivalTimestamp").decimalValue().movePointRight(3).longValue())
                .isEqualTo(record.get("ApproximateArrivalTimestamp").asLong());
    }

    @Test
    void errorsInBothEncodings() throws Exception {
        JsonNode notFound = json("DescribeStream", "{\"StreamName\":\"missing\"}");
        assertThat(notFound.get("__type").asText()).isEqualTo("ResourceNotFoundException");
        assertThat(notFound.get("message").asText()).isEqualTo("Stream missing under account 000000000000 not found.");

        WireResponse invalid = call("CreateStream", "application/x-amz-cbor-1.1",
                CBOR.writeValueAsBytes(Map.of("StreamName", "bad name!", "ShardCount", 1)));
        assertThat(invalid.status()).isEqualTo(400);
        assertThat(invalid.headers().get("Content-Type")).isEqualTo("application/x-amz-cbor-1.1");
        JsonNode error = CBOR.readTree(invalid.body());
        assertThat(error.get("__type").asText()).isEqualTo("ValidationException");
        assertThat(error.get("message").asText()).isEqualTo("1 validation error detected: Value 'bad name!' at "
                + "'streamName' failed to satisfy constraint: Member must satisfy regular expression pattern: "
                + "[a-zA-Z0-9_.-]+");

        JsonNode two = json("CreateStream", "{\"StreamName\":\"bad name!\",\"ShardCount\":0}");
        assertThat(two.get("message").asText()).isEqualTo("2 validation errors detected: Value 'bad name!' at "
                + "'streamName' failed to satisfy constraint: Member must satisfy regular expression pattern: "
                + "[a-zA-Z0-9_.-]+; Value '0' at 'shardCount' failed to satisfy constraint: Member must have value "
                + "greater than or equal to 1");

        JsonNode missing = json("PutRecords", "{\"StreamName\":\"s\",\"Records\":[{\"Data\":\"AA==\"}]}");
        assertThat(missing.get("message").asText()).isEqualTo("1 validation error detected: Value null at "
                + "'records.1.member.partitionKey' failed to satisfy constraint: Member must not be null");
    }

    @Test
    void subscribeToShardStreamsAnInitialResponseThenEvents() throws Exception {
        json("CreateStream", "{\"StreamName\":\"s\",\"ShardCount\":1}");
        JsonNode consumer = json("RegisterStreamConsumer", "{\"StreamARN\":\"arn:aws:kinesis:us-east-1:000000000000:"
                + "stream/s\",\"ConsumerName\":\"c\"}").get("Consumer");
        String request = "{\"ConsumerARN\":\"" + consumer.get("ConsumerARN").asText()
                + "\",\"ShardId\":\"shardId-000000000000\",\"StartingPosition\":{\"Type\":\"TRIM_HORIZON\"}}";
        json("PutRecord", "{\"StreamName\":\"s\",\"PartitionKey\":\"k\",\"Data\":\"aGk=\"}");

        WireResponse r = call("SubscribeToShard", "application/x-amz-json-1.1", request.getBytes(StandardCharsets.UTF_8));
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.headers().get("Content-Type")).isEqualTo("application/vnd.amazon.eventstream");
        java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream();
        int[] writes = {0};
        r.stream().writeTo(new WireResponse.Sink() {
            @Override
            public void write(byte[] chunk) {
                body.writeBytes(chunk);
                writes[0]++;
            }

            @Override
            public boolean open() {
                return writes[0] < 2; // the initial response and one event, then the client "leaves"
            }
        });
        java.nio.ByteBuffer frames = java.nio.ByteBuffer.wrap(body.toByteArray());
        var initial = io.wharf.protocol.eventstream.EventStreamMessage.decode(frames);
        assertThat(initial.headers()).containsEntry(":event-type", "initial-response")
                .containsEntry(":message-type", "event");
        var event = io.wharf.protocol.eventstream.EventStreamMessage.decode(frames);
        assertThat(event.headers()).containsEntry(":event-type", "SubscribeToShardEvent");
        JsonNode payload = JSON.readTree(event.payload());
        assertThat(payload.get("Records").get(0).get("Data").asText()).isEqualTo("aGk=");
        assertThat(payload.get("ContinuationSequenceNumber").asText())
                .isEqualTo(payload.get("Records").get(0).get("SequenceNumber").asText());
    }

    @Test
    void subscribeToShardChecksBeforeStreaming() throws Exception {
        json("CreateStream", "{\"StreamName\":\"s\",\"ShardCount\":1}");
        JsonNode consumer = json("RegisterStreamConsumer", "{\"StreamARN\":\"arn:aws:kinesis:us-east-1:000000000000:"
                + "stream/s\",\"ConsumerName\":\"c\"}").get("Consumer");
        String arn = consumer.get("ConsumerARN").asText();
        WireResponse missing = call("SubscribeToShard", "application/x-amz-json-1.1", ("{\"ConsumerARN\":\"" + arn
                + "\",\"ShardId\":\"shardId-000000000007\",\"StartingPosition\":{\"Type\":\"LATEST\"}}")
                .getBytes(StandardCharsets.UTF_8));
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.stream()).isNull();
        assertThat(JSON.readTree(missing.body()).get("__type").asText()).isEqualTo("ResourceNotFoundException");

        WireResponse streaming = call("SubscribeToShard", "application/x-amz-json-1.1", ("{\"ConsumerARN\":\"" + arn
                + "\",\"ShardId\":\"shardId-000000000000\",\"StartingPosition\":{\"Type\":\"LATEST\"}}")
                .getBytes(StandardCharsets.UTF_8));
        assertThat(streaming.status()).isEqualTo(200);
        assertThat(streaming.stream()).isNotNull();
        assertThat(streaming.headers().get("Content-Type")).isEqualTo("application/vnd.amazon.eventstream");
    }
}
