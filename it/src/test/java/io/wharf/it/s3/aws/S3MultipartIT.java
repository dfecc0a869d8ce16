package io.wharf.it.s3.aws;

import io.wharf.testkit.Clients;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3AsyncClient;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.ListPartsResponse;
import software.amazon.awssdk.services.s3.model.Part;
import software.amazon.awssdk.transfer.s3.S3TransferManager;
import software.amazon.awssdk.transfer.s3.model.CompletedFileUpload;

import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Multipart uploads: through the S3TransferManager on the Netty async client (the SDK splits, uploads parts in
 * parallel and completes), and step by step, with AWS's ETag {@code "md5(md5(part1)‖…‖md5(partN))-N"}, part listing,
 * UploadPartCopy, and the errors: EntityTooSmall (a part but the last under 5 MiB), InvalidPart, InvalidPartOrder,
 * NoSuchUpload.
 */
class S3MultipartIT extends S3TestBase {
    private static final int MIB = 1024 * 1024;
    private static String bucket;

    @BeforeAll
    static void multipartBucket() {
        bucket = bucket("multipart");
    }

    /** AWS's multipart ETag over these parts. */
    static String multipartEtag(List<byte[]> parts) {
        ByteArrayOutputStream digests = new ByteArrayOutputStream();
        parts.forEach(part -> digests.writeBytes(md5(part)));
        return "\"" + HexFormat.of().formatHex(md5(digests.toByteArray())) + "-" + parts.size() + "\"";
    }

    static List<byte[]> split(byte[] data, int partSize) {
        List<byte[]> parts = new java.util.ArrayList<>();
        for (int offset = 0; offset < data.length; offset += partSize) {
            parts.add(Arrays.copyOfRange(data, offset, Math.min(data.length, offset + partSize)));
        }
        return parts;
    }

    @Test
    void theTransferManagerUploadsAndDownloadsAFileInParts(@TempDir Path dir) throws Exception {
        int partSize = 8 * MIB; // the SDK's default minimum part size
        byte[] data = bytes(3 * partSize + 12345, 77);
        Path source = Files.write(dir.resolve("upload.bin"), data);
        Path target = dir.resolve("download.bin");
        try (S3AsyncClient async = Clients.s3AsyncBuilder(endpoint())
                .multipartConfiguration(m -> m.minimumPartSizeInBytes((long) partSize)
                        .thresholdInBytes((long) partSize)).build();
             S3TransferManager transfers = S3TransferManager.builder().s3Client(async).build()) {
            CompletedFileUpload upload = transfers.uploadFile(u -> u.source(source)
                    .putObjectRequest(p -> p.bucket(bucket).key("tm/big.bin"))).completionFuture().join();
            assertThat(upload.response().eTag()).isEqualTo(multipartEtag(split(data, partSize)));
            transfers.downloadFile(d -> d.destination(target)
                    .getObjectRequest(g -> g.bucket(bucket).key("tm/big.bin"))).completionFuture().join();
        }
        assertThat(Files.mismatch(source, target)).as("first differing byte").isEqualTo(-1L);
        assertThat(s3().headObject(r -> r.bucket(bucket).key("tm/big.bin")).contentLength()).isEqualTo(data.length);
    }

    @Test
    void stepByStepWithListingAndTheMultipartEtag() {
        String key = "manual/object.bin";
        byte[] first = bytes(5 * MIB, 1);
        byte[] last = bytes(1, 2);
        String uploadId = s3().createMultipartUpload(r -> r.bucket(bucket).key(key).contentType("application/x-test")
                .metadata(java.util.Map.of("made-by", "parts"))).uploadId();
        assertThat(uploadId).isNotBlank();
        assertThat(s3().listMultipartUploads(r -> r.bucket(bucket).prefix("manual/")).uploads())
                .anySatisfy(u -> {
                    assertThat(u.key()).isEqualTo(key);
                    assertThat(u.uploadId()).isEqualTo(uploadId);
                });
        String etag1 = s3().uploadPart(r -> r.bucket(bucket).key(key).uploadId(uploadId).partNumber(1),
                RequestBody.fromBytes(first)).eTag();
        String etag2 = s3().uploadPart(r -> r.bucket(bucket).key(key).uploadId(uploadId).partNumber(2),
                RequestBody.fromBytes(last)).eTag();
        assertThat(etag1).isEqualTo(etagOf(first));
        assertThat(etag2).isEqualTo(etagOf(last));

        ListPartsResponse parts = s3().listParts(r -> r.bucket(bucket).key(key).uploadId(uploadId));
        assertThat(parts.parts()).extracting(Part::partNumber).containsExactly(1, 2);
        assertThat(parts.parts()).extracting(Part::size).containsExactly((long) first.length, 1L);
        assertThat(parts.parts()).extracting(Part::eTag).containsExactly(etag1, etag2);

        String etag = s3().completeMultipartUpload(r -> r.bucket(bucket).key(key).uploadId(uploadId)
                .multipartUpload(m -> m.parts(CompletedPart.builder().partNumber(1).eTag(etag1).build(),
                        CompletedPart.builder().partNumber(2).eTag(etag2).build()))).eTag();
        assertThat(etag).isEqualTo(multipartEtag(List.of(first, last))).matches("\"[0-9a-f]{32}-2\"");
        var head = s3().headObject(r -> r.bucket(bucket).key(key));
        assertThat(head.eTag()).isEqualTo(etag);
        assertThat(head.contentLength()).isEqualTo(first.length + 1L);
        assertThat(head.contentType()).isEqualTo("application/x-test");
        assertThat(head.metadata()).containsEntry("made-by", "parts");
        byte[] whole = s3().getObjectAsBytes(r -> r.bucket(bucket).key(key)).asByteArray();
        assertThat(Arrays.equals(whole, 0, first.length, first, 0, first.length)).isTrue();
        assertThat(whole[first.length]).isEqualTo(last[0]);
        // a completed upload is gone
        assertThat(s3().listMultipartUploads(r -> r.bucket(bucket).prefix("manual/")).uploads()).isEmpty();
        assertS3Error(404, "NoSuchUpload", () -> s3().listParts(r -> r.bucket(bucket).key(key).uploadId(uploadId)));
    }

    @Test
    void uploadPartCopyTakesARangeOfAnotherObject() {
        byte[] source = bytes(6 * MIB, 5);
        s3().putObject(r -> r.bucket(bucket).key("copy/source"), RequestBody.fromBytes(source));
        String uploadId = s3().createMultipartUpload(r -> r.bucket(bucket).key("copy/target")).uploadId();
        String etag1 = s3().uploadPartCopy(r -> r.sourceBucket(bucket).sourceKey("copy/source")
                .destinationBucket(bucket).destinationKey("copy/target").uploadId(uploadId).partNumber(1)
                .copySourceRange("bytes=0-" + (5 * MIB - 1))).copyPartResult().eTag();
        String etag2 = s3().uploadPart(r -> r.bucket(bucket).key("copy/target").uploadId(uploadId).partNumber(2),
                RequestBody.fromString("tail")).eTag();
        assertThat(etag1).isEqualTo(etagOf(Arrays.copyOf(source, 5 * MIB)));
        s3().completeMultipartUpload(r -> r.bucket(bucket).key("copy/target").uploadId(uploadId)
                .multipartUpload(m -> m.parts(CompletedPart.builder().partNumber(1).eTag(etag1).build(),
                        CompletedPart.builder().partNumber(2).eTag(etag2).build())));
        byte[] whole = s3().getObjectAsBytes(r -> r.bucket(bucket).key("copy/target")).asByteArray();
        assertThat(whole).hasSize(5 * MIB + 4);
        assertThat(Arrays.equals(whole, 0, 5 * MIB, source, 0, 5 * MIB)).isTrue();
    }

    @Test
    void partsUnderFiveMebibytesAreEntityTooSmall() {
        String uploadId = s3().createMultipartUpload(r -> r.bucket(bucket).key("small")).uploadId();
        String etag1 = s3().uploadPart(r -> r.bucket(bucket).key("small").uploadId(uploadId).partNumber(1),
                RequestBody.fromBytes(bytes(1024, 1))).eTag();
        String etag2 = s3().uploadPart(r -> r.bucket(bucket).key("small").uploadId(uploadId).partNumber(2),
                RequestBody.fromBytes(bytes(1024, 2))).eTag();
        var error = assertS3Error(400, "EntityTooSmall", () -> s3().completeMultipartUpload(r -> r.bucket(bucket)
                .key("small").uploadId(uploadId).multipartUpload(m -> m.parts(
                        CompletedPart.builder().partNumber(1).eTag(etag1).build(),
                        CompletedPart.builder().partNumber(2).eTag(etag2).build()))));
        assertThat(error.awsErrorDetails().errorMessage())
                .isEqualTo("Your proposed upload is smaller than the minimum allowed object size.");
        assertThrowsNoObject("small");
        // one small part alone is fine: the last part may be any size
        s3().completeMultipartUpload(r -> r.bucket(bucket).key("small").uploadId(uploadId)
                .multipartUpload(m -> m.parts(CompletedPart.builder().partNumber(1).eTag(etag1).build())));
        assertThat(s3().headObject(r -> r.bucket(bucket).key("small")).contentLength()).isEqualTo(1024);
    }

    @Test
    void completeChecksThePartsItIsGiven() {
        String uploadId = s3().createMultipartUpload(r -> r.bucket(bucket).key("checked")).uploadId();
        String etag1 = s3().uploadPart(r -> r.bucket(bucket).key("checked").uploadId(uploadId).partNumber(1),
                RequestBody.fromBytes(bytes(5 * MIB, 3))).eTag();
        // both parts big enough, so that only the order is wrong below
        String etag2 = s3().uploadPart(r -> r.bucket(bucket).key("checked").uploadId(uploadId).partNumber(2),
                RequestBody.fromBytes(bytes(5 * MIB, 4))).eTag();
        assertS3Error(400, "InvalidPart", () -> s3().completeMultipartUpload(r -> r.bucket(bucket).key("checked")
                .uploadId(uploadId).multipartUpload(m -> m.parts(
                        CompletedPart.builder().partNumber(1).eTag("\"00000000000000000000000000000000\"").build()))));
        assertS3Error(400, "InvalidPart", () -> s3().completeMultipartUpload(r -> r.bucket(bucket).key("checked")
                .uploadId(uploadId).multipartUpload(m -> m.parts(
                        CompletedPart.builder().partNumber(3).eTag(etag1).build()))));
        assertS3Error(400, "InvalidPartOrder", () -> s3().completeMultipartUpload(r -> r.bucket(bucket).key("checked")
                .uploadId(uploadId).multipartUpload(m -> m.parts(
                        CompletedPart.builder().partNumber(2).eTag(etag2).build(),
                        CompletedPart.builder().partNumber(1).eTag(etag1).build()))));
        assertThrowsNoObject("checked");
    }

    @Test
    void abortedAndUnknownUploadsAreNoSuchUpload() {
        String uploadId = s3().createMultipartUpload(r -> r.bucket(bucket).key("aborted")).uploadId();
        s3().uploadPart(r -> r.bucket(bucket).key("aborted").uploadId(uploadId).partNumber(1),
                RequestBody.fromString("part"));
        assertThat(s3().abortMultipartUpload(r -> r.bucket(bucket).key("aborted").uploadId(uploadId))
                .sdkHttpResponse().statusCode()).isEqualTo(204);
        var error = assertS3Error(404, "NoSuchUpload", () -> s3().uploadPart(r -> r.bucket(bucket).key("aborted")
                .uploadId(uploadId).partNumber(2), RequestBody.fromString("late")));
        assertThat(error.awsErrorDetails().errorMessage()).isEqualTo("The specified upload does not exist. The upload"
                + " ID may be invalid, or the upload may have been aborted or completed.");
        assertS3Error(404, "NoSuchUpload", () -> s3().completeMultipartUpload(r -> r.bucket(bucket).key("aborted")
                .uploadId(uploadId).multipartUpload(m -> m.parts(
                        CompletedPart.builder().partNumber(1).eTag("\"x\"").build()))));
        assertS3Error(404, "NoSuchUpload", () -> s3().uploadPart(r -> r.bucket(bucket).key("aborted")
                .uploadId("no-such-upload-id").partNumber(1), RequestBody.fromString("x")));
        assertThrowsNoObject("aborted");
    }

    private static void assertThrowsNoObject(String key) {
        assertS3Error(404, "NoSuchKey", () -> s3().getObjectAsBytes(r -> r.bucket(bucket).key(key)));
    }
}
