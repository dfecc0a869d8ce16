package io.wharf.protocol.auth;

import io.wharf.protocol.wire.WireRequest;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.http.SdkHttpMethod;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SigV4VerifierTest {
    static final Instant NOW = Instant.parse("2025-01-15T12:00:00Z");
    static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    static final String KEY = "AKIDEXAMPLE";
    static final String SECRET = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";
    static final String QUERY_BODY = "Action=SendMessage&QueueUrl=http%3A%2F%2Flocalhost%3A4566%2F000000000000%2Fq"
            + "&MessageBody=hello%20world&Version=2012-11-05";

    final FakeCredentialStore store = new FakeCredentialStore().withKey(KEY, SECRET, "000000000000");
    final SigV4Verifier verifier = new SigV4Verifier(CLOCK);
    final SdkSigner sqs = new SdkSigner(KEY, SECRET, null, "us-east-1", "sqs", CLOCK);

    private SigV4Verifier.Verified verify(WireRequest request) {
        return verifier.verify(request, "sqs", store);
    }

    private void fails(WireRequest request, AuthFailure failure, String message) {
        assertThatThrownBy(() -> verify(request)).isInstanceOfSatisfying(AuthException.class, e -> {
            assertThat(e.failure()).isEqualTo(failure);
            assertThat(e.getMessage()).startsWith(message);
        });
    }

    static WireRequest withHeader(WireRequest request, String name, String value) {
        Map<String, String> headers = new TreeMap<>(request.headers());
        if (value == null) {
            headers.remove(name);
        } else {
            headers.put(name, value);
        }
        return new WireRequest(request.method(), request.path(), request.query(), headers, request.body(),
                request.origin());
    }

    static WireRequest withBody(WireRequest request, String body) {
        return new WireRequest(request.method(), request.path(), request.query(), request.headers(),
                body.getBytes(StandardCharsets.UTF_8), request.origin());
    }

    static String sha256Hex(String text) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static WireRequest withRaw(WireRequest request, String rawPath, String rawQuery) {
        return SdkSigner.wire(request.method(), rawPath, rawQuery, request.headers(), request.body());
    }

    // ---------------------------------------------------------------- signed by the SDK: verifies

    @Test
    void aQueryPostSignedByTheSdkVerifies() {
        WireRequest request = sqs.post("http://localhost:4566/", "application/x-www-form-urlencoded; charset=utf-8",
                QUERY_BODY);
        SigV4Verifier.Verified verified = verify(request);
        assertThat(verified.credential()).isEqualTo(new Credential(KEY, "20250115", "us-east-1", "sqs"));
        assertThat(verified.principal().accountId()).isEqualTo("000000000000");
        assertThat(verified.presigned()).isFalse();
        assertThat(verified.sessionToken()).isNull();
    }

    @Test
    void aJsonPostToAQueuePathVerifies() {
        WireRequest request = sqs.sign(SdkHttpMethod.POST, "http://localhost:4566/000000000000/my-queue",
                Map.of("Content-Type", List.of("application/x-amz-json-1.0"),
                        "X-Amz-Target", List.of("AmazonSQS.SendMessage")),
                "{\"MessageBody\":\"x\"}".getBytes(StandardCharsets.UTF_8), b -> b);
        assertThat(verify(request).credential().accessKeyId()).isEqualTo(KEY);
    }

    @Test
    void theHostHeaderMayCarryAPort() {
        WireRequest request = sqs.post("http://127.0.0.1:4566/", "application/x-www-form-urlencoded", QUERY_BODY);
        assertThat(request.header("host")).isEqualTo("127.0.0.1:4566");
        verify(request);
        fails(withHeader(request, "host", "127.0.0.1:4567"), AuthFailure.SIGNATURE_DOES_NOT_MATCH,
                AuthException.SIGNATURE_MISMATCH);
    }

    @Test
    void aPresignedGetVerifies() {
        WireRequest request = sqs.presign("http://localhost:4566/000000000000/q?Action=ReceiveMessage"
                + "&MaxNumberOfMessages=2", Duration.ofMinutes(5));
        assertThat(request.firstQuery("X-Amz-Algorithm")).isEqualTo("AWS4-HMAC-SHA256");
        SigV4Verifier.Verified verified = verify(request);
        assertThat(verified.presigned()).isTrue();
    }

    @Test
    void aSessionTokenIsPassedToTheStoreAndReturned() {
        store.withSession("ASIATEMP", "tempsecret", "the-token", NOW.plusSeconds(3600));
        WireRequest request = sqs.key("ASIATEMP", "tempsecret", "the-token")
                .post("http://localhost:4566/", "application/x-www-form-urlencoded", QUERY_BODY);
        assertThat(request.header("x-amz-security-token")).isEqualTo("the-token");
        assertThat(verify(request).sessionToken()).isEqualTo("the-token");
    }

    // ---------------------------------------------------------------- tampering fails

    @Test
    void aWrongSecretDoesNotMatch() {
        WireRequest request = sqs.secret("not-the-secret").post("http://localhost:4566/",
                "application/x-www-form-urlencoded", QUERY_BODY);
        assertThatThrownBy(() -> verify(request)).isInstanceOfSatisfying(AuthException.class, e -> {
            assertThat(e.failure()).isEqualTo(AuthFailure.SIGNATURE_DOES_NOT_MATCH);
            assertThat(e.getMessage()).startsWith(AuthException.SIGNATURE_MISMATCH
                    + "\n\nThe Canonical String for this request should have been\n'POST\n/\n\n");
            assertThat(e.getMessage()).contains("\n\nThe String-to-Sign should have been\n'AWS4-HMAC-SHA256\n"
                    + "20250115T120000Z\n20250115/us-east-1/sqs/aws4_request\n");
            assertThat(e.getMessage()).doesNotContain(SECRET).doesNotContain("not-the-secret");
            assertThat(e.toString()).isEqualTo("SIGNATURE_DOES_NOT_MATCH: " + AuthException.SIGNATURE_MISMATCH);
        });
    }

    @Test
    void aBodyChangedAfterSigningDoesNotMatch() {
        WireRequest request = sqs.post("http://localhost:4566/", "application/x-www-form-urlencoded", QUERY_BODY);
        fails(withBody(request, QUERY_BODY.replace("hello", "HELLO")), AuthFailure.SIGNATURE_DOES_NOT_MATCH,
                AuthException.SIGNATURE_MISMATCH);
    }

    @Test
    void aChangedSignedHeaderDoesNotMatch() {
        WireRequest request = sqs.post("http://localhost:4566/", "application/x-www-form-urlencoded", QUERY_BODY);
        fails(withHeader(request, "content-type", "application/json"), AuthFailure.SIGNATURE_DOES_NOT_MATCH,
                AuthException.SIGNATURE_MISMATCH);
    }

    @Test
    void anUnsignedHeaderMayBeAddedOrChanged() {
        WireRequest request = sqs.post("http://localhost:4566/", "application/x-www-form-urlencoded", QUERY_BODY);
        verify(withHeader(withHeader(request, "user-agent", "curl/8"), "x-forwarded-for", "10.0.0.1"));
    }

    @Test
    void aSignedHeaderThatDidNotArriveDoesNotMatch() {
        WireRequest request = sqs.post("http://localhost:4566/", "application/x-www-form-urlencoded", QUERY_BODY);
        fails(withHeader(request, "content-type", null), AuthFailure.SIGNATURE_DOES_NOT_MATCH,
                AuthException.SIGNATURE_MISMATCH);
    }

    @Test
    void anAddedQueryParameterDoesNotMatch() {
        WireRequest request = sqs.post("http://localhost:4566/?Action=ListQueues", "application/x-www-form-urlencoded",
                "");
        verify(request);
        fails(withRaw(request, "/", "Action=ListQueues&QueueNamePrefix=a"), AuthFailure.SIGNATURE_DOES_NOT_MATCH,
                AuthException.SIGNATURE_MISMATCH);
    }

    @Test
    void aChangedPathDoesNotMatch() {
        WireRequest request = sqs.post("http://localhost:4566/000000000000/q", "application/x-www-form-urlencoded",
                QUERY_BODY);
        verify(request);
        fails(withRaw(request, "/000000000000/other", null), AuthFailure.SIGNATURE_DOES_NOT_MATCH,
                AuthException.SIGNATURE_MISMATCH);
    }

    @Test
    void aScopeForAnotherServiceNamesTheRightOne() {
        WireRequest request = sqs.service("sns").post("http://localhost:4566/", "application/x-www-form-urlencoded",
                QUERY_BODY);
        fails(request, AuthFailure.SIGNATURE_DOES_NOT_MATCH, "Credential should be scoped to correct service: 'sqs'. ");
        assertThat(verifier.verify(request, "sns", store).credential().service()).isEqualTo("sns");
    }

    @Test
    void aScopeForAnInvalidRegionIsRefused() {
        WireRequest request = sqs.region("mars").post("http://localhost:4566/", "application/x-www-form-urlencoded",
                QUERY_BODY);
        fails(request, AuthFailure.SIGNATURE_DOES_NOT_MATCH,
                "Credential should be scoped to a valid region, not 'mars'. ");
        verify(sqs.region("eu-west-2").post("http://localhost:4566/", "application/x-www-form-urlencoded",
                QUERY_BODY));
        verify(sqs.region("us-gov-west-1").post("http://localhost:4566/", "text/plain", "x"));
    }

    @Test
    void aChangedRegionInTheScopeDoesNotMatch() {
        WireRequest request = sqs.post("http://localhost:4566/", "application/x-www-form-urlencoded", QUERY_BODY);
        String authorization = request.header("authorization").replace("/us-east-1/", "/eu-west-1/");
        fails(withHeader(request, "authorization", authorization), AuthFailure.SIGNATURE_DOES_NOT_MATCH,
                AuthException.SIGNATURE_MISMATCH);
    }

    @Test
    void aDateMoreThanFifteenMinutesAgoHasExpired() {
        WireRequest request = sqs.clock(Clock.fixed(NOW.minusSeconds(15 * 60 + 1), ZoneOffset.UTC))
                .post("http://localhost:4566/", "application/x-www-form-urlencoded", QUERY_BODY);
        fails(request, AuthFailure.REQUEST_EXPIRED, "Signature expired: 20250115T114459Z is now earlier than "
                + "20250115T114500Z (20250115T120000Z - 15 min.)");
        verify(sqs.clock(Clock.fixed(NOW.minusSeconds(15 * 60), ZoneOffset.UTC))
                .post("http://localhost:4566/", "application/x-www-form-urlencoded", QUERY_BODY));
    }

    @Test
    void aDateMoreThanFifteenMinutesAheadIsNotYetCurrent() {
        WireRequest request = sqs.clock(Clock.fixed(NOW.plusSeconds(15 * 60 + 1), ZoneOffset.UTC))
                .post("http://localhost:4566/", "application/x-www-form-urlencoded", QUERY_BODY);
        fails(request, AuthFailure.REQUEST_EXPIRED, "Signature not yet current: 20250115T121501Z is still later than "
                + "20250115T121500Z (20250115T120000Z + 15 min.)");
        verify(sqs.clock(Clock.fixed(NOW.plusSeconds(15 * 60), ZoneOffset.UTC))
                .post("http://localhost:4566/", "application/x-www-form-urlencoded", QUERY_BODY));
    }

    @Test
    void anUnknownKeyIsAnInvalidClientToken() {
        WireRequest request = sqs.key("AKIDUNKNOWN", SECRET, null).post("http://localhost:4566/",
                "application/x-www-form-urlencoded", QUERY_BODY);
        fails(request, AuthFailure.INVALID_CLIENT_TOKEN, "The security token included in the request is invalid.");
    }

    @Test
    void anExpiredSessionIsAnExpiredToken() {
        store.withSession("ASIATEMP", "tempsecret", "the-token", NOW.minusSeconds(1));
        WireRequest request = sqs.key("ASIATEMP", "tempsecret", "the-token")
                .post("http://localhost:4566/", "application/x-www-form-urlencoded", QUERY_BODY);
        fails(request, AuthFailure.EXPIRED_TOKEN, "The security token included in the request is expired");
    }

    @Test
    void aTokenOfAnotherKeyIsInvalid() {
        store.withSession("ASIATEMP", "tempsecret", "the-token", NOW.plusSeconds(3600))
                .withSession("ASIAOTHER", "othersecret", "other-token", NOW.plusSeconds(3600));
        WireRequest request = sqs.key("ASIATEMP", "tempsecret", "other-token")
                .post("http://localhost:4566/", "application/x-www-form-urlencoded", QUERY_BODY);
        assertThatThrownBy(() -> verify(request)).isInstanceOfSatisfying(AuthException.class, e -> {
            assertThat(e.failure()).isEqualTo(AuthFailure.INVALID_CLIENT_TOKEN);
            assertThat(e.getMessage()).isEqualTo("The security token included in the request is invalid");
        });
        WireRequest longTermKeyWithToken = sqs.key(KEY, SECRET, "a-token").post("http://localhost:4566/",
                "application/x-www-form-urlencoded", QUERY_BODY);
        fails(longTermKeyWithToken, AuthFailure.INVALID_CLIENT_TOKEN, "The security token included in the request");
    }

    @Test
    void hostMustBeSigned() {
        WireRequest request = SdkSigner.wire("POST", "/", null, Map.of("host", "localhost",
                "x-amz-date", "20250115T120000Z", "authorization", "AWS4-HMAC-SHA256 Credential=" + KEY
                        + "/20250115/us-east-1/sqs/aws4_request, SignedHeaders=x-amz-date, Signature=" + "a".repeat(64)),
                new byte[0]);
        fails(request, AuthFailure.SIGNATURE_DOES_NOT_MATCH,
                "'Host' or ':authority' must be a 'SignedHeader' in the AWS Authorization.");
    }

    @Test
    void theSigningKeyIsCachedPerScopeAndNeverAcrossSecrets() {
        WireRequest request = sqs.post("http://localhost:4566/", "application/x-www-form-urlencoded", QUERY_BODY);
        verify(request);
        verify(request);
        assertThat(verifier.cachedSigningKeys()).isEqualTo(1);
        // The same key id with a rotated secret: the cached key must not be used.
        FakeCredentialStore rotated = new FakeCredentialStore().withKey(KEY, "rotated-secret", "000000000000");
        assertThatThrownBy(() -> verifier.verify(request, "sqs", rotated)).isInstanceOf(AuthException.class);
        verifier.verify(sqs.secret("rotated-secret").post("http://localhost:4566/",
                "application/x-www-form-urlencoded", QUERY_BODY), "sqs", rotated);
        // And back: the entry follows the secret the store answers, whichever it is.
        verify(request);
        assertThat(verifier.cachedSigningKeys()).isEqualTo(1);
    }

    @Test
    void aSessionTokenNeedNotBeSigned() {
        // The SDKs sign x-amz-security-token; whether AWS insists on it is not recorded. Wharf accepts either: the
        // token is checked by the store against the key, so an unsigned token can only name the key's own session.
        store.withSession("ASIATEMP", "tempsecret", "the-token", NOW.plusSeconds(3600));
        WireRequest signedWithoutToken = sqs.key("ASIATEMP", "tempsecret", null)
                .post("http://localhost:4566/", "application/x-www-form-urlencoded", QUERY_BODY);
        assertThat(signedWithoutToken.header("authorization")).doesNotContain("x-amz-security-token");
        assertThat(verify(withHeader(signedWithoutToken, "x-amz-security-token", "the-token")).sessionToken())
                .isEqualTo("the-token");
        fails(withHeader(signedWithoutToken, "x-amz-security-token", "another-token"),
                AuthFailure.INVALID_CLIENT_TOKEN, "The security token included in the request is invalid");
    }

    @Test
    void manyRequestsOfOneKeyShareOneSigningKey() {
        // Not a timing test: it shows the steady state does no key derivation and no store-independent caching.
        for (int i = 0; i < 500; i++) {
            verify(sqs.post("http://localhost:4566/", "application/x-www-form-urlencoded", QUERY_BODY + "&N=" + i));
        }
        assertThat(verifier.cachedSigningKeys()).isEqualTo(1);
        assertThat(store.lookups).isEqualTo(500);
    }

    @Test
    void theSigningKeyCacheIsBounded() {
        SigningKeys keys = new SigningKeys();
        for (int i = 0; i <= SigningKeys.MAX_ENTRIES; i++) {
            keys.signer("AKID" + i + "/20250115/us-east-1/sqs/aws4_request", "secret", "20250115", "us-east-1", "sqs");
        }
        assertThat(keys.size()).isLessThanOrEqualTo(SigningKeys.MAX_ENTRIES);
    }

    @Test
    void theSigningKeyIsDerivedAsTheAwsDocumentationShows() {
        // The IAM user guide's example: secret wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY, 20150830, us-east-1, iam.
        assertThat(java.util.HexFormat.of().formatHex(SigningKeys.derive(SECRET, "20150830", "us-east-1", "iam")))
                .isEqualTo("c4afb1cc5771d871763a393e44b703571b55cc28424d1a5e86da6ed3c154a4b9");
    }
}
