package io.wharf.protocol.restxml;

import io.wharf.protocol.JdkHttpBridge;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CommonPrefix;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;
import software.amazon.awssdk.services.s3.model.Tag;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The AWS SDK for Java v2's S3 client (its defaults: flexible checksums, aws-chunked uploads, path style here) against
 * the gateway with a fake S3 on the real model, through a stand-in front door ({@link JdkHttpBridge}), signatures
 * verified: what the SDK sends decodes, what Wharf answers the SDK reads — the codec's oracle before the S3 service
 * exists.
 */
class SdkS3ClientTest {
    private static final String KEY = "AKIDEXAMPLE";
    private static final String SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";

    private static final FakeS3 S3 = new FakeS3();
    private static JdkHttpBridge bridge;
    private static S3Client client;

    @BeforeAll
    static void start() throws Exception {
        bridge = JdkHttpBridge.verifying(S3, KEY, SECRET);
        client = client(SECRET);
    }

    private static S3Client client(String secret) {
        return S3Client.builder()
                .endpointOverride(URI.create("http://127.0.0.1:" + bridge.port()))
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(KEY, secret)))
                .forcePathStyle(true)
                .httpClient(UrlConnectionHttpClient.create())
                .build();
    }

    @AfterAll
    static void stop() {
        client.close();
        bridge.close();
    }

    @BeforeEach
    void forget() {
        S3.inputs.clear();
        S3.bodies.clear();
        S3.trailers.clear();
    }

    @Test
    void listBuckets() {
        var buckets = client.listBuckets();
        assertThat(buckets.buckets()).hasSize(1);
        assertThat(buckets.buckets().get(0).name()).isEqualTo("one");
        assertThat(buckets.buckets().get(0).creationDate()).isEqualTo(Instant.ofEpochMilli(FakeS3.LAST_MODIFIED));
        assertThat(buckets.owner().id()).isEqualTo("owner-id");
        // (The SDK's response metadata would show x-amz-request-id; the JDK server of this bridge re-cases header names
        // to X-amz-request-id, which the SDK's lookup misses. The real front door keeps the case it is given.)
        assertThat(buckets.sdkHttpResponse().firstMatchingHeader("x-amz-request-id")).isPresent();
    }

    @Test
    void putObjectWithTheDefaultChecksumTrailer() {
        byte[] content = new byte[300_000];
        for (int i = 0; i < content.length; i++) {
            content[i] = (byte) (i * 31);
        }
        var put = client.putObject(b -> b.bucket("bucket").key("dir/object.bin").contentType("application/x-test")
                .metadata(java.util.Map.of("Color", "blue")), RequestBody.fromBytes(content));
        assertThat(put.eTag()).isEqualTo("\"etag\"");
        assertThat(S3.bodies.get("PutObject")).isEqualTo(content);
        assertThat(S3.trailers.get("PutObject")).containsKey("x-amz-checksum-crc32");
        var input = S3.inputs.get("PutObject");
        assertThat(input.string("Key")).isEqualTo("dir/object.bin");
        assertThat(input.string("ContentType")).isEqualTo("application/x-test");
        assertThat(input.stringMap("Metadata")).containsEntry("color", "blue");
        assertThat(input.has("ContentEncoding")).isFalse();
        assertThat(input.payload("Body").length()).isEqualTo(content.length);

        var streamed = client.putObject(b -> b.bucket("bucket").key("stream"),
                RequestBody.fromInputStream(new ByteArrayInputStream(content), content.length));
        assertThat(streamed.eTag()).isEqualTo("\"etag\"");
        assertThat(S3.bodies.get("PutObject")).isEqualTo(content);
    }

    @Test
    void getAndHeadObject() {
        ResponseBytes<GetObjectResponse> object = client.getObjectAsBytes(b -> b.bucket("bucket").key("a b/c.txt"));
        assertThat(object.asByteArray()).isEqualTo(FakeS3.OBJECT);
        assertThat(object.response().contentType()).isEqualTo("text/plain");
        assertThat(object.response().metadata()).containsEntry("color", "blue");
        assertThat(object.response().lastModified()).isEqualTo(Instant.ofEpochMilli(FakeS3.LAST_MODIFIED));
        assertThat(S3.inputs.get("GetObject").string("Key")).isEqualTo("a b/c.txt");

        var head = client.headObject(b -> b.bucket("bucket").key("k"));
        assertThat(head.contentLength()).isEqualTo(FakeS3.OBJECT.length);
        assertThat(head.eTag()).isEqualTo("\"etag\"");
        assertThatThrownBy(() -> client.headObject(b -> b.bucket("bucket").key("missing")))
                .isInstanceOfSatisfying(NoSuchKeyException.class, e -> assertThat(e.statusCode()).isEqualTo(404));
    }

    @Test
    void rangedAndConditionalGets() {
        var ranged = client.getObjectAsBytes(b -> b.bucket("bucket").key("k").range("bytes=0-"));
        assertThat(ranged.response().contentRange()).isEqualTo("bytes 0-12/13");
        assertThat(ranged.response().sdkHttpResponse().statusCode()).isEqualTo(206);
        assertThat(ranged.asByteArray()).isEqualTo(FakeS3.OBJECT);
        assertThatThrownBy(() -> client.getObjectAsBytes(b -> b.bucket("bucket").key("k").ifNoneMatch("\"etag\"")))
                .isInstanceOfSatisfying(S3Exception.class, e -> assertThat(e.statusCode()).isEqualTo(304));
    }

    @Test
    void errorsAreTheSdksTypedExceptions() {
        assertThatThrownBy(() -> client.deleteObject(b -> b.bucket("bucket").key("gone")))
                .isInstanceOfSatisfying(NoSuchKeyException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(404);
                    assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("The specified key does not exist.");
                    assertThat(e.requestId()).matches("[0-9A-F]{16}");
                    assertThat(e.extendedRequestId()).isNotBlank();
                });
        assertThatThrownBy(() -> client.getBucketAcl(b -> b.bucket("bucket")))
                .isInstanceOfSatisfying(S3Exception.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(501);
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("NotImplemented");
                });
        try (S3Client wrong = client("not-the-secret")) {
            assertThatThrownBy(() -> wrong.listBuckets()).isInstanceOfSatisfying(S3Exception.class, e -> {
                assertThat(e.statusCode()).isEqualTo(403);
                assertThat(e.awsErrorDetails().errorCode()).isEqualTo("SignatureDoesNotMatch");
            });
        }
    }

    @Test
    void listObjectsV2() {
        ListObjectsV2Response list = client.listObjectsV2(b -> b.bucket("bucket").prefix("a/").delimiter("/")
                .maxKeys(5));
        assertThat(list.contents()).extracting(S3Object::key).containsExactly("a/1", "a/2 & <b>");
        assertThat(list.contents().get(0).size()).isEqualTo(3L);
        assertThat(list.contents().get(0).lastModified()).isEqualTo(Instant.ofEpochMilli(FakeS3.LAST_MODIFIED));
        assertThat(list.commonPrefixes()).extracting(CommonPrefix::prefix).containsExactly("a/");
        assertThat(list.keyCount()).isEqualTo(2);
        assertThat(list.isTruncated()).isFalse();
        var input = S3.inputs.get("ListObjectsV2");
        assertThat(input.string("Prefix")).isEqualTo("a/");
        assertThat(input.integer("MaxKeys")).isEqualTo(5);
    }

    @Test
    void multipartAndBatchOperations() {
        var created = client.createMultipartUpload(b -> b.bucket("bucket").key("big"));
        assertThat(created.uploadId()).isEqualTo("upload-1");
        var part = client.uploadPart(b -> b.bucket("bucket").key("big").uploadId("upload-1").partNumber(2),
                RequestBody.fromString("part two"));
        assertThat(part.eTag()).isEqualTo("\"part\"");
        assertThat(S3.inputs.get("UploadPart").integer("PartNumber")).isEqualTo(2);
        assertThat(S3.bodies.get("UploadPart")).asString(StandardCharsets.UTF_8).isEqualTo("part two");

        var deleted = client.deleteObjects(b -> b.bucket("bucket").delete(d -> d.objects(
                ObjectIdentifier.builder().key("x").build(), ObjectIdentifier.builder().key("y/z").build())));
        assertThat(deleted.deleted()).extracting(d -> d.key()).containsExactly("x", "y/z");

        var copy = client.copyObject(b -> b.sourceBucket("src").sourceKey("from key").destinationBucket("bucket")
                .destinationKey("to"));
        assertThat(copy.copyObjectResult().eTag()).isEqualTo("\"copy\"");
        assertThat(S3.inputs.get("CopyObject").string("CopySource")).contains("src/from");
    }

    @Test
    void bucketConfiguration() {
        assertThat(client.getBucketLocation(b -> b.bucket("bucket")).locationConstraintAsString())
                .isEqualTo("eu-west-1");
        client.putBucketTagging(b -> b.bucket("bucket").tagging(t -> t.tagSet(
                Tag.builder().key("team").value("wharf").build())));
        assertThat(S3.inputs.get("PutBucketTagging").struct("Tagging").structs("TagSet").get(0).string("Value"))
                .isEqualTo("wharf");
        assertThat(client.getObjectTagging(b -> b.bucket("bucket").key("k")).tagSet())
                .containsExactly(Tag.builder().key("k").value("v").build());
        assertThat(client.getBucketPolicy(b -> b.bucket("bucket")).policy()).isEqualTo("{\"Version\":\"2012-10-17\"}");
        client.createBucket(b -> b.bucket("new").createBucketConfiguration(c -> c.locationConstraint("eu-west-1")));
        assertThat(S3.inputs.get("CreateBucket").struct("CreateBucketConfiguration").string("LocationConstraint"))
                .isEqualTo("eu-west-1");
    }

    @Test
    void presignedGet() throws Exception {
        try (S3Presigner presigner = S3Presigner.builder()
                .endpointOverride(URI.create("http://127.0.0.1:" + bridge.port()))
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(KEY, SECRET)))
                .serviceConfiguration(software.amazon.awssdk.services.s3.S3Configuration.builder()
                        .pathStyleAccessEnabled(true).build())
                .build()) {
            URI url = presigner.presignGetObject(b -> b.signatureDuration(Duration.ofMinutes(5))
                    .getObjectRequest(g -> g.bucket("bucket").key("shared.txt"))).url().toURI();
            HttpURLConnection connection = (HttpURLConnection) url.toURL().openConnection();
            try (InputStream in = connection.getInputStream()) {
                assertThat(connection.getResponseCode()).isEqualTo(200);
                assertThat(in.readAllBytes()).isEqualTo(FakeS3.OBJECT);
            }
            assertThat(S3.inputs.get("GetObject").string("Key")).isEqualTo("shared.txt");
        }
    }
}
