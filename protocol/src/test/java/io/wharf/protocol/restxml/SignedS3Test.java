package io.wharf.protocol.restxml;

import io.wharf.protocol.Gateway;
import io.wharf.protocol.GatewaySettings;
import io.wharf.protocol.ServiceGateway;
import io.wharf.protocol.auth.AuthMode;
import io.wharf.protocol.auth.CredentialStore;
import io.wharf.protocol.auth.Principal;
import io.wharf.protocol.auth.RequestAuthenticator;
import io.wharf.protocol.auth.SigV4Verifier;
import io.wharf.protocol.wire.WireRequest;
import io.wharf.protocol.wire.WireResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.checksums.DefaultChecksumAlgorithm;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4FamilyHttpSigner;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignRequest;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.UnaryOperator;

import static io.wharf.protocol.restxml.RestXmlGatewayTest.assertS3Error;
import static io.wharf.protocol.restxml.RestXmlGatewayTest.text;
import static io.wharf.protocol.restxml.RestXmlGatewayTest.xml;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * S3 requests signed by the AWS SDK for Java v2's own signer (the oracle), verified by the gateway: chunk-signed
 * uploads with and without a signed trailer, unsigned chunks with a checksum trailer, presigned URLs, and S3's
 * answers to a missing or wrong {@code x-amz-content-sha256} and to a tampered chunk.
 */
class SignedS3Test {
    private static final String KEY = "AKIDEXAMPLE";
    private static final String SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
    private static final Instant NOW = Instant.parse("2026-12-03T07:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    private final FakeS3 s3 = new FakeS3();
    private final CredentialStore store = new CredentialStore() {
        @Override
        public SigningIdentity find(String accessKeyId, String sessionToken, Instant now) {
            if (!accessKeyId.equals(KEY)) {
                throw io.wharf.protocol.auth.AuthException.invalidClientToken();
            }
            return new SigningIdentity(SECRET, Principal.root("123456789012", KEY));
        }

        @Override
        public Principal knownPrincipal(String accessKeyId, String sessionToken, Instant now) {
            return null;
        }
    };
    private final Gateway gateway = new ServiceGateway(List.of(s3), new GatewaySettings("123456789012",
            "us-east-1", null, new RequestAuthenticator(AuthMode.VERIFY, store, new SigV4Verifier(CLOCK),
            "123456789012", "us-east-1", CLOCK), null, null, CLOCK));

    private static byte[] content(int size) {
        byte[] bytes = new byte[size];
        for (int i = 0; i < size; i++) {
            bytes[i] = (byte) ('a' + i % 26);
        }
        return bytes;
    }

    /** A PUT of {@code body} to {@code uri}, signed by the SDK with {@code options}. */
    static WireRequest sign(SdkHttpMethod method, String uri, byte[] body,
                            UnaryOperator<SignRequest.Builder<AwsCredentialsIdentity>> options) {
        SdkHttpRequest.Builder request = SdkHttpRequest.builder().method(method).uri(URI.create(uri));
        if (body != null) {
            request.putHeader("Content-Length", Integer.toString(body.length));
        }
        SignedRequest signed = AwsV4HttpSigner.create().sign(b -> options.apply(b
                .identity(AwsCredentialsIdentity.create(KEY, SECRET))
                .request(request.build())
                .payload(body == null ? null : ContentStreamProvider.fromByteArray(body))
                .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "s3")
                .putProperty(AwsV4HttpSigner.REGION_NAME, "us-east-1")
                .putProperty(AwsV4FamilyHttpSigner.DOUBLE_URL_ENCODE, false)
                .putProperty(AwsV4FamilyHttpSigner.NORMALIZE_PATH, false)
                .putProperty(HttpSigner.SIGNING_CLOCK, CLOCK)));
        byte[] sent = signed.payload().map(SignedS3Test::read).orElse(new byte[0]);
        SdkHttpRequest out = signed.request();
        Map<String, String> headers = new LinkedHashMap<>();
        out.forEachHeader((name, values) -> headers.put(name.toLowerCase(Locale.ROOT), String.join(",", values)));
        headers.putIfAbsent("host", out.getUri().getHost() + ":" + out.getUri().getPort());
        String rawPath = out.getUri().getRawPath();
        String rawQuery = out.getUri().getRawQuery() == null ? "" : out.getUri().getRawQuery();
        WireRequest parsed = RestXmlGatewayTest.request(out.method().name(), rawPath
                + (rawQuery.isEmpty() ? "" : "?" + rawQuery), sent);
        return new WireRequest(parsed.method(), parsed.path(), parsed.query(), headers, sent, parsed.origin());
    }

    private static byte[] read(ContentStreamProvider provider) {
        try (InputStream in = provider.newStream(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            in.transferTo(out);
            return out.toByteArray();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static UnaryOperator<SignRequest.Builder<AwsCredentialsIdentity>> chunked(boolean signedPayload,
                                                                                      boolean trailer) {
        return b -> {
            b.putProperty(AwsV4FamilyHttpSigner.CHUNK_ENCODING_ENABLED, true)
                    .putProperty(AwsV4FamilyHttpSigner.PAYLOAD_SIGNING_ENABLED, signedPayload);
            if (trailer) {
                b.putProperty(AwsV4FamilyHttpSigner.CHECKSUM_ALGORITHM, DefaultChecksumAlgorithm.CRC32);
            }
            return b;
        };
    }

    @Test
    void chunkSignedUploadsVerify() {
        byte[] body = content(200_000);
        WireRequest request = sign(SdkHttpMethod.PUT, "http://localhost:4566/bucket/chunked.bin", body,
                chunked(true, false));
        assertThat(request.header("x-amz-content-sha256")).isEqualTo("STREAMING-AWS4-HMAC-SHA256-PAYLOAD");
        WireResponse response = gateway.handle(request);
        assertThat(response.status()).as(new String(response.body(), StandardCharsets.UTF_8)).isEqualTo(200);
        assertThat(s3.bodies.get("PutObject")).isEqualTo(body);
        assertThat(s3.inputs.get("PutObject").payload("Body").length()).isEqualTo(body.length);
    }

    @Test
    void chunkSignedUploadsWithASignedTrailerVerify() {
        byte[] body = content(70_000);
        WireRequest request = sign(SdkHttpMethod.PUT, "http://localhost:4566/bucket/trailer.bin", body,
                chunked(true, true));
        assertThat(request.header("x-amz-content-sha256")).isEqualTo("STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER");
        WireResponse response = gateway.handle(request);
        assertThat(response.status()).as(new String(response.body(), StandardCharsets.UTF_8)).isEqualTo(200);
        assertThat(s3.bodies.get("PutObject")).isEqualTo(body);
        assertThat(s3.trailers.get("PutObject")).containsKey("x-amz-checksum-crc32");
    }

    @Test
    void unsignedChunksWithATrailerVerify() {
        byte[] body = content(5_000);
        // The SDK leaves chunks unsigned over TLS only.
        WireRequest request = sign(SdkHttpMethod.PUT, "https://localhost:4566/bucket/unsigned.bin", body,
                chunked(false, true));
        assertThat(request.header("x-amz-content-sha256")).isEqualTo("STREAMING-UNSIGNED-PAYLOAD-TRAILER");
        WireResponse response = gateway.handle(request);
        assertThat(response.status()).as(new String(response.body(), StandardCharsets.UTF_8)).isEqualTo(200);
        assertThat(s3.bodies.get("PutObject")).isEqualTo(body);
        assertThat(s3.trailers.get("PutObject")).containsKey("x-amz-checksum-crc32");
    }

    /**
     * SDK v2 signs a key's slashes raw, then its Apache client sends the second of two consecutive slashes as
     * {@code %2F} (after signing, so that the client does not merge them): S3 verifies that request.
     */
    @Test
    void consecutiveSlashesSentAsPercent2FVerifyAsSigned() {
        byte[] body = content(10);
        WireRequest signed = sign(SdkHttpMethod.PUT, "http://localhost:4566/bucket/a//b/", body, b -> b);
        assertThat(signed.origin().rawPath()).isEqualTo("/bucket/a//b/");
        WireRequest parsed = RestXmlGatewayTest.request("PUT", "/bucket/a/%2Fb/", body);
        WireRequest sent = new WireRequest(parsed.method(), parsed.path(), parsed.query(), signed.headers(), body,
                parsed.origin());
        WireResponse response = gateway.handle(sent);
        assertThat(response.status()).as(new String(response.body(), StandardCharsets.UTF_8)).isEqualTo(200);
        assertThat(s3.inputs.get("PutObject").string("Key")).isEqualTo("a//b/");
        // the slash is signed, not dropped: a path with one slash fewer does not verify
        WireRequest fewer = RestXmlGatewayTest.request("PUT", "/bucket/a/b/", body);
        assertThat(gateway.handle(new WireRequest(fewer.method(), fewer.path(), fewer.query(), signed.headers(), body,
                fewer.origin())).status()).isEqualTo(403);
    }

    @Test
    void aTamperedChunkIsSignatureDoesNotMatch() throws Exception {
        byte[] body = content(100_000);
        for (boolean trailer : new boolean[] {false, true}) {
            WireRequest signed = sign(SdkHttpMethod.PUT, "http://localhost:4566/bucket/k", body, chunked(true, trailer));
            byte[] sent = signed.body().clone();
            int data = new String(sent, StandardCharsets.ISO_8859_1).indexOf("\r\n") + 10;
            sent[data] ^= 1;
            WireResponse response = gateway.handle(new WireRequest(signed.method(), signed.path(), signed.query(),
                    signed.headers(), sent, signed.origin()));
            assertS3Error(response, 403, "SignatureDoesNotMatch");
        }
        WireRequest signed = sign(SdkHttpMethod.PUT, "http://localhost:4566/bucket/k", body, chunked(true, true));
        String text = new String(signed.body(), StandardCharsets.ISO_8859_1);
        int checksum = text.indexOf("x-amz-checksum-crc32:") + "x-amz-checksum-crc32:".length();
        byte[] sent = signed.body().clone();
        sent[checksum] = (byte) (sent[checksum] == 'A' ? 'B' : 'A');
        assertS3Error(gateway.handle(new WireRequest(signed.method(), signed.path(), signed.query(), signed.headers(),
                sent, signed.origin())), 403, "SignatureDoesNotMatch");
    }

    @Test
    void aSignedPayloadHashIsCheckedAgainstTheBody(@TempDir Path dir) throws Exception {
        byte[] body = content(1_000);
        WireRequest signed = sign(SdkHttpMethod.PUT, "http://localhost:4566/bucket/plain", body,
                b -> b.putProperty(AwsV4FamilyHttpSigner.CHUNK_ENCODING_ENABLED, false));
        assertThat(gateway.handle(signed).status()).isEqualTo(200);
        assertThat(s3.bodies.get("PutObject")).isEqualTo(body);

        Path spooled = Files.write(dir.resolve("body"), body);
        WireRequest fromFile = new WireRequest(signed.method(), signed.path(), signed.query(), signed.headers(),
                new byte[0], signed.origin(), spooled);
        s3.bodies.clear();
        assertThat(gateway.handle(fromFile).status()).isEqualTo(200);
        assertThat(s3.bodies.get("PutObject")).isEqualTo(body);
        assertThat(s3.inputs.get("PutObject").payload("Body").length()).isEqualTo(body.length);

        byte[] changed = body.clone();
        changed[0] ^= 1;
        WireResponse mismatch = gateway.handle(new WireRequest(signed.method(), signed.path(), signed.query(),
                signed.headers(), new byte[0], signed.origin(), Files.write(dir.resolve("changed"), changed)));
        assertS3Error(mismatch, 400, "XAmzContentSHA256Mismatch");
    }

    @Test
    void aHeaderSignedRequestWithoutContentSha256IsInvalidRequest() throws Exception {
        WireRequest signed = sign(SdkHttpMethod.GET, "http://localhost:4566/bucket", null, b -> b);
        Map<String, String> headers = new LinkedHashMap<>(signed.headers());
        headers.remove("x-amz-content-sha256");
        WireResponse response = gateway.handle(new WireRequest(signed.method(), signed.path(), signed.query(),
                headers, signed.body(), signed.origin()));
        assertS3Error(response, 400, "InvalidRequest");
        assertThat(text(xml(response), "Message")).contains("x-amz-content-sha256");
    }

    @Test
    void authenticationFailuresInS3sWords() throws Exception {
        WireRequest signed = sign(SdkHttpMethod.GET, "http://localhost:4566/bucket", null, b -> b);
        assertThat(gateway.handle(signed).status()).isEqualTo(200);
        String authorization = signed.header("authorization");
        Map<String, String> wrongSignature = new LinkedHashMap<>(signed.headers());
        wrongSignature.put("authorization", authorization.substring(0, authorization.length() - 4) + "0000");
        WireResponse mismatch = gateway.handle(new WireRequest("GET", signed.path(), signed.query(), wrongSignature,
                new byte[0], signed.origin()));
        assertS3Error(mismatch, 403, "SignatureDoesNotMatch");
        assertThat(text(xml(mismatch), "CanonicalRequest")).startsWith("GET\n/bucket\n");
        assertThat(text(xml(mismatch), "StringToSign")).startsWith("AWS4-HMAC-SHA256\n");

        Map<String, String> otherKey = new LinkedHashMap<>(signed.headers());
        otherKey.put("authorization", authorization.replace(KEY + "/", "AKIDUNKNOWN/"));
        assertS3Error(gateway.handle(new WireRequest("GET", signed.path(), signed.query(), otherKey, new byte[0],
                signed.origin())), 403, "InvalidAccessKeyId");

        assertS3Error(gateway.handle(RestXmlGatewayTest.request("GET", "/bucket")), 403, "AccessDenied");
        WireResponse head = gateway.handle(RestXmlGatewayTest.request("HEAD", "/bucket/key"));
        assertThat(head.status()).isEqualTo(403);
        assertThat(head.body()).isEmpty();
    }

    @Test
    void presignedUrlsVerifyUntilTheyExpire() throws Exception {
        WireRequest presigned = sign(SdkHttpMethod.GET, "http://localhost:4566/bucket/key.txt", null, b -> b
                .putProperty(AwsV4FamilyHttpSigner.AUTH_LOCATION, AwsV4FamilyHttpSigner.AuthLocation.QUERY_STRING)
                .putProperty(AwsV4FamilyHttpSigner.EXPIRATION_DURATION, Duration.ofMinutes(5))
                .putProperty(AwsV4FamilyHttpSigner.PAYLOAD_SIGNING_ENABLED, false));
        WireResponse ok = gateway.handle(presigned);
        assertThat(ok.status()).isEqualTo(200);
        assertThat(s3.inputs.get("GetObject").string("Key")).isEqualTo("key.txt");

        Clock later = Clock.fixed(NOW.plus(Duration.ofMinutes(6)), ZoneOffset.UTC);
        Gateway laterGateway = new ServiceGateway(List.of(s3), new GatewaySettings("123456789012", "us-east-1", null,
                new RequestAuthenticator(AuthMode.VERIFY, store, new SigV4Verifier(later), "123456789012",
                        "us-east-1", later), null, null, later));
        WireResponse expired = laterGateway.handle(presigned);
        assertS3Error(expired, 403, "AccessDenied");
        assertThat(text(xml(expired), "Message")).isEqualTo("Request has expired");
    }

    /**
     * A Version 2 presigned URL (what boto3 and {@code aws s3 presign} make for S3): the example of S3's "Query String
     * Request Authentication" documentation, addressed by virtual host; then tampered, then expired.
     */
    @Test
    void versionTwoPresignedUrls() throws Exception {
        CredentialStore example = new CredentialStore() {
            @Override
            public SigningIdentity find(String accessKeyId, String sessionToken, Instant now) {
                if (!accessKeyId.equals("AKIAIOSFODNN7EXAMPLE")) {
                    throw io.wharf.protocol.auth.AuthException.invalidClientToken();
                }
                return new SigningIdentity(SECRET, Principal.root("123456789012", accessKeyId));
            }

            @Override
            public Principal knownPrincipal(String accessKeyId, String sessionToken, Instant now) {
                return null;
            }
        };
        Clock before = Clock.fixed(Instant.ofEpochSecond(1_175_139_620L - 60), ZoneOffset.UTC);
        Clock after = Clock.fixed(Instant.ofEpochSecond(1_175_139_620L + 1), ZoneOffset.UTC);
        String url = "/photos/puppy.jpg?AWSAccessKeyId=AKIAIOSFODNN7EXAMPLE"
                + "&Signature=NpgCjnDzrM%2BWFzoENXmpNDUsSn8%3D&Expires=1175139620";
        Gateway valid = new ServiceGateway(List.of(s3), new GatewaySettings("123456789012", "us-east-1", null,
                new RequestAuthenticator(AuthMode.VERIFY, example, new SigV4Verifier(before), "123456789012",
                        "us-east-1", before), null, null, before));
        WireResponse ok = valid.handle(RestXmlGatewayTest.request("GET", url, "host", "johnsmith.localhost:4566"));
        assertThat(ok.status()).as(new String(ok.body(), StandardCharsets.UTF_8)).isEqualTo(200);
        assertThat(s3.inputs.get("GetObject").string("Bucket")).isEqualTo("johnsmith");
        assertThat(s3.inputs.get("GetObject").string("Key")).isEqualTo("photos/puppy.jpg");

        WireResponse tampered = valid.handle(RestXmlGatewayTest.request("GET", url.replace("puppy", "kitten"),
                "host", "johnsmith.localhost:4566"));
        assertS3Error(tampered, 403, "SignatureDoesNotMatch");
        assertThat(text(xml(tampered), "StringToSign")).isEqualTo("GET\n\n\n1175139620\n/johnsmith/photos/kitten.jpg");

        Gateway later = new ServiceGateway(List.of(s3), new GatewaySettings("123456789012", "us-east-1", null,
                new RequestAuthenticator(AuthMode.VERIFY, example, new SigV4Verifier(after), "123456789012",
                        "us-east-1", after), null, null, after));
        WireResponse expired = later.handle(RestXmlGatewayTest.request("GET", url, "host", "johnsmith.localhost:4566"));
        assertS3Error(expired, 403, "AccessDenied");
        assertThat(text(xml(expired), "Message")).isEqualTo("Request has expired");
    }
}
