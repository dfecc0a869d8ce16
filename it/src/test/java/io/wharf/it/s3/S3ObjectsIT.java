package io.wharf.it.s3;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.model.ChecksumAlgorithm;
import software.amazon.awssdk.services.s3.model.ChecksumMode;
import software.amazon.awssdk.services.s3.model.Delete;
import software.amazon.awssdk.services.s3.model.DeleteObjectsResponse;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.MetadataDirective;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;
import software.amazon.awssdk.services.s3.model.Tag;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** Objects through the SDK: put, get, head, ranges, conditions, checksums, delete, copy, tagging. */
class S3ObjectsIT extends S3TestBase {
    private String bucket;

    @BeforeEach
    void createBucket() {
        bucket = bucket();
    }

    private static String md5Hex(byte[] b) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(b));
    }

    @Test
    void putThenGetWithHeadersAndMetadata() throws Exception {
        byte[] content = new byte[300_000];
        new Random(1).nextBytes(content);
        var put = s3.putObject(r -> r.bucket(bucket).key("dir/file.bin").contentType("application/x-test")
                .cacheControl("max-age=60").contentDisposition("attachment").contentLanguage("en")
                .metadata(Map.of("Color", "blue")), RequestBody.fromBytes(content));
        assertThat(put.eTag()).isEqualTo('"' + md5Hex(content) + '"');
        ResponseBytes<GetObjectResponse> got = s3.getObjectAsBytes(r -> r.bucket(bucket).key("dir/file.bin"));
        assertThat(got.asByteArray()).isEqualTo(content);
        GetObjectResponse meta = got.response();
        assertThat(meta.eTag()).isEqualTo(put.eTag());
        assertThat(meta.contentLength()).isEqualTo(content.length);
        assertThat(meta.contentType()).isEqualTo("application/x-test");
        assertThat(meta.cacheControl()).isEqualTo("max-age=60");
        assertThat(meta.contentDisposition()).isEqualTo("attachment");
        assertThat(meta.contentLanguage()).isEqualTo("en");
        assertThat(meta.metadata()).containsEntry("color", "blue");
        assertThat(meta.lastModified()).isBefore(Instant.now().plusSeconds(5));
        HeadObjectResponse head = s3.headObject(r -> r.bucket(bucket).key("dir/file.bin"));
        assertThat(head.contentLength()).isEqualTo(content.length);
        assertThat(head.eTag()).isEqualTo(put.eTag());
        assertThat(head.acceptRanges()).isEqualTo("bytes");
    }

    @Test
    void aLargePlainBodyIsTakenFromTheSpoolFile() throws Exception {
        // without flexible checksums the SDK sends a plain body: above 1 MiB the front door spools it to a file,
        // which the engine moves into the object directory instead of copying
        byte[] content = new byte[3 * 1024 * 1024 + 17];
        new Random(2).nextBytes(content);
        try (var plain = software.amazon.awssdk.services.s3.S3Client.builder().endpointOverride(WHARF.endpoint())
                .region(software.amazon.awssdk.regions.Region.US_EAST_1)
                .credentialsProvider(io.wharf.testkit.Clients.CREDENTIALS).forcePathStyle(true)
                .requestChecksumCalculation(software.amazon.awssdk.core.checksums.RequestChecksumCalculation
                        .WHEN_REQUIRED).build()) {
            var put = plain.putObject(r -> r.bucket(bucket).key("large"), RequestBody.fromBytes(content));
            assertThat(put.eTag()).isEqualTo('"' + md5Hex(content) + '"');
        }
        assertThat(s3.getObjectAsBytes(r -> r.bucket(bucket).key("large")).asByteArray()).isEqualTo(content);
    }

    @Test
    void missingKeysAndBuckets() {
        var e = error(() -> s3.getObject(r -> r.bucket(bucket).key("nope")));
        assertThat(e.statusCode()).isEqualTo(404);
        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("NoSuchKey");
        assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("The specified key does not exist.");
        assertError(() -> s3.headObject(r -> r.bucket(bucket).key("nope")), 404, null);
        assertError(() -> s3.putObject(r -> r.bucket("no-such-bucket-here").key("k"), RequestBody.fromString("v")),
                404, "NoSuchBucket");
    }

    @Test
    void checksumsAreVerifiedAndReturned() {
        var put = s3.putObject(r -> r.bucket(bucket).key("c").checksumAlgorithm(ChecksumAlgorithm.SHA256),
                RequestBody.fromString("checked"));
        assertThat(put.checksumSHA256()).isNotNull();
        var head = s3.headObject(r -> r.bucket(bucket).key("c").checksumMode(ChecksumMode.ENABLED));
        assertThat(head.checksumSHA256()).isEqualTo(put.checksumSHA256());
        String wrongMd5 = Base64.getEncoder().encodeToString(new byte[16]);
        assertError(() -> s3.putObject(r -> r.bucket(bucket).key("bad").contentMD5(wrongMd5),
                RequestBody.fromString("content")), 400, "BadDigest");
        assertError(() -> s3.putObject(r -> r.bucket(bucket).key("bad").checksumCRC32("AAAAAA=="),
                RequestBody.fromString("content")), 400, "BadDigest");
        assertError(() -> s3.headObject(r -> r.bucket(bucket).key("bad")), 404, null);
        // the SDK's default: a CRC32 trailer it checks on the way back
        s3.putObject(r -> r.bucket(bucket).key("default"), RequestBody.fromString("default checksum"));
        assertThat(s3.getObjectAsBytes(r -> r.bucket(bucket).key("default").checksumMode(ChecksumMode.ENABLED))
                .asUtf8String()).isEqualTo("default checksum");
    }

    @Test
    void rangesAnswer206OrInvalidRange() {
        put(bucket, "r", "0123456789");
        var part = s3.getObjectAsBytes(r -> r.bucket(bucket).key("r").range("bytes=2-5"));
        assertThat(part.asUtf8String()).isEqualTo("2345");
        assertThat(part.response().contentRange()).isEqualTo("bytes 2-5/10");
        assertThat(part.response().contentLength()).isEqualTo(4);
        assertThat(s3.getObjectAsBytes(r -> r.bucket(bucket).key("r").range("bytes=-3")).asUtf8String())
                .isEqualTo("789");
        var e = error(() -> s3.getObjectAsBytes(r -> r.bucket(bucket).key("r").range("bytes=10-")));
        assertThat(e.statusCode()).isEqualTo(416);
        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidRange");
    }

    @Test
    void conditionalReadsAndWrites() {
        String etag = s3.putObject(r -> r.bucket(bucket).key("c"), RequestBody.fromString("v1")).eTag();
        s3.getObjectAsBytes(r -> r.bucket(bucket).key("c").ifMatch(etag));
        assertError(() -> s3.getObjectAsBytes(r -> r.bucket(bucket).key("c").ifMatch("\"other\"")), 412,
                "PreconditionFailed");
        assertError(() -> s3.getObjectAsBytes(r -> r.bucket(bucket).key("c").ifNoneMatch(etag)), 304, null);
        assertError(() -> s3.headObject(r -> r.bucket(bucket).key("c")
                .ifModifiedSince(Instant.now().plusSeconds(3600))), 304, null);
        assertError(() -> s3.headObject(r -> r.bucket(bucket).key("c")
                .ifUnmodifiedSince(Instant.now().minusSeconds(3600))), 412, null);

        assertError(() -> s3.putObject(r -> r.bucket(bucket).key("c").ifNoneMatch("*"), RequestBody.fromString("v2")),
                412, "PreconditionFailed");
        s3.putObject(r -> r.bucket(bucket).key("fresh").ifNoneMatch("*"), RequestBody.fromString("new"));
        assertError(() -> s3.putObject(r -> r.bucket(bucket).key("c").ifMatch("\"nope\""), RequestBody.fromString("v2")),
                412, "PreconditionFailed");
        s3.putObject(r -> r.bucket(bucket).key("c").ifMatch(etag), RequestBody.fromString("v2"));
        assertThat(s3.getObjectAsBytes(r -> r.bucket(bucket).key("c")).asUtf8String()).isEqualTo("v2");
    }

    @Test
    void deleteIsIdempotentAndDeleteObjectsAnswersPerKey() {
        put(bucket, "a", "1");
        put(bucket, "b", "2");
        s3.deleteObject(r -> r.bucket(bucket).key("a"));
        s3.deleteObject(r -> r.bucket(bucket).key("a"));
        assertError(() -> s3.headObject(r -> r.bucket(bucket).key("a")), 404, null);
        DeleteObjectsResponse many = s3.deleteObjects(r -> r.bucket(bucket).delete(Delete.builder().objects(
                ObjectIdentifier.builder().key("b").build(), ObjectIdentifier.builder().key("missing").build()).build()));
        assertThat(many.deleted()).extracting(d -> d.key()).containsExactlyInAnyOrder("b", "missing");
        assertThat(many.errors()).isEmpty();
        put(bucket, "q", "3");
        DeleteObjectsResponse quiet = s3.deleteObjects(r -> r.bucket(bucket).delete(Delete.builder().quiet(true)
                .objects(ObjectIdentifier.builder().key("q").build()).build()));
        assertThat(quiet.deleted()).isEmpty();
        assertThat(s3.listObjectsV2(r -> r.bucket(bucket)).keyCount()).isZero();
    }

    @Test
    void copyWithDirectivesConditionsAndEncodedKeys() {
        s3.putObject(r -> r.bucket(bucket).key("src dir/ü+1.txt").contentType("text/plain")
                .metadata(Map.of("m", "1")), RequestBody.fromString("payload"));
        String other = bucket();
        var copied = s3.copyObject(r -> r.sourceBucket(bucket).sourceKey("src dir/ü+1.txt")
                .destinationBucket(other).destinationKey("copy"));
        assertThat(copied.copyObjectResult().eTag()).isNotBlank();
        var head = s3.headObject(r -> r.bucket(other).key("copy"));
        assertThat(head.contentType()).isEqualTo("text/plain");
        assertThat(head.metadata()).containsEntry("m", "1");
        s3.copyObject(r -> r.sourceBucket(bucket).sourceKey("src dir/ü+1.txt").destinationBucket(other)
                .destinationKey("replaced").metadataDirective(MetadataDirective.REPLACE).metadata(Map.of("n", "2")));
        assertThat(s3.headObject(r -> r.bucket(other).key("replaced")).metadata()).containsOnlyKeys("n");
        assertThat(s3.getObjectAsBytes(r -> r.bucket(other).key("replaced")).asUtf8String()).isEqualTo("payload");
        assertError(() -> s3.copyObject(r -> r.sourceBucket(bucket).sourceKey("src dir/ü+1.txt")
                .destinationBucket(bucket).destinationKey("src dir/ü+1.txt")), 400, "InvalidRequest");
        assertError(() -> s3.copyObject(r -> r.sourceBucket(bucket).sourceKey("src dir/ü+1.txt")
                .destinationBucket(other).destinationKey("x").copySourceIfMatch("\"nope\"")), 412,
                "PreconditionFailed");
        assertError(() -> s3.copyObject(r -> r.sourceBucket(bucket).sourceKey("missing")
                .destinationBucket(other).destinationKey("x")), 404, "NoSuchKey");
    }

    @Test
    void objectTagging() {
        s3.putObject(r -> r.bucket(bucket).key("t").tagging("a=1&b=two%20words"), RequestBody.fromString("v"));
        assertThat(s3.getObjectTagging(r -> r.bucket(bucket).key("t")).tagSet()).extracting(Tag::key, Tag::value)
                .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple("a", "1"),
                        org.assertj.core.groups.Tuple.tuple("b", "two words"));
        assertThat(s3.headObject(r -> r.bucket(bucket).key("t")).metadata()).isEmpty();
        s3.putObjectTagging(r -> r.bucket(bucket).key("t").tagging(t -> t.tagSet(Tag.builder().key("c").value("3")
                .build())));
        assertThat(s3.getObjectTagging(r -> r.bucket(bucket).key("t")).tagSet()).extracting(Tag::key)
                .containsExactly("c");
        assertError(() -> s3.putObjectTagging(r -> r.bucket(bucket).key("t").tagging(t -> t.tagSet(
                java.util.stream.IntStream.range(0, 11).mapToObj(i -> Tag.builder().key("k" + i).value("v").build())
                        .toList()))), 400, "BadRequest");
        s3.deleteObjectTagging(r -> r.bucket(bucket).key("t"));
        assertThat(s3.getObjectTagging(r -> r.bucket(bucket).key("t")).tagSet()).isEmpty();
        assertError(() -> s3.getObjectTagging(r -> r.bucket(bucket).key("missing")), 404, "NoSuchKey");
        assertThat("x".getBytes(StandardCharsets.UTF_8)).hasSize(1);
    }
}
