package io.wharf.it.auth;

import io.wharf.protocol.auth.AuthMode;
import io.wharf.testkit.Clients;
import io.wharf.testkit.WharfServerExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.AccessKey;
import software.amazon.awssdk.services.iam.model.StatusType;
import software.amazon.awssdk.services.kinesis.KinesisAsyncClient;
import software.amazon.awssdk.services.kinesis.model.SubscribeToShardResponseHandler;
import software.amazon.awssdk.services.sts.model.Credentials;

import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * Every way a request can fail authentication, on every service and wire Wharf speaks, in enforce mode, each answered
 * with the code, HTTP status and message {@code AuthErrors} documents for the service's family: SQS over JSON 1.0 and
 * over Query, SNS, IAM and STS over Query (the Query family: 403 except IncompleteSignature), Kinesis over CBOR and
 * JSON 1.1 (the Coral JSON family: 400), and the Kinesis async client over HTTP/2 with SubscribeToShard.
 *
 * <p>The hand-made cases (a clock far off, a scope changed after signing, a body changed after signing, no signature)
 * are signed by the SDK's own SigV4 signer and sent over a socket; the key cases go through the SDK clients.
 */
class AuthRejectionsIT extends AuthTestBase {
    @RegisterExtension
    static final WharfServerExtension WHARF = WharfServerExtension.builder().auth(AuthMode.ENFORCE)
            .configure(c -> c.kinesisTransitionMillis(0)).build();

    private static final byte[] CBOR_EMPTY_MAP = {(byte) 0xA0};

    @Override
    URI endpoint() {
        return WHARF.endpoint();
    }

    /** One harmless call on one wire, and how that wire words errors. */
    record Wire(String name, String service, String otherService, boolean queryFamily,
                Function<URI, HandSigned> request, Function<HandSigned.Answer, String> code,
                Function<HandSigned.Answer, String> message) {
        @Override
        public String toString() {
            return name;
        }
    }

    private static Function<HandSigned.Answer, String> xmlCode() {
        return HandSigned.Answer::code;
    }

    private static Function<HandSigned.Answer, String> xmlMessage() {
        return HandSigned.Answer::message;
    }

    static List<Wire> wires() {
        return List.of(
                // SQS's JSON protocol says the Query code in x-amzn-query-error, which every SDK reads first
                new Wire("sqs-json", "sqs", "sns", true,
                        ep -> HandSigned.json(ep, "sqs", "AmazonSQS.ListQueues", "application/x-amz-json-1.0", "{}"),
                        a -> a.header("x-amzn-query-error") == null ? null
                                : a.header("x-amzn-query-error").split(";")[0],
                        HandSigned.Answer::jsonMessage),
                new Wire("sqs-query", "sqs", "sns", true,
                        ep -> HandSigned.form(ep, "sqs", "/", params("ListQueues", "2012-11-05")),
                        xmlCode(), xmlMessage()),
                new Wire("sns", "sns", "sqs", true,
                        ep -> HandSigned.form(ep, "sns", "/", params("ListTopics", "2010-03-31")),
                        xmlCode(), xmlMessage()),
                new Wire("iam", "iam", "sts", true,
                        ep -> HandSigned.form(ep, "iam", "/", params("ListUsers", "2010-05-08")),
                        xmlCode(), xmlMessage()),
                new Wire("sts", "sts", "iam", true,
                        ep -> HandSigned.form(ep, "sts", "/", params("GetCallerIdentity", "2011-06-15")),
                        xmlCode(), xmlMessage()),
                new Wire("kinesis-json", "kinesis", "sqs", false,
                        ep -> HandSigned.json(ep, "kinesis", "Kinesis_20131202.ListStreams",
                                "application/x-amz-json-1.1", "{}"),
                        HandSigned.Answer::jsonType, HandSigned.Answer::jsonMessage),
                new Wire("kinesis-cbor", "kinesis", "sqs", false,
                        ep -> HandSigned.json(ep, "kinesis", "Kinesis_20131202.ListStreams",
                                "application/x-amz-cbor-1.1", CBOR_EMPTY_MAP),
                        HandSigned.Answer::jsonType, HandSigned.Answer::jsonMessage));
    }

    private static Map<String, String> params(String action, String version) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("Action", action);
        params.put("Version", version);
        return params;
    }

    private static void assertAnswer(Wire wire, HandSigned.Answer answer, String queryCode, int queryStatus,
                                     String jsonCode, int jsonStatus, Consumer<String> message) {
        assertThat(answer.status()).as(wire + ": " + answer.body())
                .isEqualTo(wire.queryFamily() ? queryStatus : jsonStatus);
        assertThat(wire.code().apply(answer)).as(wire + ": " + answer.body())
                .isEqualTo(wire.queryFamily() ? queryCode : jsonCode);
        message.accept(wire.message().apply(answer));
        assertThat(answer.header("x-amzn-requestid")).as("request id").isNotBlank();
    }

    private static void mismatch(Wire wire, HandSigned.Answer answer, Consumer<String> message) {
        assertAnswer(wire, answer, "SignatureDoesNotMatch", 403, "InvalidSignatureException", 400, message);
    }

    // ---------------------------------------------------------------- hand-made, every wire

    @ParameterizedTest(name = "{0}")
    @MethodSource("wires")
    void theRightSignatureIsAccepted(Wire wire) {
        HandSigned.Answer answer = wire.request().apply(endpoint()).sign().send();
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("wires")
    void aForgedSignatureIsAMismatchThatShowsWhatWasSigned(Wire wire) {
        HandSigned.Answer answer = wire.request().apply(endpoint()).secret("not-the-secret").sign().send();
        mismatch(wire, answer, m -> assertThat(m).startsWith(SIGNATURE_MISMATCH)
                .contains("The Canonical String for this request should have been")
                .contains("The String-to-Sign should have been\n'AWS4-HMAC-SHA256\n")
                .doesNotContain(Clients.SECRET));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("wires")
    void aSignatureFromTwentyMinutesAgoHasExpired(Wire wire) {
        HandSigned.Answer answer = wire.request().apply(endpoint()).signedAt(Duration.ofMinutes(-20)).sign().send();
        mismatch(wire, answer, m -> assertThat(m).matches(EXPIRED));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("wires")
    void aSignatureFromTwentyMinutesAheadIsNotYetCurrent(Wire wire) {
        HandSigned.Answer answer = wire.request().apply(endpoint()).signedAt(Duration.ofMinutes(20)).sign().send();
        mismatch(wire, answer, m -> assertThat(m).matches(NOT_YET));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("wires")
    void fourteenMinutesOffEitherWayIsStillInTheWindow(Wire wire) {
        assertThat(wire.request().apply(endpoint()).signedAt(Duration.ofMinutes(-14)).sign().send().status())
                .isEqualTo(200);
        assertThat(wire.request().apply(endpoint()).signedAt(Duration.ofMinutes(14)).sign().send().status())
                .isEqualTo(200);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("wires")
    void aRegionChangedAfterSigningIsAMismatch(Wire wire) {
        HandSigned.Answer answer = wire.request().apply(endpoint()).sign()
                .tamperAuthorization("/us-east-1/", "/eu-west-1/").send();
        mismatch(wire, answer, m -> assertThat(m).startsWith(SIGNATURE_MISMATCH + "\n\nThe Canonical String"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("wires")
    void aScopeForARegionThatCannotExistIsRefused(Wire wire) {
        HandSigned.Answer answer = wire.request().apply(endpoint()).region("moon-base-1").sign().send();
        mismatch(wire, answer, m -> assertThat(m)
                .isEqualTo("Credential should be scoped to a valid region, not 'moon-base-1'. "));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("wires")
    void aScopeForAnotherServiceIsRefused(Wire wire) {
        HandSigned.Answer answer = wire.request().apply(endpoint()).service(wire.otherService()).sign().send();
        mismatch(wire, answer, m -> assertThat(m)
                .isEqualTo("Credential should be scoped to correct service: '" + wire.service() + "'. "));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("wires")
    void aBodyChangedAfterSigningIsAMismatch(Wire wire) {
        HandSigned request = wire.request().apply(endpoint()).sign();
        String type = request.header("Content-Type");
        if (type.contains("cbor")) {
            // {"Limit": 5}
            request.body(new byte[] {(byte) 0xA1, 0x65, 'L', 'i', 'm', 'i', 't', 0x05});
        } else if (type.contains("json")) {
            request.body("{ }");
        } else {
            request.body(request.body() + "&MaxResults=5");
        }
        mismatch(wire, request.send(), m -> assertThat(m).startsWith(SIGNATURE_MISMATCH));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("wires")
    void anUnknownAccessKeyIsAnInvalidToken(Wire wire) {
        HandSigned.Answer answer = wire.request().apply(endpoint()).key("AKIAIOSFODNN7EXAMPLE", Clients.SECRET).sign()
                .send();
        assertAnswer(wire, answer, "InvalidClientTokenId", 403, "UnrecognizedClientException", 400,
                m -> assertThat(m).isEqualTo(INVALID_KEY));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("wires")
    void anUnsignedRequestIsMissingItsToken(Wire wire) {
        HandSigned.Answer answer = wire.request().apply(endpoint()).send();
        if (wire.service().equals("sqs")) {
            // SQS takes an unsigned caller for anonymous, for queue policies to decide; nothing grants ListQueues
            assertAnswer(wire, answer, "AccessDenied", 403, null, 0, m -> assertThat(m)
                    .isEqualTo("Access to the resource " + WHARF.endpoint() + "/ is denied."));
        } else {
            assertAnswer(wire, answer, "MissingAuthenticationToken", 403, "MissingAuthenticationTokenException", 400,
                    m -> assertThat(m).isEqualTo(wire.queryFamily() ? "Request is missing Authentication Token"
                            : "Missing Authentication Token"));
        }
    }

    // ---------------------------------------------------------------- through the SDK clients

    /** Each SDK client's first call, failing as {@code as}: service, family, the error. */
    private List<Map.Entry<String, AwsServiceException>> everyClientAs(AwsCredentialsProvider as) {
        return List.of(
                Map.entry("sqs-json", error(() -> sqs(as).listQueues())),
                Map.entry("sns", error(() -> sns(as).listTopics())),
                Map.entry("kinesis-cbor", error(() -> kinesis(as).listStreams())),
                Map.entry("kinesis-json", error(() -> kinesisJson(as).listStreams())),
                Map.entry("kinesis-h2", asyncError(as)),
                Map.entry("iam", error(() -> iam(as).listUsers())),
                Map.entry("sts", error(() -> sts(as).getCallerIdentity())));
    }

    private AwsServiceException asyncError(AwsCredentialsProvider as) {
        KinesisAsyncClient kinesis = closing(Clients.kinesisAsyncBuilder(endpoint()).credentialsProvider(as).build());
        Throwable failure = catchThrowable(() -> kinesis.listStreams().get(30, TimeUnit.SECONDS));
        assertThat(failure).isInstanceOf(ExecutionException.class).hasCauseInstanceOf(AwsServiceException.class);
        return (AwsServiceException) failure.getCause();
    }

    private static void assertEveryClient(List<Map.Entry<String, AwsServiceException>> errors, String queryCode,
                                          int queryStatus, String jsonCode, String message) {
        for (Map.Entry<String, AwsServiceException> entry : errors) {
            boolean json = entry.getKey().startsWith("kinesis");
            AwsServiceException e = entry.getValue();
            assertThat(e.awsErrorDetails().errorCode()).as(entry.getKey()).isEqualTo(json ? jsonCode : queryCode);
            assertThat(e.statusCode()).as(entry.getKey()).isEqualTo(json ? 400 : queryStatus);
            if (message.equals(SIGNATURE_MISMATCH)) {
                assertThat(e.awsErrorDetails().errorMessage()).as(entry.getKey()).startsWith(message);
            } else {
                assertThat(e.awsErrorDetails().errorMessage()).as(entry.getKey()).isEqualTo(message);
            }
        }
    }

    @Test
    void aWrongSecretFailsOnEveryClient() {
        assertEveryClient(everyClientAs(basic(Clients.ACCESS_KEY_ID, "not-the-secret")), "SignatureDoesNotMatch", 403,
                "InvalidSignatureException", SIGNATURE_MISMATCH);
    }

    @Test
    void anUnknownKeyFailsOnEveryClient() {
        assertEveryClient(everyClientAs(basic("AKIAIOSFODNN7EXAMPLE", Clients.SECRET)), "InvalidClientTokenId", 403,
                "UnrecognizedClientException", INVALID_KEY);
    }

    @Test
    void aDeactivatedUserKeyFailsOnEveryClientAndWorksAgainOnceActive() {
        String name = unique("deactivated");
        AccessKey key = userWithKey(name);
        IamClient root = iam(Clients.CREDENTIALS);
        assertThat(sts(basic(key)).getCallerIdentity().arn()).isEqualTo(userArn(name));

        root.updateAccessKey(r -> r.userName(name).accessKeyId(key.accessKeyId()).status(StatusType.INACTIVE));
        assertEveryClient(everyClientAs(basic(key)), "InvalidClientTokenId", 403, "UnrecognizedClientException",
                INVALID_KEY);

        root.updateAccessKey(r -> r.userName(name).accessKeyId(key.accessKeyId()).status(StatusType.ACTIVE));
        assertThat(sts(basic(key)).getCallerIdentity().arn()).isEqualTo(userArn(name));
        root.deleteAccessKey(r -> r.userName(name).accessKeyId(key.accessKeyId()));
        assertEveryClient(everyClientAs(basic(key)), "InvalidClientTokenId", 403, "UnrecognizedClientException",
                INVALID_KEY);
    }

    @Test
    void oneSessionsTokenWithAnotherSessionsKeyIsAnInvalidToken() {
        Credentials first = sts(Clients.CREDENTIALS).getSessionToken(r -> r.durationSeconds(900)).credentials();
        Credentials second = sts(Clients.CREDENTIALS).getSessionToken(r -> r.durationSeconds(900)).credentials();
        Credentials mixed = Credentials.builder().accessKeyId(second.accessKeyId())
                .secretAccessKey(second.secretAccessKey()).sessionToken(first.sessionToken()).build();
        assertEveryClient(everyClientAs(session(mixed)), "InvalidClientTokenId", 403, "UnrecognizedClientException",
                INVALID_TOKEN);
        Credentials damaged = second.toBuilder().sessionToken(second.sessionToken().substring(0, 40) + "AAAA"
                + second.sessionToken().substring(44)).build();
        assertEveryClient(everyClientAs(session(damaged)), "InvalidClientTokenId", 403, "UnrecognizedClientException",
                INVALID_TOKEN);
        Credentials withoutToken = second.toBuilder().build();
        assertThat(error(() -> sqs(basic(withoutToken.accessKeyId(), withoutToken.secretAccessKey())).listQueues())
                .awsErrorDetails().errorCode()).isEqualTo("InvalidClientTokenId");
        // both sessions still work with their own tokens
        assertThat(sts(session(first)).getCallerIdentity().arn()).isEqualTo("arn:aws:iam::" + ACCOUNT + ":root");
        assertThat(sts(session(second)).getCallerIdentity().arn()).isEqualTo("arn:aws:iam::" + ACCOUNT + ":root");
    }

    @Test
    void aLongTermKeySentWithASessionTokenIsAnInvalidToken() {
        // a stale AWS_SESSION_TOKEN next to permanent keys: AWS checks the token before the key
        Credentials session = sts(Clients.CREDENTIALS).getSessionToken(r -> r.durationSeconds(900)).credentials();
        Credentials stale = Credentials.builder().accessKeyId(Clients.ACCESS_KEY_ID).secretAccessKey(Clients.SECRET)
                .sessionToken(session.sessionToken()).build();
        assertEveryClient(everyClientAs(session(stale)), "InvalidClientTokenId", 403, "UnrecognizedClientException",
                INVALID_TOKEN);
        Credentials garbage = stale.toBuilder().sessionToken("not-a-token").build();
        assertEveryClient(everyClientAs(session(garbage)), "InvalidClientTokenId", 403, "UnrecognizedClientException",
                INVALID_TOKEN);
    }

    @Test
    void subscribeToShardOverHttp2WithABadSecretIsRefusedBeforeAnyEvent() throws Exception {
        String consumer = "arn:aws:kinesis:us-east-1:" + ACCOUNT + ":stream/s/consumer/c:1700000000";
        Map<AwsCredentialsProvider, String> cases = Map.of(
                basic(Clients.ACCESS_KEY_ID, "not-the-secret"), "InvalidSignatureException",
                basic("AKIAIOSFODNN7EXAMPLE", Clients.SECRET), "UnrecognizedClientException");
        for (Map.Entry<AwsCredentialsProvider, String> entry : cases.entrySet()) {
            AwsCredentialsProvider as = entry.getKey();
            KinesisAsyncClient kinesis = closing(Clients.kinesisAsyncBuilder(endpoint()).credentialsProvider(as)
                    .build());
            List<Object> events = new java.util.concurrent.CopyOnWriteArrayList<>();
            Throwable failure = catchThrowable(() -> kinesis.subscribeToShard(r -> r.consumerARN(consumer)
                            .shardId("shardId-000000000000")
                            .startingPosition(p -> p.type("LATEST")),
                    SubscribeToShardResponseHandler.builder().subscriber(events::add).build())
                    .get(30, TimeUnit.SECONDS));
            assertThat(failure).isInstanceOfAny(ExecutionException.class, CompletionException.class);
            Throwable cause = failure.getCause();
            assertThat(cause).isInstanceOf(AwsServiceException.class);
            AwsServiceException e = (AwsServiceException) cause;
            assertThat(e.statusCode()).isEqualTo(400);
            assertThat(e.awsErrorDetails().errorCode()).isEqualTo(entry.getValue());
            assertThat(events).isEmpty();
        }
    }
}
