package io.wharf.it.s3.aws;

import io.wharf.protocol.auth.AuthMode;
import io.wharf.testkit.Clients;
import io.wharf.testkit.WharfServerExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4FamilyHttpSigner;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Presigned URLs used by a plain HTTP client (java.net.http), as a browser or curl would: GET and PUT, against a
 * server that verifies signatures (as AWS always does), so an expired or altered URL is refused with S3's XML.
 */
class S3PresignIT {
    @RegisterExtension
    static final WharfServerExtension WHARF = WharfServerExtension.builder().auth(AuthMode.VERIFY).build();

    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private static S3Client s3;
    private static S3Presigner presigner;
    private static String bucket;

    private static URI endpoint() {
        return S3TestBase.againstWharf() ? WHARF.endpoint()
                : URI.create(System.getProperty(S3TestBase.ENDPOINT_PROPERTY).strip());
    }

    @BeforeAll
    static void clients() {
        s3 = Clients.s3(endpoint());
        presigner = Clients.s3Presigner(endpoint());
        bucket = S3TestBase.uniqueBucket("presign");
        s3.createBucket(r -> r.bucket(bucket));
    }

    @AfterAll
    static void close() {
        if (s3 != null) {
            s3.close();
            presigner.close();
        }
    }

    private static HttpResponse<String> get(URI url) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(url).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void aPresignedGetServesTheObject() throws Exception {
        s3.putObject(r -> r.bucket(bucket).key("dir/hello world.txt").contentType("text/plain"),
                RequestBody.fromString("hello from a presigned URL"));
        URI url = presigner.presignGetObject(p -> p.signatureDuration(Duration.ofMinutes(5))
                .getObjectRequest(g -> g.bucket(bucket).key("dir/hello world.txt"))).url().toURI();
        assertThat(url.getRawQuery()).contains("X-Amz-Signature=").contains("X-Amz-Expires=300");
        HttpResponse<String> response = get(url);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("hello from a presigned URL");
        assertThat(response.headers().firstValue("Content-Type")).contains("text/plain");
        assertThat(response.headers().firstValue("ETag")).contains(
                S3TestBase.etagOf("hello from a presigned URL".getBytes()));
    }

    @Test
    void aPresignedPutStoresTheBody() throws Exception {
        URI url = presigner.presignPutObject(p -> p.signatureDuration(Duration.ofMinutes(5))
                .putObjectRequest(o -> o.bucket(bucket).key("uploaded.json").contentType("application/json")))
                .url().toURI();
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(url)
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString("{\"via\":\"presigned put\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(response.headers().firstValue("ETag")).contains(
                S3TestBase.etagOf("{\"via\":\"presigned put\"}".getBytes()));
        var stored = s3.getObjectAsBytes(r -> r.bucket(bucket).key("uploaded.json"));
        assertThat(stored.asUtf8String()).isEqualTo("{\"via\":\"presigned put\"}");
        assertThat(stored.response().contentType()).isEqualTo("application/json");
    }

    @Test
    void anExpiredUrlIsAccessDenied() throws Exception {
        s3.putObject(r -> r.bucket(bucket).key("old"), RequestBody.fromString("x"));
        // signed an hour ago, valid for a minute: the SDK's own signer, with its clock set back
        Clock anHourAgo = Clock.fixed(Instant.now().minus(Duration.ofHours(1)), ZoneOffset.UTC);
        SdkHttpRequest request = SdkHttpRequest.builder().method(SdkHttpMethod.GET)
                .uri(URI.create(endpoint() + "/" + bucket + "/old")).build();
        SdkHttpRequest signed = AwsV4HttpSigner.create().sign(r -> r
                .identity(AwsCredentialsIdentity.create(Clients.ACCESS_KEY_ID, Clients.SECRET))
                .request(request)
                .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "s3")
                .putProperty(AwsV4HttpSigner.REGION_NAME, Clients.REGION.id())
                .putProperty(AwsV4HttpSigner.AUTH_LOCATION, AwsV4FamilyHttpSigner.AuthLocation.QUERY_STRING)
                .putProperty(AwsV4HttpSigner.EXPIRATION_DURATION, Duration.ofMinutes(1))
                .putProperty(AwsV4HttpSigner.PAYLOAD_SIGNING_ENABLED, false)
                .putProperty(AwsV4HttpSigner.DOUBLE_URL_ENCODE, false)
                .putProperty(AwsV4HttpSigner.NORMALIZE_PATH, false)
                .putProperty(AwsV4HttpSigner.SIGNING_CLOCK, anHourAgo)).request();
        HttpResponse<String> response = get(signed.getUri());
        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.body()).contains("<Code>AccessDenied</Code>").contains("<Message>Request has expired</Message>");
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/xml"));
    }

    @Test
    void anAlteredUrlIsSignatureDoesNotMatch() throws Exception {
        s3.putObject(r -> r.bucket(bucket).key("a"), RequestBody.fromString("a"));
        s3.putObject(r -> r.bucket(bucket).key("b"), RequestBody.fromString("b"));
        String url = presigner.presignGetObject(p -> p.signatureDuration(Duration.ofMinutes(5))
                .getObjectRequest(g -> g.bucket(bucket).key("a"))).url().toString();
        HttpResponse<String> response = get(URI.create(url.replace("/" + bucket + "/a?", "/" + bucket + "/b?")));
        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.body()).contains("<Code>SignatureDoesNotMatch</Code>");
    }
}
