package io.wharf.it.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.wharf.protocol.auth.AuthMode;
import io.wharf.testkit.Clients;
import io.wharf.testkit.WharfServerExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.iam.model.AccessKey;
import software.amazon.awssdk.services.sqs.model.CreateQueueResponse;
import software.amazon.awssdk.services.sts.model.Credentials;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The audit log ({@code --audit-log}) in enforce mode: one JSON line per call — answered, refused for its signature,
 * denied by policy — in CloudTrail's field names plus Wharf's {@code decision}, and never a secret key, a session's
 * secret, nor a request signature.
 */
class AuditLogIT extends AuthTestBase {
    private static final Path LOG = tempLog();

    @RegisterExtension
    static final WharfServerExtension WHARF = WharfServerExtension.builder().auth(AuthMode.ENFORCE)
            .configure(c -> c.auditLog(LOG.toString()).kinesisTransitionMillis(0)).build();

    private static final ObjectMapper JSON = new ObjectMapper();

    private static Path tempLog() {
        try {
            Path dir = Files.createTempDirectory("wharf-audit-it");
            Path log = dir.resolve("audit.log");
            // Deleted at exit in the reverse order: the log, then its directory (which must be empty by then).
            dir.toFile().deleteOnExit();
            log.toFile().deleteOnExit();
            return log;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    URI endpoint() {
        return WHARF.endpoint();
    }

    /** The record of the call answered with {@code requestId}, waiting for the log's writer thread. */
    private static JsonNode record(String requestId) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < deadline) {
            for (JsonNode line : lines()) {
                if (requestId.equals(line.path("requestID").asText())) {
                    return line;
                }
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no audit record for request " + requestId + " in " + Files.readString(LOG));
    }

    private static List<JsonNode> lines() throws IOException {
        List<JsonNode> records = new ArrayList<>();
        if (!Files.exists(LOG)) {
            return records;
        }
        for (String line : Files.readAllLines(LOG)) {
            if (!line.isBlank()) {
                records.add(JSON.readTree(line));
            }
        }
        return records;
    }

    private static void assertCloudTrailShape(JsonNode record, String source, String name) {
        assertThat(Instant.parse(record.path("eventTime").asText())).isBetween(Instant.now().minusSeconds(60),
                Instant.now().plusSeconds(5));
        assertThat(record.path("eventSource").asText()).isEqualTo(source);
        assertThat(record.path("eventName").asText()).isEqualTo(name);
        assertThat(record.path("awsRegion").asText()).isEqualTo("us-east-1");
        assertThat(record.path("sourceIPAddress").asText()).isEqualTo("127.0.0.1");
        assertThat(record.path("requestID").asText()).isNotBlank();
        assertThat(record.has("userIdentity")).isTrue();
    }

    @Test
    void everyCallIsOneLineWithCloudTrailsFieldsAndTheDecision() throws Exception {
        // answered
        CreateQueueResponse created = sqs(Clients.CREDENTIALS).createQueue(r -> r.queueName("audited"));
        JsonNode ok = record(created.responseMetadata().requestId());
        assertCloudTrailShape(ok, "sqs.amazonaws.com", "CreateQueue");
        assertThat(ok.path("userIdentity").path("type").asText()).isEqualTo("Root");
        assertThat(ok.path("userIdentity").path("arn").asText()).isEqualTo("arn:aws:iam::" + ACCOUNT + ":root");
        assertThat(ok.path("userIdentity").path("accountId").asText()).isEqualTo(ACCOUNT);
        assertThat(ok.path("userIdentity").path("accessKeyId").asText()).isEqualTo(Clients.ACCESS_KEY_ID);
        assertThat(ok.path("resources").get(0).path("ARN").asText())
                .isEqualTo("arn:aws:sqs:us-east-1:" + ACCOUNT + ":audited");
        assertThat(ok.path("decision").asText()).isEqualTo("allow");
        assertThat(ok.has("errorCode")).isFalse();

        // refused: a wrong secret (the key is recorded, the caller is not known)
        AwsServiceException forged = error(() -> sqs(basic(Clients.ACCESS_KEY_ID, "forged-secret")).listQueues());
        JsonNode refused = record(forged.requestId());
        assertCloudTrailShape(refused, "sqs.amazonaws.com", "ListQueues");
        assertThat(refused.path("errorCode").asText()).isEqualTo("SignatureDoesNotMatch");
        assertThat(refused.path("decision").asText()).isEqualTo("deny");
        assertThat(refused.path("userIdentity").path("accessKeyId").asText()).isEqualTo(Clients.ACCESS_KEY_ID);

        // denied by policy: a user without policies
        String name = unique("audited");
        AccessKey key = userWithKey(name);
        String stream = unique("audited");
        kinesis(Clients.CREDENTIALS).createStream(r -> r.streamName(stream).shardCount(1));
        AwsServiceException denied = error(() -> kinesis(basic(key)).putRecord(r -> r.streamName(stream)
                .partitionKey("k").data(SdkBytes.fromUtf8String("d"))));
        JsonNode deny = record(denied.requestId());
        assertCloudTrailShape(deny, "kinesis.amazonaws.com", "PutRecord");
        assertThat(deny.path("errorCode").asText()).isEqualTo("AccessDeniedException");
        assertThat(deny.path("decision").asText()).isEqualTo("deny");
        assertThat(deny.path("userIdentity").path("type").asText()).isEqualTo("IAMUser");
        assertThat(deny.path("userIdentity").path("arn").asText()).isEqualTo(userArn(name));
        assertThat(deny.path("userIdentity").path("userName").asText()).isEqualTo(name);
        assertThat(deny.path("userIdentity").path("accessKeyId").asText()).isEqualTo(key.accessKeyId());
        assertThat(deny.path("resources").get(0).path("ARN").asText())
                .isEqualTo("arn:aws:kinesis:us-east-1:" + ACCOUNT + ":stream/" + stream);

        // unsigned: anonymous
        Map<String, String> list = new LinkedHashMap<>();
        list.put("Action", "ListTopics");
        list.put("Version", "2010-03-31");
        HandSigned.Answer unsigned = HandSigned.form(endpoint(), "sns", "/", list).send();
        JsonNode anonymous = record(unsigned.header("x-amzn-requestid"));
        assertCloudTrailShape(anonymous, "sns.amazonaws.com", "ListTopics");
        assertThat(anonymous.path("errorCode").asText()).isEqualTo("MissingAuthenticationToken");
        assertThat(anonymous.path("userIdentity").path("type").asText()).isEqualTo("Anonymous");
        assertThat(anonymous.path("decision").asText()).isEqualTo("deny");

        // a session's call
        Credentials session = sts(Clients.CREDENTIALS).getSessionToken(r -> r.durationSeconds(900)).credentials();
        String callerId = sts(session(session)).getCallerIdentity().responseMetadata().requestId();
        JsonNode sts = record(callerId);
        assertCloudTrailShape(sts, "sts.amazonaws.com", "GetCallerIdentity");
        assertThat(sts.path("userIdentity").path("accessKeyId").asText()).isEqualTo(session.accessKeyId());
        assertThat(sts.path("decision").asText()).isEqualTo("allow");

        // the client's own address, not the server's idea of one
        HandSigned.Answer elsewhere = HandSigned.form(endpoint(), "sns", "/", list).sign().from("127.0.0.3").send();
        assertThat(elsewhere.status()).isEqualTo(200);
        assertThat(record(elsewhere.header("x-amzn-requestid")).path("sourceIPAddress").asText())
                .isEqualTo("127.0.0.3");

        // one line per call: the answered ones of this test are all there once
        for (String id : List.of(created.responseMetadata().requestId(), forged.requestId(), denied.requestId(),
                unsigned.header("x-amzn-requestid"), callerId)) {
            assertThat(lines()).filteredOn(r -> r.path("requestID").asText().equals(id)).hasSize(1);
        }
    }

    @Test
    void noSecretAndNoSignatureIsEverWritten() throws Exception {
        String name = unique("secretive");
        AccessKey key = userWithKey(name);
        Credentials session = sts(basic(key)).getSessionToken(r -> r.durationSeconds(900)).credentials();
        List<String> ids = new ArrayList<>();
        ids.add(sts(session(session)).getCallerIdentity().responseMetadata().requestId());
        ids.add(error(() -> sqs(session(session)).listQueues()).requestId());
        ids.add(error(() -> sqs(basic(key.accessKeyId(), "a-forged-secret")).listQueues()).requestId());
        Credentials forgedSession = session.toBuilder().secretAccessKey("a-forged-session-secret").build();
        ids.add(error(() -> sqs(session(forgedSession)).listQueues()).requestId());

        // hand-signed requests whose signatures we know: header and presigned forms, right and wrong
        List<String> signatures = new ArrayList<>();
        Map<String, String> list = new LinkedHashMap<>();
        list.put("Action", "ListQueues");
        list.put("Version", "2012-11-05");
        HandSigned header = HandSigned.form(endpoint(), "sqs", "/", list).sign();
        signatures.add(header.header("Authorization").replaceAll(".*Signature=", ""));
        ids.add(header.send().header("x-amzn-requestid"));
        HandSigned wrong = HandSigned.form(endpoint(), "sqs", "/", list).secret("wrong").sign();
        signatures.add(wrong.header("Authorization").replaceAll(".*Signature=", ""));
        ids.add(wrong.send().header("x-amzn-requestid"));
        HandSigned presigned = HandSigned.get(endpoint(), "sqs", "/", list)
                .session(session.accessKeyId(), "wrong-secret", session.sessionToken()).presign(Duration.ofMinutes(5));
        signatures.add(presigned.query().replaceAll(".*X-Amz-Signature=([0-9a-f]+).*", "$1"));
        ids.add(presigned.send().header("x-amzn-requestid"));
        for (String id : ids) {
            record(id);
        }
        assertThat(signatures).allSatisfy(s -> assertThat(s).matches("[0-9a-f]{64}"));

        String log = Files.readString(LOG);
        assertThat(log).doesNotContain(Clients.SECRET, key.secretAccessKey(), session.secretAccessKey(),
                "a-forged-secret", "a-forged-session-secret", "wrong-secret");
        for (String signature : signatures) {
            assertThat(log).doesNotContain(signature);
        }
        assertThat(log).doesNotContain("Signature=").doesNotContain("X-Amz-Signature");
        // nor a session token, which a mismatch's canonical request would otherwise carry
        assertThat(log).doesNotContain(session.sessionToken());
        assertThat(lines()).filteredOn(r -> r.path("errorCode").asText().equals("SignatureDoesNotMatch"))
                .isNotEmpty().allSatisfy(r -> assertThat(r.path("errorMessage").asText())
                        .isEqualTo(SIGNATURE_MISMATCH));
        // the lines are JSON records, one per line
        for (String line : Files.readAllLines(LOG)) {
            assertThat(JSON.readTree(line).isObject()).isTrue();
        }
    }
}
