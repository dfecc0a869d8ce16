package io.wharf.it.s3.aws;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.model.CopyObjectResponse;
import software.amazon.awssdk.services.s3.model.DeleteObjectsResponse;
import software.amazon.awssdk.services.s3.model.DeletedObject;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.MetadataDirective;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Buckets (create, head, list, location, delete), CopyObject with its metadata directives, and DeleteObjects. */
class S3BucketsAndCopiesIT extends S3TestBase {

    @Test
    void bucketLifecycle() {
        String name = uniqueBucket("life");
        assertThat(s3().createBucket(r -> r.bucket(name)).location()).isEqualTo("/" + name);
        assertThat(s3().headBucket(r -> r.bucket(name)).sdkHttpResponse().statusCode()).isEqualTo(200);
        assertThat(s3().listBuckets().buckets()).anySatisfy(b -> {
            assertThat(b.name()).isEqualTo(name);
            assertThat(b.creationDate()).isNotNull();
        });
        // us-east-1 has no LocationConstraint: GetBucketLocation answers an empty one
        assertThat(s3().getBucketLocation(r -> r.bucket(name)).locationConstraintAsString()).isNullOrEmpty();
        // us-east-1's legacy: re-creating a bucket you own there answers 200 OK
        assertThat(s3().createBucket(r -> r.bucket(name)).sdkHttpResponse().statusCode()).isEqualTo(200);

        s3().putObject(r -> r.bucket(name).key("k"), RequestBody.fromString("x"));
        var notEmpty = assertS3Error(409, "BucketNotEmpty", () -> s3().deleteBucket(r -> r.bucket(name)));
        assertThat(notEmpty.awsErrorDetails().errorMessage()).isEqualTo("The bucket you tried to delete is not empty");
        s3().deleteObject(r -> r.bucket(name).key("k"));
        assertThat(s3().deleteBucket(r -> r.bucket(name)).sdkHttpResponse().statusCode()).isEqualTo(204);
        assertThrows(NoSuchBucketException.class, () -> s3().headBucket(r -> r.bucket(name)));
        var gone = assertS3Error(404, "NoSuchBucket", () -> s3().listObjectsV2(r -> r.bucket(name)));
        assertThat(gone.awsErrorDetails().errorMessage()).isEqualTo("The specified bucket does not exist");
        assertS3Error(404, "NoSuchBucket", () -> s3().deleteBucket(r -> r.bucket(name)));
        assertS3Error(404, "NoSuchBucket",
                () -> s3().putObject(r -> r.bucket(name).key("k"), RequestBody.fromString("x")));
    }

    @Test
    void bucketTags() {
        String name = bucket("tagged");
        s3().putBucketTagging(r -> r.bucket(name).tagging(t -> t.tagSet(
                s -> s.key("team").value("wharf"), s -> s.key("env").value("test"))));
        assertThat(s3().getBucketTagging(r -> r.bucket(name)).tagSet())
                .extracting(t -> t.key() + "=" + t.value()).containsExactlyInAnyOrder("team=wharf", "env=test");
        s3().deleteBucketTagging(r -> r.bucket(name));
        assertS3Error(404, "NoSuchTagSet", () -> s3().getBucketTagging(r -> r.bucket(name)));
    }

    @Test
    void copyKeepsMetadataByDefaultAndReplacesItOnRequest() {
        String bucket = bucket("copy");
        String target = bucket("copy-target");
        byte[] body = bytes(10_000, 9);
        s3().putObject(r -> r.bucket(bucket).key("src").contentType("image/png").metadata(Map.of("origin", "camera")),
                RequestBody.fromBytes(body));

        CopyObjectResponse copied = s3().copyObject(r -> r.sourceBucket(bucket).sourceKey("src")
                .destinationBucket(target).destinationKey("same-meta"));
        assertThat(copied.copyObjectResult().eTag()).isEqualTo(etagOf(body));
        assertThat(copied.copyObjectResult().lastModified()).isNotNull();
        HeadObjectResponse same = s3().headObject(r -> r.bucket(target).key("same-meta"));
        assertThat(same.metadata()).containsExactlyEntriesOf(Map.of("origin", "camera"));
        assertThat(same.contentType()).isEqualTo("image/png");
        assertThat(s3().getObjectAsBytes(r -> r.bucket(target).key("same-meta")).asByteArray()).isEqualTo(body);

        s3().copyObject(r -> r.sourceBucket(bucket).sourceKey("src").destinationBucket(target).destinationKey("new-meta")
                .metadataDirective(MetadataDirective.REPLACE).contentType("text/plain").metadata(Map.of("edited", "yes")));
        HeadObjectResponse replaced = s3().headObject(r -> r.bucket(target).key("new-meta"));
        assertThat(replaced.metadata()).containsExactlyEntriesOf(Map.of("edited", "yes"));
        assertThat(replaced.contentType()).isEqualTo("text/plain");
        assertThat(replaced.eTag()).isEqualTo(etagOf(body));

        // a copy onto itself must change something
        var illegal = assertS3Error(400, "InvalidRequest", () -> s3().copyObject(r -> r.sourceBucket(bucket)
                .sourceKey("src").destinationBucket(bucket).destinationKey("src")));
        assertThat(illegal.awsErrorDetails().errorMessage()).startsWith(
                "This copy request is illegal because it is trying to copy an object to itself without changing");
        s3().copyObject(r -> r.sourceBucket(bucket).sourceKey("src").destinationBucket(bucket).destinationKey("src")
                .metadataDirective(MetadataDirective.REPLACE).metadata(Map.of("origin", "edited")));
        assertThat(s3().headObject(r -> r.bucket(bucket).key("src")).metadata()).containsEntry("origin", "edited");
    }

    @Test
    void copyErrorsAndConditions() {
        String bucket = bucket("copy-errors");
        s3().putObject(r -> r.bucket(bucket).key("src"), RequestBody.fromString("source"));
        assertS3Error(404, "NoSuchKey", () -> s3().copyObject(r -> r.sourceBucket(bucket).sourceKey("missing")
                .destinationBucket(bucket).destinationKey("dst")));
        assertS3Error(404, "NoSuchBucket", () -> s3().copyObject(r -> r.sourceBucket(bucket).sourceKey("src")
                .destinationBucket(uniqueBucket("nowhere")).destinationKey("dst")));
        assertS3Error(412, "PreconditionFailed", () -> s3().copyObject(r -> r.sourceBucket(bucket).sourceKey("src")
                .destinationBucket(bucket).destinationKey("dst").copySourceIfMatch("\"0123\"")));
        s3().copyObject(r -> r.sourceBucket(bucket).sourceKey("src").destinationBucket(bucket).destinationKey("dst")
                .copySourceIfMatch(etagOf("source".getBytes())));
        assertThat(s3().getObjectAsBytes(r -> r.bucket(bucket).key("dst")).asUtf8String()).isEqualTo("source");
        // keys that need encoding in x-amz-copy-source
        s3().putObject(r -> r.bucket(bucket).key("dir/ü n+%.txt"), RequestBody.fromString("odd"));
        s3().copyObject(r -> r.sourceBucket(bucket).sourceKey("dir/ü n+%.txt").destinationBucket(bucket)
                .destinationKey("copied/ü n+%.txt"));
        assertThat(s3().getObjectAsBytes(r -> r.bucket(bucket).key("copied/ü n+%.txt")).asUtf8String())
                .isEqualTo("odd");
    }

    @Test
    void deleteObjectsReportsEveryKeyAsDeletedEvenMissingOnes() {
        String bucket = bucket("batch-delete");
        for (String key : List.of("one", "two", "three", "keep")) {
            s3().putObject(r -> r.bucket(bucket).key(key), RequestBody.fromString(key));
        }
        DeleteObjectsResponse deleted = s3().deleteObjects(r -> r.bucket(bucket).delete(d -> d.objects(
                ObjectIdentifier.builder().key("one").build(), ObjectIdentifier.builder().key("two").build(),
                ObjectIdentifier.builder().key("three").build(), ObjectIdentifier.builder().key("never").build())));
        assertThat(deleted.deleted()).extracting(DeletedObject::key)
                .containsExactlyInAnyOrder("one", "two", "three", "never");
        assertThat(deleted.errors()).isEmpty();
        assertThat(s3().listObjectsV2(r -> r.bucket(bucket)).contents()).extracting(o -> o.key())
                .containsExactly("keep");

        DeleteObjectsResponse quiet = s3().deleteObjects(r -> r.bucket(bucket).delete(d -> d.quiet(true)
                .objects(ObjectIdentifier.builder().key("keep").build())));
        assertThat(quiet.deleted()).as("quiet mode answers only errors").isEmpty();
        assertThat(s3().listObjectsV2(r -> r.bucket(bucket)).keyCount()).isZero();
    }
}
