package io.wharf.it.s3;

import io.wharf.server.Wharf;
import io.wharf.server.config.WharfConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Buckets, objects (bytes, metadata, tags), settings and unfinished multipart uploads survive a restart on the same
 * data directory; the objects' files are under {@code <data-dir>/s3}, and a file nothing refers to is gone after the
 * restart.
 */
class S3RestartIT {
    @TempDir
    Path dataDir;

    private Wharf start() {
        return Wharf.start(WharfConfig.builder().port(0).dataDir(dataDir).build());
    }

    private static S3Client client(Wharf wharf) {
        return S3TestBase.client(URI.create(wharf.endpoint()), Region.US_EAST_1);
    }

    @Test
    void objectsSurviveARestart() throws Exception {
        byte[] big = new byte[5 * 1024 * 1024];
        Arrays.fill(big, (byte) 9);
        String uploadId;
        String partEtag;
        try (Wharf wharf = start(); S3Client s3 = client(wharf)) {
            s3.createBucket(r -> r.bucket("durable"));
            s3.putBucketTagging(r -> r.bucket("durable").tagging(t -> t.tagSet(s -> s.key("k").value("v"))));
            s3.putObject(r -> r.bucket("durable").key("a/b.txt").contentType("text/plain").metadata(Map.of("m", "1"))
                    .tagging("t=1"), RequestBody.fromString("kept"));
            uploadId = s3.createMultipartUpload(r -> r.bucket("durable").key("mp")).uploadId();
            partEtag = s3.uploadPart(r -> r.bucket("durable").key("mp").uploadId(uploadId).partNumber(1),
                    RequestBody.fromBytes(big)).eTag();
        }
        Path objects = dataDir.resolve("s3");
        assertThat(Files.list(objects).count()).isEqualTo(2);
        Path orphan = objects.resolve("0123456789abcdef0123456789abcdef");
        Files.write(orphan, new byte[10]); // as a PUT that crashed before its record was committed leaves it
        try (Wharf wharf = start(); S3Client s3 = client(wharf)) {
            var got = s3.getObjectAsBytes(r -> r.bucket("durable").key("a/b.txt"));
            assertThat(got.asUtf8String()).isEqualTo("kept");
            assertThat(got.response().contentType()).isEqualTo("text/plain");
            assertThat(got.response().metadata()).containsEntry("m", "1");
            assertThat(s3.getObjectTagging(r -> r.bucket("durable").key("a/b.txt")).tagSet()).hasSize(1);
            assertThat(s3.getBucketTagging(r -> r.bucket("durable")).tagSet()).hasSize(1);
            assertThat(orphan).doesNotExist();
            s3.completeMultipartUpload(r -> r.bucket("durable").key("mp").uploadId(uploadId).multipartUpload(m -> m
                    .parts(CompletedPart.builder().partNumber(1).eTag(partEtag).build())));
            assertThat(s3.headObject(r -> r.bucket("durable").key("mp")).contentLength()).isEqualTo(big.length);
        }
    }
}
