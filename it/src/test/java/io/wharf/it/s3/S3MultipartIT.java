package io.wharf.it.s3;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.model.ChecksumAlgorithm;
import software.amazon.awssdk.services.s3.model.ChecksumMode;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.MultipartUpload;
import software.amazon.awssdk.services.s3.model.Part;

import java.io.ByteArrayOutputStream;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;

import static org.assertj.core.api.Assertions.assertThat;

/** Multipart uploads through the SDK: create, parts, part copies, list, complete, abort and AWS's rules. */
class S3MultipartIT extends S3TestBase {
    private static final int MIB = 1024 * 1024;
    private String bucket;

    @BeforeEach
    void createBucket() {
        bucket = bucket();
    }

    private static byte[] filled(int size, int value) {
        byte[] b = new byte[size];
        Arrays.fill(b, (byte) value);
        return b;
    }

    private String upload(String key) {
        return s3.createMultipartUpload(r -> r.bucket(bucket).key(key).contentType("video/mp4")).uploadId();
    }

    private CompletedPart part(String key, String id, int number, byte[] bytes) {
        String etag = s3.uploadPart(r -> r.bucket(bucket).key(key).uploadId(id).partNumber(number),
                RequestBody.fromBytes(bytes)).eTag();
        return CompletedPart.builder().partNumber(number).eTag(etag).build();
    }

    @Test
    void completeMakesTheObjectWithAMultipartEtag() throws Exception {
        String id = upload("big");
        byte[] one = filled(5 * MIB, 1);
        byte[] two = filled(123, 2);
        CompletedPart p1 = part("big", id, 1, one);
        CompletedPart p2 = part("big", id, 2, two);
        assertThat(s3.listParts(r -> r.bucket(bucket).key("big").uploadId(id)).parts()).extracting(Part::partNumber,
                Part::size).containsExactly(org.assertj.core.groups.Tuple.tuple(1, (long) one.length),
                org.assertj.core.groups.Tuple.tuple(2, 123L));
        assertThat(s3.listMultipartUploads(r -> r.bucket(bucket)).uploads()).extracting(MultipartUpload::uploadId)
                .containsExactly(id);
        var done = s3.completeMultipartUpload(r -> r.bucket(bucket).key("big").uploadId(id)
                .multipartUpload(m -> m.parts(p1, p2)));
        MessageDigest md5 = MessageDigest.getInstance("MD5");
        md5.update(MessageDigest.getInstance("MD5").digest(one));
        md5.update(MessageDigest.getInstance("MD5").digest(two));
        assertThat(done.eTag()).isEqualTo('"' + HexFormat.of().formatHex(md5.digest()) + "-2\"");
        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        expected.writeBytes(one);
        expected.writeBytes(two);
        var got = s3.getObjectAsBytes(r -> r.bucket(bucket).key("big"));
        assertThat(got.asByteArray()).isEqualTo(expected.toByteArray());
        assertThat(got.response().contentType()).isEqualTo("video/mp4");
        assertThat(s3.listMultipartUploads(r -> r.bucket(bucket)).uploads()).isEmpty();
        var second = s3.getObjectAsBytes(r -> r.bucket(bucket).key("big").partNumber(2));
        assertThat(second.asByteArray()).isEqualTo(two);
        assertThat(second.response().partsCount()).isEqualTo(2);
        assertThat(second.response().contentRange()).isEqualTo("bytes " + one.length + "-" + (one.length + 122) + "/"
                + (one.length + 123));
        assertError(() -> s3.headObject(r -> r.bucket(bucket).key("big").partNumber(3)), 416, null);
        assertError(() -> s3.listParts(r -> r.bucket(bucket).key("big").uploadId(id)), 404, "NoSuchUpload");
    }

    @Test
    void compositeChecksums() {
        String id = s3.createMultipartUpload(r -> r.bucket(bucket).key("sum").checksumAlgorithm(ChecksumAlgorithm.CRC32))
                .uploadId();
        var p1 = s3.uploadPart(r -> r.bucket(bucket).key("sum").uploadId(id).partNumber(1)
                .checksumAlgorithm(ChecksumAlgorithm.CRC32), RequestBody.fromBytes(filled(5 * MIB, 7)));
        var p2 = s3.uploadPart(r -> r.bucket(bucket).key("sum").uploadId(id).partNumber(2)
                .checksumAlgorithm(ChecksumAlgorithm.CRC32), RequestBody.fromBytes(filled(10, 8)));
        assertThat(p1.checksumCRC32()).isNotNull();
        var done = s3.completeMultipartUpload(r -> r.bucket(bucket).key("sum").uploadId(id).multipartUpload(m -> m.parts(
                CompletedPart.builder().partNumber(1).eTag(p1.eTag()).checksumCRC32(p1.checksumCRC32()).build(),
                CompletedPart.builder().partNumber(2).eTag(p2.eTag()).checksumCRC32(p2.checksumCRC32()).build())));
        assertThat(done.checksumCRC32()).endsWith("-2");
        assertThat(s3.headObject(r -> r.bucket(bucket).key("sum").checksumMode(ChecksumMode.ENABLED)).checksumCRC32())
                .isEqualTo(done.checksumCRC32());
    }

    @Test
    void awsRules() {
        String id = upload("rules");
        CompletedPart small = part("rules", id, 1, filled(100, 1));
        CompletedPart last = part("rules", id, 2, filled(100, 2));
        assertError(() -> s3.uploadPart(r -> r.bucket(bucket).key("rules").uploadId(id).partNumber(10_001),
                RequestBody.fromString("x")), 400, "InvalidArgument");
        assertError(() -> s3.completeMultipartUpload(r -> r.bucket(bucket).key("rules").uploadId(id)
                .multipartUpload(m -> m.parts(small, last))), 400, "EntityTooSmall");
        assertError(() -> s3.completeMultipartUpload(r -> r.bucket(bucket).key("rules").uploadId(id)
                .multipartUpload(m -> m.parts(last, small))), 400, "InvalidPartOrder");
        assertError(() -> s3.completeMultipartUpload(r -> r.bucket(bucket).key("rules").uploadId(id)
                .multipartUpload(m -> m.parts(CompletedPart.builder().partNumber(1).eTag("\"0000\"").build()))), 400,
                "InvalidPart");
        s3.abortMultipartUpload(r -> r.bucket(bucket).key("rules").uploadId(id));
        assertError(() -> s3.abortMultipartUpload(r -> r.bucket(bucket).key("rules").uploadId(id)), 404,
                "NoSuchUpload");
        assertError(() -> s3.uploadPart(r -> r.bucket(bucket).key("rules").uploadId(id).partNumber(3),
                RequestBody.fromString("x")), 404, "NoSuchUpload");
    }

    @Test
    void uploadPartCopyWithARange() {
        put(bucket, "source", "0123456789");
        String id = upload("copied");
        var copy = s3.uploadPartCopy(r -> r.sourceBucket(bucket).sourceKey("source").destinationBucket(bucket)
                .destinationKey("copied").uploadId(id).partNumber(1).copySourceRange("bytes=3-6"));
        assertThat(copy.copyPartResult().eTag()).isNotBlank();
        assertError(() -> s3.uploadPartCopy(r -> r.sourceBucket(bucket).sourceKey("source").destinationBucket(bucket)
                .destinationKey("copied").uploadId(id).partNumber(2).copySourceRange("bytes=5-99")), 400,
                "InvalidArgument");
        s3.completeMultipartUpload(r -> r.bucket(bucket).key("copied").uploadId(id).multipartUpload(m -> m.parts(
                CompletedPart.builder().partNumber(1).eTag(copy.copyPartResult().eTag()).build())));
        assertThat(s3.getObjectAsBytes(r -> r.bucket(bucket).key("copied")).asUtf8String()).isEqualTo("3456");
    }
}
