package io.wharf.it.input;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.cbor.CBORFactory;
import io.wharf.testkit.Clients;
import io.wharf.testkit.RawHttp;
import io.wharf.testkit.WharfServerExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The input limits of docs/compatibility.md on the wire: bodies the SDK would never send (too many form parameters,
 * too many JSON/CBOR elements, numbers no value of the member's type holds) get AWS-shaped 400s, never a 500.
 */
class InputLimitsIT {
    @RegisterExtension
    static final WharfServerExtension WHARF = WharfServerExtension.builder()
            .configure(c -> c.kinesisTransitionMillis(0)).build();

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ObjectMapper CBOR = new ObjectMapper(new CBORFactory());
    private static final String KINESIS_JSON = "application/x-amz-json-1.1";
    private static final String KINESIS_CBOR = "application/x-amz-cbor-1.1";

    private static String formPairs(int count) {
        StringBuilder body = new StringBuilder("Action=ListQueues&Version=2012-11-05");
        for (int i = 2; i < count; i++) {
            body.append("&p").append(i).append("=v");
        }
        return body.toString();
    }

    @Test
    void aFormBodyWithMoreThanTenThousandParametersIsMalformedQueryString() {
        RawHttp raw = WHARF.raw();
        RawHttp.Response fits = raw.post("/", RawHttp.FORM, formPairs(10_000).getBytes(StandardCharsets.UTF_8), Map.of());
        assertThat(fits.status()).as(fits.bodyText()).isEqualTo(200);

        for (int count : new int[] {10_001, 1_000_000}) {
            RawHttp.Response refused = raw.post("/", RawHttp.FORM,
                    formPairs(count).getBytes(StandardCharsets.UTF_8), Map.of());
            assertThat(refused.status()).isEqualTo(400);
            assertThat(refused.bodyText())
                    .contains("<Type>Sender</Type>")
                    .contains("<Code>MalformedQueryString</Code>")
                    .contains("<Message>The request has more than 10000 parameters.</Message>");
        }
    }

    @Test
    void aSnsFormBodyOverTheCapIsRefusedInSnsXml() {
        String body = formPairs(20_000).replace("Version=2012-11-05", "Version=2010-03-31")
                .replace("ListQueues", "ListTopics");
        RawHttp.Response refused = WHARF.raw().post("/", RawHttp.FORM, body.getBytes(StandardCharsets.UTF_8), Map.of());
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.bodyText()).contains("<Code>MalformedQueryString</Code>")
                .contains("http://sns.amazonaws.com/doc/2010-03-31/");
    }

    private RawHttp.Response kinesis(String operation, String contentType, byte[] body) {
        return WHARF.raw().post("/", contentType, body, Map.of("X-Amz-Target", "Kinesis_20131202." + operation));
    }

    private static void serializationException(RawHttp.Response response, ObjectMapper mapper) throws Exception {
        assertThat(response.status()).isEqualTo(400);
        JsonNode error = mapper.readTree(response.body());
        assertThat(error.path("__type").asText()).as(error.toString()).isEqualTo("SerializationException");
    }

    @Test
    void jsonAndCborDocumentsWithTooManyElementsAreSerializationExceptions() throws Exception {
        ObjectNode list = JSON.createObjectNode();
        var array = list.putArray("Records");
        for (int i = 0; i < 100_001; i++) {
            array.add(0);
        }
        serializationException(kinesis("PutRecords", KINESIS_JSON, JSON.writeValueAsBytes(list)), JSON);
        serializationException(kinesis("PutRecords", KINESIS_CBOR, CBOR.writeValueAsBytes(list)), CBOR);
    }

    @Test
    void timestampsAndNumbersNoTypeHoldsAreSerializationExceptionsOverJsonAndCbor() throws Exception {
        KinesisClient kinesis = Clients.kinesis(WHARF.endpoint());
        String stream = "numbers-" + System.nanoTime();
        kinesis.createStream(r -> r.streamName(stream).shardCount(1));
        kinesis.waiter().waitUntilStreamExists(r -> r.streamName(stream));
        String shard = "shardId-000000000000";
        String prefix = "{\"StreamName\":\"" + stream + "\",\"ShardId\":\"" + shard
                + "\",\"ShardIteratorType\":\"AT_TIMESTAMP\",\"Timestamp\":";
        for (String timestamp : new String[] {"1e999", "-1e999", "1e300", "\"1e300\""}) {
            serializationException(kinesis("GetShardIterator", KINESIS_JSON,
                    (prefix + timestamp + "}").getBytes(StandardCharsets.UTF_8)), JSON);
        }
        for (double value : new double[] {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY}) {
            ObjectNode request = CBOR.createObjectNode().put("StreamName", stream).put("ShardId", shard)
                    .put("ShardIteratorType", "AT_TIMESTAMP").put("Timestamp", value);
            serializationException(kinesis("GetShardIterator", KINESIS_CBOR, CBOR.writeValueAsBytes(request)), CBOR);
            ObjectNode limit = CBOR.createObjectNode().put("StreamName", stream).put("Limit", value);
            serializationException(kinesis("DescribeStream", KINESIS_CBOR, CBOR.writeValueAsBytes(limit)), CBOR);
        }
        serializationException(kinesis("DescribeStream", KINESIS_JSON,
                ("{\"StreamName\":\"" + stream + "\",\"Limit\":1e999}").getBytes(StandardCharsets.UTF_8)), JSON);
        serializationException(kinesis("DescribeStream", KINESIS_JSON,
                ("{\"StreamName\":\"" + stream + "\",\"Limit\":99999999999999999999}")
                        .getBytes(StandardCharsets.UTF_8)), JSON);
        // a real timestamp through the SDK still works
        assertThat(kinesis.getShardIterator(r -> r.streamName(stream).shardId(shard)
                .shardIteratorType(ShardIteratorType.AT_TIMESTAMP).timestamp(Instant.now())).shardIterator())
                .isNotEmpty();
    }

    @Test
    void queryIntegersBeyondTheirTypeAreInvalidParameterValue() {
        String url = WHARF.sqs().createQueue(r -> r.queueName("numbers-" + System.nanoTime())).queueUrl();
        RawHttp.Response response = WHARF.raw().postForm("/", Map.of("Action", "SendMessage",
                "Version", "2012-11-05", "QueueUrl", url, "MessageBody", "b",
                "DelaySeconds", "9".repeat(40)), Map.of());
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.bodyText()).contains("<Code>InvalidParameterValue</Code>");
        RawHttp.Response sns = WHARF.raw().postForm("/", Map.of("Action", "ListTopics",
                "Version", "2010-03-31", "NextToken", "x"), Map.of());
        assertThat(sns.status()).isLessThan(500);
    }
}
