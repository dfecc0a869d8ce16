package io.wharf.protocol.auth;

import io.wharf.protocol.wire.WireRequest;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The signer against AWS's documented SigV4 examples (the S3 API reference's "Signature Calculations for the
 * Authorization Header: Transferring Payload in a Single Chunk" GET and PUT object examples, and the general SigV4
 * reference's IAM ListUsers example), then round-tripped through Wharf's own verifier.
 */
class SigV4SignerTest {
    private static final String S3_KEY = "AKIAIOSFODNN7EXAMPLE";
    private static final String S3_SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
    private static final Instant S3_TIME = Instant.parse("2013-05-24T00:00:00Z");
    private static final String EMPTY_SHA256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

    private final SigV4Signer s3 = new SigV4Signer(S3_KEY, S3_SECRET, "us-east-1", "s3", SigningRules.S3);

    @Test
    void awsS3GetObjectExample() {
        Map<String, String> headers = s3.sign("GET", "/test.txt", "",
                Map.of("Host", "examplebucket.s3.amazonaws.com", "Range", "bytes=0-9"), EMPTY_SHA256, S3_TIME);
        assertThat(headers).containsEntry("x-amz-date", "20130524T000000Z")
                .containsEntry("x-amz-content-sha256", EMPTY_SHA256)
                .containsEntry("authorization", "AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/"
                        + "aws4_request,SignedHeaders=host;range;x-amz-content-sha256;x-amz-date,"
                        + "Signature=f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41");
    }

    @Test
    void awsS3PutObjectExample() {
        byte[] body = "Welcome to Amazon S3.".getBytes(StandardCharsets.UTF_8);
        String hash = SigV4Signer.sha256Hex(body);
        assertThat(hash).isEqualTo("44ce7dd67c959e0d3524ffac1771dfbba87d2b6b4b4e99e42034a8b803f8b072");
        Map<String, String> headers = s3.sign("PUT", "/test%24file.text", "",
                Map.of("Host", "examplebucket.s3.amazonaws.com", "Date", "Fri, 24 May 2013 00:00:00 GMT",
                        "x-amz-storage-class", "REDUCED_REDUNDANCY"), hash, S3_TIME);
        assertThat(headers.get("authorization")).isEqualTo("AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/"
                + "us-east-1/s3/aws4_request,SignedHeaders=date;host;x-amz-content-sha256;x-amz-date;x-amz-storage-class,"
                + "Signature=98ad721746da40c64f1a55b78f14c238d841ea1380cd77a1b5971af0ece108bd");
    }

    @Test
    void awsGeneralIamExample() {
        SigV4Signer iam = new SigV4Signer("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", "us-east-1", "iam",
                SigningRules.QUERY);
        Map<String, String> headers = iam.sign("GET", "/", "Action=ListUsers&Version=2010-05-08",
                Map.of("Host", "iam.amazonaws.com", "Content-Type", "application/x-www-form-urlencoded; charset=utf-8"),
                EMPTY_SHA256, Instant.parse("2015-08-30T12:36:00Z"));
        assertThat(headers).doesNotContainKey("x-amz-content-sha256");
        assertThat(headers.get("authorization")).isEqualTo("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/"
                + "iam/aws4_request,SignedHeaders=content-type;host;x-amz-date,"
                + "Signature=5d672d79c15b13162d9279b0855cfba6789a8edb4c82c400e06b5924a6f2b5d7");
    }

    @Test
    void whatItSignsWharfsVerifierAccepts() {
        Instant now = Instant.parse("2026-01-15T10:00:00Z");
        byte[] body = "records\n".getBytes(StandardCharsets.UTF_8);
        String rawPath = "/bucket/2026/01/15/10/stream-1-2026-01-15-10-00-00-%C3%A9%20x";
        Map<String, String> given = new LinkedHashMap<>();
        given.put("host", "127.0.0.1:4566");
        given.put("content-md5", "abc");
        Map<String, String> signed = s3.sign("PUT", rawPath, "", given, SigV4Signer.sha256Hex(body), now);
        WireRequest request = new WireRequest("PUT", "/bucket/…", Map.of(), signed, body,
                new WireRequest.Origin(rawPath, "", "127.0.0.1", false));
        SigV4Verifier verifier = new SigV4Verifier(Clock.fixed(now, ZoneOffset.UTC));
        FakeCredentialStore credentials = new FakeCredentialStore().withKey(S3_KEY, S3_SECRET, "000000000000");
        assertThat(verifier.verify(request, "s3", credentials, SigningRules.S3).credential().accessKeyId())
                .isEqualTo(S3_KEY);

        Map<String, String> tampered = new LinkedHashMap<>(signed);
        tampered.put("content-md5", "abd");
        WireRequest changed = new WireRequest("PUT", "/bucket/…", Map.of(), tampered, body,
                new WireRequest.Origin(rawPath, "", "127.0.0.1", false));
        assertThatThrownBy(() -> verifier.verify(changed, "s3", credentials, SigningRules.S3))
                .isInstanceOf(AuthException.class);
    }

    @Test
    void needsTheHostAndNeverShowsTheSecret() {
        assertThatThrownBy(() -> s3.sign("GET", "/", "", Map.of(), EMPTY_SHA256, S3_TIME))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(s3.toString()).contains(S3_KEY).doesNotContain(S3_SECRET);
        assertThat(List.of(s3.sign("GET", "/", "", Map.of("host", "h"), SigV4Signer.UNSIGNED_PAYLOAD, S3_TIME)
                .get("x-amz-content-sha256"))).containsExactly("UNSIGNED-PAYLOAD");
    }

    /** The AWS SDK for Java v2's own signer (S3's rules: no double encoding, no normalisation) signs the same. */
    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"/b/k", "/b/a%20b/c%2Bd~e", "/b/caf%C3%A9/%E2%82%AC",
            "/b/2026/01/15/10/s-1-2026-01-15-10-00-00-6f1d", "/b/x//y/./z", "/b/%21%7Bfirehose%3Aerror-output-type%7D"})
    void matchesTheSdksSignerForS3Puts(String rawPath) {
        Instant now = Instant.parse("2026-02-03T04:05:06Z");
        byte[] body = ("body of " + rawPath).getBytes(StandardCharsets.UTF_8);
        String hash = SigV4Signer.sha256Hex(body);
        software.amazon.awssdk.http.SdkHttpRequest request = software.amazon.awssdk.http.SdkHttpRequest.builder()
                .method(software.amazon.awssdk.http.SdkHttpMethod.PUT)
                .uri(java.net.URI.create("http://127.0.0.1:9000" + rawPath))
                .putHeader("Content-MD5", "1B2M2Y8AsgTpgAmY7PhCfg==").putHeader("x-amz-content-sha256", hash).build();
        var sdk = software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner.create().sign(b -> b
                .identity(software.amazon.awssdk.identity.spi.AwsCredentialsIdentity.create(S3_KEY, S3_SECRET))
                .request(request)
                .payload(software.amazon.awssdk.http.ContentStreamProvider.fromByteArray(body))
                .putProperty(software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner.SERVICE_SIGNING_NAME, "s3")
                .putProperty(software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner.REGION_NAME, "eu-west-1")
                .putProperty(software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner.DOUBLE_URL_ENCODE, false)
                .putProperty(software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner.NORMALIZE_PATH, false)
                .putProperty(software.amazon.awssdk.http.auth.spi.signer.HttpSigner.SIGNING_CLOCK,
                        Clock.fixed(now, ZoneOffset.UTC)));
        String expected = sdk.request().firstMatchingHeader("Authorization").orElseThrow();
        SigV4Signer ours = new SigV4Signer(S3_KEY, S3_SECRET, "eu-west-1", "s3", SigningRules.S3);
        Map<String, String> signed = ours.sign("PUT", rawPath, "",
                Map.of("host", "127.0.0.1:9000", "content-md5", "1B2M2Y8AsgTpgAmY7PhCfg=="), hash, now);
        // SDK v2 separates the parts with ", ", AWS's documented examples (and this signer) with ","
        assertThat(signed.get("authorization")).isEqualTo(expected.replace(", ", ","));
    }
}
