package io.wharf.s3.engine;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class BucketsTest extends EngineFixture {

    @Test
    void createListHeadDelete() {
        assertThat(engine().createBucket(ACCOUNT, "eu-west-1", "my-bucket", "eu-west-1")).isTrue();
        bucket("another.bucket");
        assertThat(engine().bucketRegion("my-bucket")).isEqualTo("eu-west-1");
        assertThat(engine().bucketRegion("another.bucket")).isEqualTo("us-east-1");
        assertThat(engine().listBuckets(ACCOUNT, null, null, null)).extracting(S3Engine.BucketInfo::name)
                .containsExactly("another.bucket", "my-bucket");
        assertThat(engine().listBuckets("999999999999", null, null, null)).isEmpty();
        engine().deleteBucket("my-bucket");
        assertThat(code(() -> engine().bucketRegion("my-bucket"))).isEqualTo("NoSuchBucket");
        assertThat(code(() -> engine().deleteBucket("my-bucket"))).isEqualTo("NoSuchBucket");
    }

    @Test
    void namesFollowAwsRules() {
        for (String bad : List.of("ab", "UPPER", "a..b", "-start", "end-", "192.168.1.1", "xn--bucket",
                "bucket-s3alias", "under_score", "a".repeat(64), "dot.-dash")) {
            assertThat(code(() -> engine().createBucket(ACCOUNT, "us-east-1", bad, null))).as(bad)
                    .isEqualTo("InvalidBucketName");
        }
        bucket("abc");
        bucket("a".repeat(63));
    }

    @Test
    void oneNamespaceForAllAccounts() {
        engine().createBucket(ACCOUNT, "eu-west-1", "shared", "eu-west-1");
        assertThat(code(() -> engine().createBucket("999999999999", "eu-west-1", "shared", "eu-west-1")))
                .isEqualTo("BucketAlreadyExists");
        assertThat(error(() -> engine().createBucket(ACCOUNT, "eu-west-1", "shared", "eu-west-1")).httpStatus())
                .isEqualTo(409);
        assertThat(code(() -> engine().createBucket(ACCOUNT, "eu-west-1", "shared", "eu-west-1")))
                .isEqualTo("BucketAlreadyOwnedByYou");
    }

    @Test
    void usEast1AnswersSuccessForOwnBucketAgain() {
        bucket("legacy");
        assertThat(engine().createBucket(ACCOUNT, "us-east-1", "legacy", null)).isFalse();
    }

    @Test
    void locationConstraintMustFitTheEndpoint() {
        assertThat(code(() -> engine().createBucket(ACCOUNT, "eu-west-1", "bkt1", null)))
                .isEqualTo("IllegalLocationConstraintException");
        assertThat(code(() -> engine().createBucket(ACCOUNT, "eu-west-1", "bkt1", "us-west-2")))
                .isEqualTo("IllegalLocationConstraintException");
        assertThat(code(() -> engine().createBucket(ACCOUNT, "us-east-1", "bkt1", "us-east-1")))
                .isEqualTo("InvalidLocationConstraint");
        assertThat(code(() -> engine().createBucket(ACCOUNT, "us-east-1", "bkt1", "nowhere")))
                .isEqualTo("InvalidLocationConstraint");
        engine().createBucket(ACCOUNT, "us-east-1", "bkt1", "ap-south-1");
        assertThat(engine().bucketRegion("bkt1")).isEqualTo("ap-south-1");
    }

    @Test
    void bucketNotEmptyUntilItsObjectsAreGone() {
        bucket("full");
        put("full", "k", "v");
        assertThat(code(() -> engine().deleteBucket("full"))).isEqualTo("BucketNotEmpty");
        engine().objects().delete("full", "k", ME);
        engine().deleteBucket("full");
        assertThat(engine().bucketExists("full")).isFalse();
    }

    @Test
    void tagsAndPolicy() {
        bucket("bkt");
        assertThat(code(() -> engine().bucketTagging("bkt"))).isEqualTo("NoSuchTagSet");
        engine().putBucketTagging("bkt", List.of(new Tags.Tag("env", "test")));
        assertThat(engine().bucketTagging("bkt")).containsEntry("env", "test");
        assertThat(code(() -> engine().putBucketTagging("bkt", List.of(new Tags.Tag("k", "1"), new Tags.Tag("k", "2")))))
                .isEqualTo("InvalidTag");
        engine().deleteBucketTagging("bkt");
        assertThat(code(() -> engine().bucketTagging("bkt"))).isEqualTo("NoSuchTagSet");

        assertThat(code(() -> engine().bucketPolicy("bkt"))).isEqualTo("NoSuchBucketPolicy");
        assertThat(code(() -> engine().putBucketPolicy("bkt", "not json"))).isEqualTo("MalformedPolicy");
        String policy = "{\"Version\":\"2012-10-17\",\"Statement\":[]}";
        engine().putBucketPolicy("bkt", policy);
        assertThat(engine().bucketPolicy("bkt")).isEqualTo(policy);
        assertThat(engine().policyOf("arn:aws:s3:::bkt/some/key")).isEqualTo(policy);
        restart();
        assertThat(engine().bucketPolicy("bkt")).isEqualTo(policy);
        engine().deleteBucketPolicy("bkt");
        engine().deleteBucketPolicy("bkt");
        assertThat(engine().policyOf("arn:aws:s3:::bkt")).isNull();
    }
}
