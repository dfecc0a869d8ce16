package io.wharf.it.s3;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.Bucket;
import software.amazon.awssdk.services.s3.model.BucketLocationConstraint;
import software.amazon.awssdk.services.s3.model.BucketVersioningStatus;
import software.amazon.awssdk.services.s3.model.Tag;

import static org.assertj.core.api.Assertions.assertThat;

/** Buckets through the SDK: create, head, list, location, delete, tagging, policy, versioning. */
class S3BucketsIT extends S3TestBase {

    @Test
    void createHeadListDelete() {
        String name = unique("life");
        assertThat(s3.createBucket(r -> r.bucket(name)).location()).isEqualTo("/" + name);
        assertThat(s3.headBucket(r -> r.bucket(name)).bucketRegion()).isEqualTo("us-east-1");
        assertThat(s3.listBuckets().buckets()).extracting(Bucket::name).contains(name);
        assertThat(s3.getBucketLocation(r -> r.bucket(name)).locationConstraintAsString()).isEmpty();
        s3.deleteBucket(r -> r.bucket(name));
        assertError(() -> s3.headBucket(r -> r.bucket(name)), 404, null);
        assertError(() -> s3.deleteBucket(r -> r.bucket(name)), 404, "NoSuchBucket");
        var e = error(() -> s3.getBucketLocation(r -> r.bucket(name)));
        assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("The specified bucket does not exist");
    }

    @Test
    void namesAndLocationConstraints() {
        assertError(() -> s3.createBucket(r -> r.bucket("xn--reserved")), 400, "InvalidBucketName");
        assertError(() -> s3.createBucket(r -> r.bucket("bucket-s3alias")), 400, "InvalidBucketName");
        try (S3Client eu = client(Region.EU_WEST_1)) {
            String name = unique("eu");
            // (the SDK itself fills in the client's region when no constraint is given)
            assertError(() -> eu.createBucket(r -> r.bucket(name).createBucketConfiguration(c -> c
                    .locationConstraint(BucketLocationConstraint.US_WEST_2))), 400,
                    "IllegalLocationConstraintException");
            eu.createBucket(r -> r.bucket(name).createBucketConfiguration(c -> c
                    .locationConstraint(BucketLocationConstraint.EU_WEST_1)));
            assertThat(eu.getBucketLocation(r -> r.bucket(name)).locationConstraint())
                    .isEqualTo(BucketLocationConstraint.EU_WEST_1);
            assertError(() -> eu.createBucket(r -> r.bucket(name).createBucketConfiguration(c -> c
                    .locationConstraint(BucketLocationConstraint.EU_WEST_1))), 409, "BucketAlreadyOwnedByYou");
        }
        // us-east-1 answers 200 to its owner again, for legacy compatibility
        String mine = bucket();
        s3.createBucket(r -> r.bucket(mine));
        assertError(() -> s3.createBucket(r -> r.bucket(unique("x")).createBucketConfiguration(c -> c
                .locationConstraint("us-east-1"))), 400, "InvalidLocationConstraint");
    }

    @Test
    void bucketNotEmpty() {
        String name = bucket();
        put(name, "k", "v");
        var e = error(() -> s3.deleteBucket(r -> r.bucket(name)));
        assertThat(e.statusCode()).isEqualTo(409);
        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("BucketNotEmpty");
        s3.deleteObject(r -> r.bucket(name).key("k"));
        s3.deleteBucket(r -> r.bucket(name));
    }

    @Test
    void tagging() {
        String name = bucket();
        assertError(() -> s3.getBucketTagging(r -> r.bucket(name)), 404, "NoSuchTagSet");
        s3.putBucketTagging(r -> r.bucket(name).tagging(t -> t.tagSet(Tag.builder().key("env").value("test").build())));
        assertThat(s3.getBucketTagging(r -> r.bucket(name)).tagSet()).extracting(Tag::key, Tag::value)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("env", "test"));
        assertError(() -> s3.putBucketTagging(r -> r.bucket(name).tagging(t -> t.tagSet(
                Tag.builder().key("k").value("1").build(), Tag.builder().key("k").value("2").build()))), 400,
                "InvalidTag");
        s3.deleteBucketTagging(r -> r.bucket(name));
        assertError(() -> s3.getBucketTagging(r -> r.bucket(name)), 404, "NoSuchTagSet");
    }

    @Test
    void policy() {
        String name = bucket();
        assertError(() -> s3.getBucketPolicy(r -> r.bucket(name)), 404, "NoSuchBucketPolicy");
        String policy = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":"
                + "\"arn:aws:iam::000000000000:root\"},\"Action\":\"s3:*\",\"Resource\":\"arn:aws:s3:::" + name + "/*\"}]}";
        s3.putBucketPolicy(r -> r.bucket(name).policy(policy));
        assertThat(s3.getBucketPolicy(r -> r.bucket(name)).policy()).isEqualTo(policy);
        assertError(() -> s3.putBucketPolicy(r -> r.bucket(name).policy("nope")), 400, "MalformedPolicy");
        s3.deleteBucketPolicy(r -> r.bucket(name));
        assertError(() -> s3.getBucketPolicy(r -> r.bucket(name)), 404, "NoSuchBucketPolicy");
    }

    @Test
    void versioningIsNotThereYet() {
        String name = bucket();
        assertThat(s3.getBucketVersioning(r -> r.bucket(name)).status()).isNull();
        assertError(() -> s3.putBucketVersioning(r -> r.bucket(name).versioningConfiguration(v -> v
                .status(BucketVersioningStatus.ENABLED))), 501, "NotImplemented");
        assertError(() -> s3.getBucketAcl(r -> r.bucket(name)), 501, "NotImplemented");
    }
}
