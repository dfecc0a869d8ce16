package io.wharf.protocol.restjson;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wharf.protocol.AwsException;
import io.wharf.protocol.AwsService;
import io.wharf.protocol.Input;
import io.wharf.protocol.JdkHttpBridge;
import io.wharf.protocol.Operation;
import io.wharf.protocol.TestModels;
import io.wharf.protocol.model.ServiceModel;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.mq.MqClient;
import software.amazon.awssdk.services.mq.model.BrokerState;
import software.amazon.awssdk.services.mq.model.CreateBrokerResponse;
import software.amazon.awssdk.services.mq.model.DeploymentMode;
import software.amazon.awssdk.services.mq.model.DescribeBrokerResponse;
import software.amazon.awssdk.services.mq.model.EngineType;
import software.amazon.awssdk.services.mq.model.MqException;
import software.amazon.awssdk.services.mq.model.NotFoundException;

import java.net.URI;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * The AWS SDK for Java v2's Amazon MQ client against the gateway with a fake MQ on the real model, signatures
 * verified: REST-JSON's URI labels, query parameters, camel-case body keys at every depth, ISO 8601 timestamps, 204
 * answers and error shapes, both ways — the codec's oracle before the MQ service exists.
 */
class SdkMqClientTest {
    private static final String KEY = "AKIDEXAMPLE";
    private static final String SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
    private static final long CREATED = 1_796_281_200_123L; // 2026-12-03T07:00:00.123Z

    private static final FakeMq MQ = new FakeMq();
    private static JdkHttpBridge bridge;
    private static MqClient client;

    @BeforeAll
    static void start() throws Exception {
        bridge = JdkHttpBridge.verifying(MQ, KEY, SECRET);
        client = client(SECRET);
    }

    private static MqClient client(String secret) {
        return MqClient.builder()
                .endpointOverride(URI.create("http://127.0.0.1:" + bridge.port()))
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(KEY, secret)))
                .httpClient(UrlConnectionHttpClient.create())
                .build();
    }

    @AfterAll
    static void stop() {
        client.close();
        bridge.close();
    }

    @Test
    void createBrokerSendsCamelCaseKeysAtEveryDepthAndReadsTheAnswer() {
        CreateBrokerResponse created = client.createBroker(r -> r.brokerName("orders").engineType(EngineType.ACTIVEMQ)
                .engineVersion("5.18").hostInstanceType("mq.t3.micro").deploymentMode(DeploymentMode.SINGLE_INSTANCE)
                .publiclyAccessible(false).autoMinorVersionUpgrade(true)
                .users(u -> u.username("app").password("secret-password").consoleAccess(true).groups("writers"))
                .tags(Map.of("team", "shop")));
        assertThat(created.brokerId()).isEqualTo("b-orders");
        assertThat(created.brokerArn()).isEqualTo("arn:aws:mq:us-east-1:123456789012:broker:orders:b-orders");

        Input seen = MQ.inputs.get("CreateBroker");
        assertThat(seen.string("BrokerName")).isEqualTo("orders");
        assertThat(seen.string("EngineType")).isEqualTo("ACTIVEMQ");
        assertThat(seen.bool("PubliclyAccessible")).isFalse();
        assertThat(seen.string("CreatorRequestId")).as("the SDK's idempotency token").isNotBlank();
        Input user = seen.structs("Users").get(0);
        assertThat(user.string("Username")).isEqualTo("app");
        assertThat(user.bool("ConsoleAccess")).isTrue();
        assertThat(user.strings("Groups")).containsExactly("writers");
        assertThat(seen.stringMap("Tags")).containsEntry("team", "shop");
    }

    @Test
    void describeBrokerReadsTheUriLabelAndAnswersNestedListsAndIsoTimestamps() {
        DescribeBrokerResponse broker = client.describeBroker(r -> r.brokerId("b-orders"));
        assertThat(MQ.inputs.get("DescribeBroker").string("BrokerId")).isEqualTo("b-orders");
        assertThat(broker.brokerName()).isEqualTo("orders");
        assertThat(broker.brokerState()).isEqualTo(BrokerState.RUNNING);
        assertThat(broker.created()).isEqualTo(Instant.ofEpochMilli(CREATED));
        assertThat(broker.brokerInstances().get(0).endpoints())
                .containsExactly("ssl://127.0.0.1:61617", "amqp+ssl://127.0.0.1:5671");
        assertThat(broker.users().get(0).username()).isEqualTo("app");
        assertThat(broker.tags()).containsEntry("team", "shop");
    }

    @Test
    void listBrokersTakesItsQueryParameters() {
        var page = client.listBrokers(r -> r.maxResults(5).nextToken("t-1"));
        Input seen = MQ.inputs.get("ListBrokers");
        assertThat(seen.integer("MaxResults")).isEqualTo(5);
        assertThat(seen.string("NextToken")).isEqualTo("t-1");
        assertThat(page.brokerSummaries()).hasSize(1);
        assertThat(page.brokerSummaries().get(0).created()).isEqualTo(Instant.ofEpochMilli(CREATED));
        assertThat(page.nextToken()).isNull();
    }

    @Test
    void tagsGoThroughAPathLabelAnArnAndARepeatedQueryList() {
        String arn = "arn:aws:mq:us-east-1:123456789012:broker:orders:b-orders";
        client.createTags(r -> r.resourceArn(arn).tags(Map.of("env", "test")));
        assertThat(MQ.inputs.get("CreateTags").string("ResourceArn")).isEqualTo(arn);
        client.deleteTags(r -> r.resourceArn(arn).tagKeys("env", "team"));
        assertThat(MQ.inputs.get("DeleteTags").strings("TagKeys")).containsExactly("env", "team");
        assertThat(client.listTags(r -> r.resourceArn(arn)).tags()).containsEntry("team", "shop");
    }

    @Test
    void anErrorShapeReachesTheSdkWithItsMembers() {
        NotFoundException missing = catchThrowableOfType(NotFoundException.class,
                () -> client.describeBroker(r -> r.brokerId("b-nope")));
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(missing.awsErrorDetails().errorCode()).isEqualTo("NotFoundException");
        assertThat(missing.errorAttribute()).isEqualTo("broker-id");
        assertThat(missing.getMessage()).startsWith("Can't find requested broker [b-nope].");
    }

    @Test
    void aMissingRequiredMemberIsAValidationErrorNotA500() {
        MqException refused = catchThrowableOfType(MqException.class,
                () -> client.createBroker(r -> r.brokerName("no-engine")));
        assertThat(refused.statusCode()).isEqualTo(400);
    }

    @Test
    void aWrongSecretIsRefusedBeforeTheOperationRuns() {
        MQ.inputs.remove("ListBrokers");
        try (MqClient wrong = client("not-the-secret")) {
            MqException refused = catchThrowableOfType(MqException.class, wrong::listBrokers);
            assertThat(refused.statusCode()).isEqualTo(403);
            assertThat(refused.awsErrorDetails().errorCode()).isEqualTo("InvalidSignatureException");
        }
        assertThat(MQ.inputs).doesNotContainKey("ListBrokers");
    }

    /** Remembers each operation's input and answers a fixed broker "b-orders". */
    static final class FakeMq implements AwsService {
        final Map<String, Input> inputs = new ConcurrentHashMap<>();

        @Override
        public ServiceModel model() {
            return TestModels.MQ;
        }

        private Operation remembering(String name, java.util.function.Function<Input, ObjectNode> answer) {
            return (context, input) -> {
                inputs.put(name, input);
                return answer.apply(input);
            };
        }

        private static ObjectNode node() {
            return JsonNodeFactory.instance.objectNode();
        }

        private static ObjectNode summary(ObjectNode out) {
            return out.put("BrokerArn", "arn:aws:mq:us-east-1:123456789012:broker:orders:b-orders")
                    .put("BrokerId", "b-orders").put("BrokerName", "orders").put("BrokerState", "RUNNING")
                    .put("Created", CREATED).put("DeploymentMode", "SINGLE_INSTANCE").put("EngineType", "ACTIVEMQ");
        }

        @Override
        public Map<String, Operation> operations() {
            return Map.of(
                    "CreateBroker", remembering("CreateBroker", input -> node()
                            .put("BrokerArn", "arn:aws:mq:us-east-1:123456789012:broker:orders:b-orders")
                            .put("BrokerId", "b-" + input.string("BrokerName"))),
                    "DescribeBroker", remembering("DescribeBroker", input -> {
                        if (!input.string("BrokerId").equals("b-orders")) {
                            throw new AwsException("NotFoundException", 404, true, "Can't find requested broker ["
                                    + input.string("BrokerId") + "]. Make sure your broker exists.")
                                    .withMember("ErrorAttribute", JsonNodeFactory.instance.textNode("broker-id"));
                        }
                        ObjectNode out = summary(node());
                        out.putArray("BrokerInstances").addObject().putArray("Endpoints")
                                .add("ssl://127.0.0.1:61617").add("amqp+ssl://127.0.0.1:5671");
                        out.putArray("Users").addObject().put("Username", "app");
                        out.putObject("Tags").put("team", "shop");
                        return out;
                    }),
                    "ListBrokers", remembering("ListBrokers", input -> {
                        ObjectNode out = node();
                        summary(out.putArray("BrokerSummaries").addObject());
                        return out;
                    }),
                    "CreateTags", remembering("CreateTags", input -> node()),
                    "DeleteTags", remembering("DeleteTags", input -> node()),
                    "ListTags", remembering("ListTags", input -> {
                        ObjectNode out = node();
                        out.putObject("Tags").put("team", "shop");
                        return out;
                    }));
        }
    }
}
