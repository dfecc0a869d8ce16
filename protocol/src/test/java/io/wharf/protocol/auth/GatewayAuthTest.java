package io.wharf.protocol.auth;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.wharf.protocol.AwsService;
import io.wharf.protocol.GatewaySettings;
import io.wharf.protocol.Input;
import io.wharf.protocol.Operation;
import io.wharf.protocol.RequestContext;
import io.wharf.protocol.ServiceGateway;
import io.wharf.protocol.TestModels;
import io.wharf.protocol.model.ServiceModel;
import io.wharf.protocol.wire.WireRequest;
import io.wharf.protocol.wire.WireResponse;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The gateway's identity-and-access stages with fake IAM: who a request acts as in each mode, which errors the
 * services render for failures, what the access control is asked (action, resource, its policy and tags, the request's
 * condition keys), and what the audit sink is told.
 */
class GatewayAuthTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-06-01T12:00:00Z"), ZoneOffset.UTC);
    private static final String KEY = "AKIAUSER";
    private static final String SECRET = "user-secret-key";
    private static final Principal USER = new Principal(Principal.Type.USER, "111122223333",
            "arn:aws:iam::111122223333:user/alice", "AIDAALICE", "alice", KEY, null, null, Map.of());

    private final AtomicReference<RequestContext> lastContext = new AtomicReference<>();
    private final List<AccessRequest> asked = new ArrayList<>();
    private final List<AuditEvent> audited = new ArrayList<>();
    private Decision decision = Decision.ALLOW;
    private int tagLookups;

    /** A JSON 1.1 service on Kinesis's model: PutRecord on a stream with a policy and tags; ListStreams on "*". */
    private final AwsService kinesis = new AwsService() {
        @Override
        public ServiceModel model() {
            return TestModels.KINESIS;
        }

        @Override
        public Map<String, Operation> operations() {
            Operation record = (context, input) -> {
                lastContext.set(context);
                return JsonNodeFactory.instance.objectNode().put("ShardId", "shardId-000000000000")
                        .put("SequenceNumber", "1");
            };
            return Map.of("PutRecord", record, "ListStreams", (context, input) -> {
                lastContext.set(context);
                return JsonNodeFactory.instance.objectNode().put("HasMoreStreams", false);
            });
        }

        @Override
        public List<AccessCheck> accessChecks(String operation, Input input, RequestContext context) {
            return operation.equals("PutRecord")
                    ? List.of(AccessCheck.of("kinesis:PutRecord", "arn:aws:kinesis:us-east-1:999988887777:stream/s",
                    "999988887777"))
                    : AwsService.super.accessChecks(operation, input, context);
        }

        @Override
        public String resourcePolicy(String resourceArn) {
            return "{\"policy-of\":\"" + resourceArn + "\"}";
        }

        @Override
        public Map<String, String> resourceTags(String resourceArn) {
            tagLookups++;
            return Map.of("env", "prod");
        }
    };

    private final CredentialStore credentials = new CredentialStore() {
        @Override
        public SigningIdentity find(String accessKeyId, String sessionToken, Instant now) {
            if (accessKeyId.equals(KEY)) {
                return new SigningIdentity(SECRET, USER);
            }
            throw AuthException.invalidClientToken();
        }

        @Override
        public Principal knownPrincipal(String accessKeyId, String sessionToken, Instant now) {
            return accessKeyId.equals(KEY) ? USER : null;
        }
    };

    private ServiceGateway gateway(AuthMode mode) {
        RequestAuthenticator authenticator = new RequestAuthenticator(mode, credentials, new SigV4Verifier(CLOCK),
                "000000000000", "us-east-1", CLOCK);
        AccessControl access = request -> {
            asked.add(request);
            return decision;
        };
        return new ServiceGateway(List.of(kinesis), new GatewaySettings("000000000000", "us-east-1", "wharf.test:4566",
                authenticator, access, audited::add, CLOCK));
    }

    private static SdkSigner signer(String key, String secret) {
        return new SdkSigner(key, secret, null, "us-east-1", "kinesis", CLOCK);
    }

    private static WireRequest putRecord(SdkSigner signer) {
        WireRequest signed = signer.post("http://wharf.test:4566/", "application/x-amz-json-1.1",
                "{\"StreamName\":\"s\",\"Data\":\"AA==\",\"PartitionKey\":\"k\"}");
        java.util.Map<String, String> headers = new java.util.TreeMap<>(signed.headers());
        headers.put("x-amz-target", "Kinesis_20131202.PutRecord");
        headers.put("content-type", "application/x-amz-json-1.1");
        return resign(signer, headers, signed.body());
    }

    /** Signs again with the target header among the signed ones, as SDKs do. */
    private static WireRequest resign(SdkSigner signer, Map<String, String> headers, byte[] body) {
        Map<String, List<String>> sdkHeaders = new java.util.LinkedHashMap<>();
        sdkHeaders.put("X-Amz-Target", List.of(headers.get("x-amz-target")));
        sdkHeaders.put("Content-Type", List.of(headers.get("content-type")));
        return signer.sign(software.amazon.awssdk.http.SdkHttpMethod.POST, "http://wharf.test:4566/", sdkHeaders, body,
                b -> b);
    }

    private static WireRequest unsigned(String operation) {
        return new WireRequest("POST", "/", Map.of(), Map.of("x-amz-target", "Kinesis_20131202." + operation,
                "content-type", "application/x-amz-json-1.1", "host", "evil.example"),
                "{\"StreamName\":\"s\",\"Data\":\"AA==\",\"PartitionKey\":\"k\"}".getBytes(StandardCharsets.UTF_8));
    }

    private static String body(WireResponse response) {
        return new String(response.body(), StandardCharsets.UTF_8);
    }

    @Test
    void offModeTrustsTheKeyItIsGivenAndAsksNoPolicy() {
        WireResponse answer = gateway(AuthMode.OFF).handle(putRecord(signer("123456789012", "anything")));
        assertThat(answer.status()).isEqualTo(200);
        assertThat(lastContext.get().principal()).isEqualTo(Principal.root("123456789012", "123456789012"));
        assertThat(lastContext.get().accountId()).isEqualTo("123456789012");

        gateway(AuthMode.OFF).handle(putRecord(signer(KEY, "not-the-secret")));
        assertThat(lastContext.get().principal()).isEqualTo(USER);
        assertThat(asked).isEmpty();
    }

    @Test
    void verifyModeChecksSignaturesButNoPolicy() {
        ServiceGateway gateway = gateway(AuthMode.VERIFY);
        assertThat(gateway.handle(putRecord(signer(KEY, SECRET))).status()).isEqualTo(200);
        assertThat(lastContext.get().principal()).isEqualTo(USER);
        assertThat(asked).isEmpty();

        WireResponse forged = gateway.handle(putRecord(signer(KEY, "wrong-secret-key")));
        assertThat(forged.status()).isEqualTo(400);
        assertThat(body(forged)).contains("InvalidSignatureException");
        WireResponse unknown = gateway.handle(putRecord(signer("AKIANOBODY", SECRET)));
        assertThat(body(unknown)).contains("UnrecognizedClientException");
        WireResponse missing = gateway.handle(unsigned("PutRecord"));
        assertThat(body(missing)).contains("MissingAuthenticationTokenException").contains("Missing Authentication Token");
    }

    @Test
    void enforceAsksTheAccessControlWithTheResourcesPolicyTagsAndTheRequestsKeys() {
        assertThat(gateway(AuthMode.ENFORCE).handle(putRecord(signer(KEY, SECRET))).status()).isEqualTo(200);
        assertThat(asked).hasSize(1);
        AccessRequest request = asked.get(0);
        assertThat(request.principal()).isEqualTo(USER);
        assertThat(request.action()).isEqualTo("kinesis:PutRecord");
        assertThat(request.resourceArn()).isEqualTo("arn:aws:kinesis:us-east-1:999988887777:stream/s");
        assertThat(request.resourceAccount()).isEqualTo("999988887777");
        assertThat(request.resourcePolicy()).contains("stream/s");
        assertThat(request.context()).containsEntry("aws:SourceIp", List.of("127.0.0.1"))
                .containsEntry("aws:SecureTransport", List.of("false"))
                .containsEntry("aws:RequestedRegion", List.of("us-east-1"))
                .containsEntry("aws:ResourceTag/env", List.of("prod"));
    }

    @Test
    void theResourcesTagsAreLookedUpOnlyWhenAPolicyAsksForAKey() {
        assertThat(gateway(AuthMode.ENFORCE).handle(putRecord(signer(KEY, SECRET))).status()).isEqualTo(200);
        assertThat(tagLookups).isZero();
        assertThat(asked.get(0).context().get("aws:ResourceTag/env")).isEqualTo(List.of("prod"));
        assertThat(asked.get(0).context().get("aws:SourceIp")).isEqualTo(List.of("127.0.0.1"));
        assertThat(tagLookups).isEqualTo(1);
    }

    @Test
    void aDenialIsTheServicesErrorAndNoOperationRuns() {
        decision = Decision.NO_RESOURCE_ALLOW;
        WireResponse denied = gateway(AuthMode.ENFORCE).handle(putRecord(signer(KEY, SECRET)));
        assertThat(denied.status()).isEqualTo(400);
        assertThat(body(denied)).contains("AccessDeniedException").contains("User: arn:aws:iam::111122223333:user/alice "
                + "is not authorized to perform: kinesis:PutRecord on resource: "
                + "arn:aws:kinesis:us-east-1:999988887777:stream/s because no resource-based policy allows the "
                + "kinesis:PutRecord action");
        assertThat(lastContext.get()).isNull();
    }

    @Test
    void actionsWithoutAResourceAskForStarWithoutAPolicy() {
        WireRequest list = resign(signer(KEY, SECRET), Map.of("x-amz-target", "Kinesis_20131202.ListStreams",
                "content-type", "application/x-amz-json-1.1"), "{}".getBytes(StandardCharsets.UTF_8));
        assertThat(gateway(AuthMode.ENFORCE).handle(list).status()).isEqualTo(200);
        assertThat(asked.get(0).resourceArn()).isEqualTo("*");
        assertThat(asked.get(0).resourcePolicy()).isNull();
        assertThat(asked.get(0).context()).doesNotContainKey("aws:ResourceTag/env");
    }

    @Test
    void urlsComeFromTheConfiguredHostNeverFromTheHostHeader() {
        gateway(AuthMode.OFF).handle(unsigned("PutRecord"));
        assertThat(lastContext.get().host()).isEqualTo("wharf.test:4566");
    }

    @Test
    void theAuditSinkHearsOfEveryCallWithItsOutcome() {
        ServiceGateway gateway = gateway(AuthMode.ENFORCE);
        gateway.handle(putRecord(signer(KEY, SECRET)));
        gateway.handle(putRecord(signer(KEY, "wrong-secret-key")));
        decision = Decision.EXPLICIT_IDENTITY_DENY;
        gateway.handle(putRecord(signer(KEY, SECRET)));

        assertThat(audited).hasSize(3);
        AuditEvent ok = audited.get(0);
        assertThat(ok.allowed()).isTrue();
        assertThat(ok.errorCode()).isNull();
        assertThat(ok.principal()).isEqualTo(USER);
        assertThat(ok.accessKeyId()).isEqualTo(KEY);
        assertThat(ok.service()).isEqualTo("kinesis");
        assertThat(ok.action()).isEqualTo("PutRecord");
        assertThat(ok.resourceArn()).isEqualTo("arn:aws:kinesis:us-east-1:999988887777:stream/s");
        assertThat(ok.time()).isEqualTo(CLOCK.instant());

        AuditEvent forged = audited.get(1);
        assertThat(forged.allowed()).isFalse();
        assertThat(forged.errorCode()).isEqualTo("InvalidSignatureException");
        assertThat(forged.accessKeyId()).isEqualTo(KEY);
        assertThat(forged.principal().type()).isEqualTo(Principal.Type.ANONYMOUS);

        AuditEvent denied = audited.get(2);
        assertThat(denied.allowed()).isFalse();
        assertThat(denied.errorCode()).isEqualTo("AccessDeniedException");
        assertThat(denied.principal()).isEqualTo(USER);
    }

    @Test
    void aScopeWithAMalformedRegionIsRefusedInEveryMode() {
        WireResponse off = gateway(AuthMode.OFF).handle(putRecord(signer(KEY, SECRET).region("us-east-1\"};x")));
        assertThat(off.status()).isEqualTo(400);
        assertThat(body(off)).contains("InvalidSignatureException").contains("valid region");
    }
}
