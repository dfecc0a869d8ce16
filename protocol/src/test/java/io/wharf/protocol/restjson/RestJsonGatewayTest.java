package io.wharf.protocol.restjson;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.wharf.protocol.Gateway;
import io.wharf.protocol.GatewaySettings;
import io.wharf.protocol.JdkHttpBridge;
import io.wharf.protocol.ServiceGateway;
import io.wharf.protocol.wire.WireResponse;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * REST-JSON requests the SDK would not send, straight to the gateway (signatures not verified here): routing misses,
 * bodies that are not JSON objects, members of the wrong type, and the answer to each — AWS's error shape, never a 500.
 */
class RestJsonGatewayTest {
    private static final String AUTH = "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20250101/us-east-1/mq/aws4_request, "
            + "SignedHeaders=host, Signature=abc";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final SdkMqClientTest.FakeMq mq = new SdkMqClientTest.FakeMq();
    private final Gateway gateway = new ServiceGateway(List.of(mq),
            new GatewaySettings("000000000000", "us-east-1", "localhost:4566"));

    private WireResponse call(String method, String uri, String body) throws Exception {
        return gateway.handle(JdkHttpBridge.request(method, uri, body.getBytes(StandardCharsets.UTF_8),
                "authorization", AUTH, "content-type", "application/json"));
    }

    private static JsonNode body(WireResponse response) throws Exception {
        return JSON.readTree(response.body());
    }

    @Test
    void aPathNoOperationHasIsUnknownAndAKnownPathUnderAnotherMethodIsNotAllowed() throws Exception {
        WireResponse unknown = call("GET", "/v1/nothing-here", "");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.headers()).containsEntry("x-amzn-ErrorType", "UnknownOperationException");
        assertThat(body(unknown).path("message").asText()).contains("GET /v1/nothing-here");

        WireResponse wrongMethod = call("PATCH", "/v1/brokers", "");
        assertThat(wrongMethod.status()).isEqualTo(405);
        assertThat(wrongMethod.headers()).containsEntry("x-amzn-ErrorType", "MethodNotAllowedException");
    }

    @Test
    void aBodyThatIsNotAJsonObjectIsRefusedAsMalformed() throws Exception {
        for (String bad : new String[] {"{\"brokerName\":", "[1,2]", "\"text\"", "{\"a\":1}}"}) {
            WireResponse response = call("POST", "/v1/brokers", bad);
            assertThat(response.status()).as(bad).isEqualTo(400);
            assertThat(response.headers()).as(bad).containsKey("x-amzn-ErrorType");
            assertThat(body(response).path("message").asText()).as(bad).isNotEmpty();
        }
    }

    @Test
    void aMemberOfTheWrongTypeIsAValidationErrorAndUnknownKeysAreIgnored() throws Exception {
        WireResponse wrongType = call("POST", "/v1/brokers", "{\"brokerName\":\"b\",\"engineType\":\"ACTIVEMQ\","
                + "\"hostInstanceType\":\"mq.t3.micro\",\"deploymentMode\":\"SINGLE_INSTANCE\","
                + "\"publiclyAccessible\":\"maybe\",\"users\":[]}");
        assertThat(wrongType.status()).isEqualTo(400);

        WireResponse fine = call("POST", "/v1/brokers", "{\"brokerName\":\"orders\",\"engineType\":\"ACTIVEMQ\","
                + "\"hostInstanceType\":\"mq.t3.micro\",\"deploymentMode\":\"SINGLE_INSTANCE\","
                + "\"publiclyAccessible\":false,\"users\":[],\"notAMember\":{\"x\":1},\"BrokerName\":\"ignored\"}");
        assertThat(fine.status()).isEqualTo(200);
        assertThat(fine.headers()).containsEntry("Content-Type", "application/json").containsKey("x-amzn-RequestId");
        assertThat(body(fine).path("brokerId").asText()).isEqualTo("b-orders");
        assertThat(mq.inputs.get("CreateBroker").string("BrokerName")).isEqualTo("orders");
        assertThat(mq.inputs.get("CreateBroker").tree().has("notAMember")).isFalse();
    }

    @Test
    void aNoContentAnswerHasNoBody() throws Exception {
        WireResponse response = call("POST", "/v1/tags/arn%3Aaws%3Amq%3Aus-east-1%3A000000000000%3Abroker%3Ao%3Ab-o",
                "{\"tags\":{\"k\":\"v\"}}");
        assertThat(response.status()).isEqualTo(204);
        assertThat(response.body()).isEmpty();
        assertThat(mq.inputs.get("CreateTags").string("ResourceArn"))
                .isEqualTo("arn:aws:mq:us-east-1:000000000000:broker:o:b-o");
        assertThat(mq.inputs.get("CreateTags").stringMap("Tags")).containsEntry("k", "v");
    }
}
