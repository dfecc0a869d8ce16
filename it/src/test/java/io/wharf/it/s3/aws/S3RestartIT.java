package io.wharf.it.s3.aws;

import io.wharf.server.Wharf;
import io.wharf.server.config.WharfConfig;
import io.wharf.testkit.Clients;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.Part;
import software.amazon.awssdk.services.s3.model.S3Object;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Everything S3 acknowledged survives a clean restart on the same data directory: buckets and their tags, objects
 * with their bytes, ETags, metadata and Content-* headers, a completed multipart object, a multipart upload in
 * progress (its parts listed, then completed after the restart), and deletions (a deleted object and an aborted
 * upload stay gone).
 */
class S3RestartIT {
    private static final int MIB = 1024 * 1024;

    @TempDir
    Path dataDir;

    private Wharf start() {
        return Wharf.start(WharfConfig.builder().port(0).dataDir(dataDir).build());
    }

    @Test
    void objectsMetadataAndUploadsInProgressSurviveARestart() {
        byte[] small = S3TestBase.bytes(1000, 1);
        byte[] large = S3TestBase.bytes(6 * MIB + 3, 2);
        byte[] part1 = S3TestBase.bytes(5 * MIB, 3);
        byte[] part2 = S3TestBase.bytes(777, 4);
        String uploadId;
        String abortedId;
        String part1Etag;
        String multipartEtag;
        try (Wharf wharf = start(); S3Client s3 = Clients.s3(URI.create(wharf.endpoint()))) {
            s3.createBucket(r -> r.bucket("durable"));
            s3.putBucketTagging(r -> r.bucket("durable").tagging(t -> t.tagSet(s -> s.key("team").value("wharf"))));
            s3.putObject(r -> r.bucket("durable").key("small.txt").contentType("text/plain")
                    .cacheControl("max-age=5").metadata(Map.of("origin", "before")), RequestBody.fromBytes(small));
            s3.putObject(r -> r.bucket("durable").key("dir/large.bin"), RequestBody.fromBytes(large));
            s3.putObject(r -> r.bucket("durable").key("deleted"), RequestBody.fromString("gone"));
            s3.deleteObject(r -> r.bucket("durable").key("deleted"));

            String completeId = s3.createMultipartUpload(r -> r.bucket("durable").key("multi")).uploadId();
            String e1 = s3.uploadPart(r -> r.bucket("durable").key("multi").uploadId(completeId).partNumber(1),
                    RequestBody.fromBytes(part1)).eTag();
            String e2 = s3.uploadPart(r -> r.bucket("durable").key("multi").uploadId(completeId).partNumber(2),
                    RequestBody.fromBytes(part2)).eTag();
            multipartEtag = s3.completeMultipartUpload(r -> r.bucket("durable").key("multi").uploadId(completeId)
                    .multipartUpload(m -> m.parts(CompletedPart.builder().partNumber(1).eTag(e1).build(),
                            CompletedPart.builder().partNumber(2).eTag(e2).build()))).eTag();

            uploadId = s3.createMultipartUpload(r -> r.bucket("durable").key("in-progress")
                    .contentType("application/x-later")).uploadId();
            part1Etag = s3.uploadPart(r -> r.bucket("durable").key("in-progress").uploadId(uploadId).partNumber(1),
                    RequestBody.fromBytes(part1)).eTag();
            abortedId = s3.createMultipartUpload(r -> r.bucket("durable").key("aborted")).uploadId();
            s3.uploadPart(r -> r.bucket("durable").key("aborted").uploadId(abortedId).partNumber(1),
                    RequestBody.fromBytes(part2));
            s3.abortMultipartUpload(r -> r.bucket("durable").key("aborted").uploadId(abortedId));
        }

        try (Wharf wharf = start(); S3Client s3 = Clients.s3(URI.create(wharf.endpoint()))) {
            assertThat(s3.listBuckets().buckets()).extracting(b -> b.name()).contains("durable");
            assertThat(s3.getBucketTagging(r -> r.bucket("durable")).tagSet())
                    .extracting(t -> t.key() + "=" + t.value()).containsExactly("team=wharf");
            assertThat(s3.listObjectsV2(r -> r.bucket("durable")).contents()).extracting(S3Object::key)
                    .containsExactly("dir/large.bin", "multi", "small.txt");

            var smallObject = s3.getObjectAsBytes(r -> r.bucket("durable").key("small.txt"));
            assertThat(smallObject.asByteArray()).isEqualTo(small);
            assertThat(smallObject.response().eTag()).isEqualTo(S3TestBase.etagOf(small));
            assertThat(smallObject.response().contentType()).isEqualTo("text/plain");
            assertThat(smallObject.response().cacheControl()).isEqualTo("max-age=5");
            assertThat(smallObject.response().metadata()).containsExactlyEntriesOf(Map.of("origin", "before"));
            assertThat(s3.getObjectAsBytes(r -> r.bucket("durable").key("dir/large.bin")).asByteArray())
                    .isEqualTo(large);
            var multi = s3.getObjectAsBytes(r -> r.bucket("durable").key("multi"));
            assertThat(multi.response().eTag()).isEqualTo(multipartEtag);
            assertThat(multi.asByteArray()).hasSize(part1.length + part2.length);
            assertThrows(NoSuchKeyException.class, () -> s3.headObject(r -> r.bucket("durable").key("deleted")));

            assertThat(s3.listMultipartUploads(r -> r.bucket("durable")).uploads())
                    .extracting(u -> u.key() + ":" + u.uploadId()).containsExactly("in-progress:" + uploadId);
            List<Part> parts = s3.listParts(r -> r.bucket("durable").key("in-progress").uploadId(uploadId)).parts();
            assertThat(parts).extracting(Part::partNumber).containsExactly(1);
            assertThat(parts.getFirst().eTag()).isEqualTo(part1Etag);
            String part2Etag = s3.uploadPart(r -> r.bucket("durable").key("in-progress").uploadId(uploadId)
                    .partNumber(2), RequestBody.fromBytes(part2)).eTag();
            s3.completeMultipartUpload(r -> r.bucket("durable").key("in-progress").uploadId(uploadId)
                    .multipartUpload(m -> m.parts(CompletedPart.builder().partNumber(1).eTag(part1Etag).build(),
                            CompletedPart.builder().partNumber(2).eTag(part2Etag).build())));
            var completed = s3.getObjectAsBytes(r -> r.bucket("durable").key("in-progress"));
            assertThat(completed.response().contentType()).isEqualTo("application/x-later");
            assertThat(completed.asByteArray()).hasSize(part1.length + part2.length);
            assertThat(java.util.Arrays.equals(completed.asByteArray(), part1.length, part1.length + part2.length,
                    part2, 0, part2.length)).isTrue();
            S3TestBase.assertS3Error(404, "NoSuchUpload",
                    () -> s3.listParts(r -> r.bucket("durable").key("aborted").uploadId(abortedId)));
        }
    }
}
