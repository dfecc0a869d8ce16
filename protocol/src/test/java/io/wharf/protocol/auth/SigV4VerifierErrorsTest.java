package io.wharf.protocol.auth;

import io.wharf.protocol.wire.WireRequest;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.TreeMap;

import static io.wharf.protocol.auth.SigV4VerifierTest.CLOCK;
import static io.wharf.protocol.auth.SigV4VerifierTest.KEY;
import static io.wharf.protocol.auth.SigV4VerifierTest.NOW;
import static io.wharf.protocol.auth.SigV4VerifierTest.SECRET;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Each malformed request fails with AWS's failure and wording, in AWS's order. */
class SigV4VerifierErrorsTest {
    private static final String SCOPE = KEY + "/20250115/us-east-1/sqs/aws4_request";
    private static final String SIGNATURE = "0123456789abcdef".repeat(4);

    private final FakeCredentialStore store = new FakeCredentialStore().withKey(KEY, SECRET, "000000000000");
    private final SigV4Verifier verifier = new SigV4Verifier(CLOCK);

    private static WireRequest header(String authorization, String... headers) {
        Map<String, String> all = new TreeMap<>();
        all.put("host", "localhost:4566");
        for (int i = 0; i < headers.length; i += 2) {
            all.put(headers[i], headers[i + 1]);
        }
        if (authorization != null) {
            all.put("authorization", authorization);
        }
        return SdkSigner.wire("POST", "/", null, all, new byte[0]);
    }

    private static WireRequest query(String rawQuery) {
        return SdkSigner.wire("GET", "/", rawQuery, Map.of("host", "localhost:4566"), new byte[0]);
    }

    private void fails(WireRequest request, SigningRules rules, AuthFailure failure, String message) {
        assertThatThrownBy(() -> verifier.verify(request, "sqs", store, rules))
                .isInstanceOfSatisfying(AuthException.class, e -> {
                    assertThat(e.failure()).isEqualTo(failure);
                    assertThat(e.getMessage()).isEqualTo(message);
                    assertThat(e.getMessage()).doesNotContain(SIGNATURE).doesNotContain(SECRET);
                });
        assertThat(store.lookups).as("no key looked up before the signature's form is right").isZero();
    }

    private void fails(WireRequest request, AuthFailure failure, String message) {
        fails(request, SigningRules.QUERY, failure, message);
    }

    @Test
    void noAuthenticationAtAll() {
        fails(header(null), AuthFailure.MISSING_AUTHENTICATION, "Request is missing Authentication Token");
        fails(header("   "), AuthFailure.MISSING_AUTHENTICATION, "Request is missing Authentication Token");
        // Signature Version 2 in the query is no SigV4 at all.
        fails(query("AWSAccessKeyId=AKID&SignatureVersion=2&SignatureMethod=HmacSHA256&Signature=abc"),
                AuthFailure.MISSING_AUTHENTICATION, "Request is missing Authentication Token");
        // kinesalite: every presigned parameter but X-Amz-Algorithm is still no authentication.
        fails(query("X-Amz-Credential=a&X-Amz-Signature=b&X-Amz-SignedHeaders=c&X-Amz-Date=d"),
                SigningRules.JSON, AuthFailure.MISSING_AUTHENTICATION, "Request is missing Authentication Token");
    }

    @Test
    void bothFormsAtOnce() {
        WireRequest request = SdkSigner.wire("GET", "/", "X-Amz-Algorithm", Map.of("host", "h", "authorization", "X"),
                new byte[0]);
        fails(request, AuthFailure.SIGNATURE_DOES_NOT_MATCH,
                "Found both 'X-Amz-Algorithm' as a query-string param and 'Authorization' as HTTP header.");
    }

    @Test
    void headerWithMissingPartsNamesEachInAwsOrder() {
        fails(header("AWS4-HMAC-SHA256"), AuthFailure.INCOMPLETE_SIGNATURE,
                "Authorization header requires 'Credential' parameter. "
                        + "Authorization header requires 'Signature' parameter. "
                        + "Authorization header requires 'SignedHeaders' parameter. "
                        + "Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header. "
                        + "Authorization=AWS4-HMAC-SHA256");
        fails(header("AWS4-HMAC-SHA256 Credential=" + SCOPE + ", Signature=" + SIGNATURE, "x-amz-date",
                        "20250115T120000Z"), AuthFailure.INCOMPLETE_SIGNATURE,
                "Authorization header requires 'SignedHeaders' parameter. Authorization=AWS4-HMAC-SHA256 Credential="
                        + SCOPE + ", Signature=<redacted>");
    }

    @Test
    void anUnsupportedAlgorithmComesFirstForQueryServicesAndAfterTheMissingPartsForJsonOnes() {
        fails(header("AWS4-HMAC-SHA512 Credential=" + SCOPE), AuthFailure.INCOMPLETE_SIGNATURE,
                "Unsupported AWS 'algorithm': 'AWS4-HMAC-SHA512'.");
        fails(header("AWS AKIDEXAMPLE:c2lnbmF0dXJl"), AuthFailure.INCOMPLETE_SIGNATURE,
                "Unsupported AWS 'algorithm': 'AWS'.");
        // kinesalite test/connection.js: 'Authorization: X' lists what is missing.
        fails(header("X"), SigningRules.JSON, AuthFailure.INCOMPLETE_SIGNATURE,
                "Authorization header requires 'Credential' parameter. "
                        + "Authorization header requires 'Signature' parameter. "
                        + "Authorization header requires 'SignedHeaders' parameter. "
                        + "Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header. "
                        + "Authorization=X");
        fails(header("AWS4- Signature=b Credential=a", "date", "a"), SigningRules.JSON,
                AuthFailure.INCOMPLETE_SIGNATURE, "Authorization header requires 'SignedHeaders' parameter. "
                        + "Authorization=AWS4- Signature=<redacted> Credential=a");
        fails(header("AWS4-HMAC-SHA512 Credential=" + SCOPE + ", SignedHeaders=host, Signature=" + SIGNATURE,
                        "x-amz-date", "20250115T120000Z"), SigningRules.JSON, AuthFailure.INCOMPLETE_SIGNATURE,
                "Unsupported AWS 'algorithm': 'AWS4-HMAC-SHA512'.");
    }

    @Test
    void aHeaderPartWithoutEqualsSignIsNotAKeyValuePair() {
        fails(header("AWS4-HMAC-SHA256 Credential=" + SCOPE + ", SignedHeaders, Signature=" + SIGNATURE),
                AuthFailure.INCOMPLETE_SIGNATURE, "'SignedHeaders' not a valid key=value pair (missing equal-sign) in "
                        + "Authorization header: 'AWS4-HMAC-SHA256 Credential=" + SCOPE
                        + ", SignedHeaders, Signature=<redacted>'");
    }

    @Test
    void presignedWithMissingParameters() {
        fails(query("X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=" + SCOPE + "&X-Amz-Date=20250115T120000Z"),
                AuthFailure.INCOMPLETE_SIGNATURE, "AWS query-string parameters must include 'X-Amz-Signature'. "
                        + "AWS query-string parameters must include 'X-Amz-SignedHeaders'. "
                        + "Re-examine the query-string parameters.");
        // kinesalite: an empty X-Amz-Algorithm lists all five.
        fails(query("X-Amz-Algorithm"), SigningRules.JSON, AuthFailure.INCOMPLETE_SIGNATURE,
                "AWS query-string parameters must include 'X-Amz-Algorithm'. "
                        + "AWS query-string parameters must include 'X-Amz-Credential'. "
                        + "AWS query-string parameters must include 'X-Amz-Signature'. "
                        + "AWS query-string parameters must include 'X-Amz-SignedHeaders'. "
                        + "AWS query-string parameters must include 'X-Amz-Date'. "
                        + "Re-examine the query-string parameters.");
        fails(query("X-Amz-Algorithm=a&X-Amz-Credential=b&X-Amz-Signature=c&X-Amz-Date=d"), SigningRules.JSON,
                AuthFailure.INCOMPLETE_SIGNATURE, "AWS query-string parameters must include 'X-Amz-SignedHeaders'. "
                        + "Re-examine the query-string parameters.");
        // scratchstack rule 7a: an unknown algorithm in the query is no authentication.
        fails(query("X-Amz-Algorithm=AWS4-ECDSA-P256-SHA256&X-Amz-Credential=b"), AuthFailure.MISSING_AUTHENTICATION,
                "Request is missing Authentication Token");
    }

    @Test
    void hostMustBeSignedBeforeTheDateIsLookedAt() {
        fails(header("AWS4-HMAC-SHA256 Credential=" + SCOPE + ", SignedHeaders=x-amz-date, Signature=" + SIGNATURE,
                        "x-amz-date", "yesterday"), AuthFailure.SIGNATURE_DOES_NOT_MATCH,
                "'Host' or ':authority' must be a 'SignedHeader' in the AWS Authorization.");
    }

    @Test
    void aDateNotInIsoBasicFormat() {
        fails(header("AWS4-HMAC-SHA256 Credential=" + SCOPE + ", SignedHeaders=host;x-amz-date, Signature="
                        + SIGNATURE, "x-amz-date", "2015/08/30T12/36/00Z"), AuthFailure.INCOMPLETE_SIGNATURE,
                "Date must be in ISO-8601 'basic format'. Got '2015/08/30T12/36/00Z'. "
                        + "See http://en.wikipedia.org/wiki/ISO_8601");
    }

    @Test
    void aPresignedUrlForSqsLivesFifteenMinutesAtMostAndNoLongerThanItsExpires() {
        SdkSigner signer = new SdkSigner(KEY, SECRET, null, "us-east-1", "sqs",
                Clock.fixed(NOW.minus(Duration.ofMinutes(10)), ZoneOffset.UTC));
        WireRequest anHour = signer.presign("http://localhost:4566/?Action=ListQueues", Duration.ofHours(1));
        verifier.verify(anHour, "sqs", store);
        WireRequest oneMinute = signer.presign("http://localhost:4566/?Action=ListQueues", Duration.ofMinutes(1));
        store.lookups = 0;
        fails(oneMinute, AuthFailure.REQUEST_EXPIRED, "Request has expired");
        SdkSigner older = signer.clock(Clock.fixed(NOW.minus(Duration.ofMinutes(16)), ZoneOffset.UTC));
        WireRequest aWeek = older.presign("http://localhost:4566/?Action=ListQueues", Duration.ofDays(7));
        store.lookups = 0;
        fails(aWeek, AuthFailure.REQUEST_EXPIRED, "Signature expired: 20250115T114400Z is now earlier than "
                + "20250115T114500Z (20250115T120000Z - 15 min.)");
    }

    @Test
    void aPresignedS3UrlLivesItsExpires() {
        SdkSigner s3 = new SdkSigner(KEY, SECRET, null, "us-east-1", "sqs",
                Clock.fixed(NOW.minus(Duration.ofMinutes(30)), ZoneOffset.UTC));
        // S3's rules: a presigned URL signs UNSIGNED-PAYLOAD, as S3's presigners do.
        WireRequest anHour = s3.presignUnsignedPayload("http://localhost:4566/bucket/key", Duration.ofHours(1));
        verifier.verify(anHour, "sqs", store, SigningRules.S3);
        WireRequest aMinute = s3.presignUnsignedPayload("http://localhost:4566/bucket/key", Duration.ofMinutes(1));
        store.lookups = 0;
        fails(aMinute, SigningRules.S3, AuthFailure.REQUEST_EXPIRED, "Request has expired");
        String tooLong = aMinute.origin().rawQuery().replace("X-Amz-Expires=60", "X-Amz-Expires=604801");
        fails(SdkSigner.wire("GET", "/bucket/key", tooLong, aMinute.headers(), new byte[0]), SigningRules.S3,
                AuthFailure.INCOMPLETE_SIGNATURE, "X-Amz-Expires must be less than a week (in seconds) that is 604800");
    }

    @Test
    void aCredentialOfOtherThanFiveParts() {
        fails(header("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20250115/us-east-1/sqs, SignedHeaders=host;x-amz-date, "
                        + "Signature=" + SIGNATURE, "x-amz-date", "20250115T120000Z"), AuthFailure.INCOMPLETE_SIGNATURE,
                "Credential must have exactly 5 slash-delimited elements, e.g. keyid/date/region/service/term, "
                        + "got 'AKIDEXAMPLE/20250115/us-east-1/sqs'");
    }

    @Test
    void everyWrongPartOfTheScopeIsNamedInOneMessage() {
        fails(header("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20130101/wrong-region/wrong-service/aws5_request, "
                        + "SignedHeaders=host;x-amz-date, Signature=" + SIGNATURE, "x-amz-date", "20250115T120000Z"),
                AuthFailure.SIGNATURE_DOES_NOT_MATCH,
                "Credential should be scoped to a valid region, not 'wrong-region'. "
                        + "Credential should be scoped to correct service: 'sqs'. "
                        + "Credential should be scoped with a valid terminator: 'aws4_request', not 'aws5_request'. "
                        + "Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: "
                        + "'20130101' != '20250115', from '20250115T120000Z'. ");
    }

    @Test
    void theDateHeaderAndLenientIsoFormsAreReadButTheStringToSignIsBasic() {
        WireRequest rfc1123 = header("AWS4-HMAC-SHA256 Credential=" + SCOPE + ", SignedHeaders=date;host, Signature="
                + SIGNATURE, "date", "Wed, 15 Jan 2025 12:01:00 GMT");
        assertThatThrownBy(() -> verifier.verify(rfc1123, "sqs", store)).isInstanceOfSatisfying(AuthException.class,
                e -> assertThat(e.getMessage()).contains("'AWS4-HMAC-SHA256\n20250115T120100Z\n"));
        // SQS took X-Amz-Date: 20190811T155553+0100 and signed 20190811T145553Z (sqs4s's recorded answer).
        WireRequest offset = header("AWS4-HMAC-SHA256 Credential=" + SCOPE + ", SignedHeaders=host;x-amz-date, "
                + "Signature=" + SIGNATURE, "x-amz-date", "20250115T130000+0100");
        assertThatThrownBy(() -> verifier.verify(offset, "sqs", store)).isInstanceOfSatisfying(AuthException.class,
                e -> assertThat(e.getMessage()).contains("'AWS4-HMAC-SHA256\n20250115T120000Z\n"));
    }

    @Test
    void aChunkSignedPayloadIsRefusedOutsideS3() {
        WireRequest request = header("AWS4-HMAC-SHA256 Credential=" + SCOPE + ", SignedHeaders=host;x-amz-date, "
                        + "Signature=" + SIGNATURE, "x-amz-date", "20250115T120000Z", "x-amz-content-sha256",
                "STREAMING-AWS4-HMAC-SHA256-PAYLOAD");
        assertThatThrownBy(() -> verifier.verify(request, "sqs", store)).isInstanceOfSatisfying(AuthException.class,
                e -> assertThat(e.failure()).isEqualTo(AuthFailure.INCOMPLETE_SIGNATURE));
    }

    @Test
    void aMalformedPayloadHashCannotBeVerified() {
        WireRequest request = header("AWS4-HMAC-SHA256 Credential=" + SCOPE + ", SignedHeaders=host;x-amz-date, "
                + "Signature=" + SIGNATURE, "x-amz-date", "20250115T120000Z", "x-amz-content-sha256", "whatever");
        assertThatThrownBy(() -> verifier.verify(request, "sqs", store)).isInstanceOfSatisfying(AuthException.class,
                e -> assertThat(e.getMessage()).isEqualTo(AuthException.SIGNATURE_MISMATCH));
    }
}
