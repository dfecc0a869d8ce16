package io.wharf.it.s3.aws;

import io.wharf.testkit.Clients;
import io.wharf.testkit.WharfServerExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketLocationConstraint;
import software.amazon.awssdk.services.s3.model.BucketVersioningStatus;
import software.amazon.awssdk.services.s3.model.ExpirationStatus;
import software.amazon.awssdk.services.s3.model.S3Exception;

import java.net.URI;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * AWS's S3 errors as the SDK parses them (HTTP status, code, message): bucket names, who owns a name, and the
 * operations Wharf does not implement, which answer 501 NotImplemented in S3's XML, never a 500.
 */
class S3ErrorsIT extends S3TestBase {
    /** A second server in another region, where re-creating an own bucket is an error (outside us-east-1). */
    @RegisterExtension
    static final WharfServerExtension EU = WharfServerExtension.builder()
            .configure(c -> c.region("eu-west-1")).build();

    private static URI euEndpoint() {
        return againstWharf() ? EU.endpoint() : endpoint();
    }

    /** The SDK refuses most of these names itself, so they go by hand: S3 answers each with InvalidBucketName. */
    @ParameterizedTest(name = "\"{0}\"")
    @ValueSource(strings = {"ab", "UpperCase", "under_score", "192.168.5.4", "-leading-dash", "trailing-dash-",
            "double..dot", "xn--punycode-prefix", "ends-with-s3alias", "sthree-prefix",
            "a-name-that-is-longer-than-sixty-three-characters-which-s3-refuses-x"})
    void invalidBucketNames(String name) {
        S3Raw.Response response = new S3Raw(endpoint()).send("PUT", "/" + name);
        assertThat(response.status()).as(response.text()).isEqualTo(400);
        assertThat(response.code()).isEqualTo("InvalidBucketName");
        assertThat(response.text()).contains("<Message>The specified bucket is not valid.</Message>");
        assertThat(response.headers().get("content-type")).startsWith("application/xml");
    }

    @Test
    void theSdkParsesInvalidBucketNameForNamesItLetsThrough() {
        S3Exception error = assertS3Error(400, "InvalidBucketName",
                () -> s3().createBucket(r -> r.bucket("xn--sdk-lets-this-through")));
        assertThat(error.awsErrorDetails().errorMessage()).isEqualTo("The specified bucket is not valid.");
    }

    @Test
    void validEdgeCaseNamesAreAccepted() {
        for (String name : new String[] {"abc", "a.b-c.d" + System.nanoTime(), "x".repeat(63)}) {
            s3().createBucket(r -> r.bucket(name));
            s3().headBucket(r -> r.bucket(name));
        }
    }

    @Test
    void reCreatingAnOwnBucketOutsideUsEast1IsBucketAlreadyOwnedByYou() {
        String name = uniqueBucket("owned");
        try (S3Client eu = Clients.s3Builder(euEndpoint()).region(Region.EU_WEST_1).build()) {
            eu.createBucket(r -> r.bucket(name).createBucketConfiguration(c -> c.locationConstraint(
                    BucketLocationConstraint.EU_WEST_1)));
            S3Exception error = assertS3Error(409, "BucketAlreadyOwnedByYou", () -> eu.createBucket(r -> r.bucket(name)
                    .createBucketConfiguration(c -> c.locationConstraint(BucketLocationConstraint.EU_WEST_1))));
            assertThat(error.awsErrorDetails().errorMessage()).isEqualTo(
                    "Your previous request to create the named bucket succeeded and you already own it.");
            assertThat(eu.getBucketLocation(r -> r.bucket(name)).locationConstraintAsString()).isEqualTo("eu-west-1");
        }
    }

    @Test
    void aNameAnotherAccountOwnsIsBucketAlreadyExists() {
        String name = bucket("taken");
        try (S3Client other = Clients.s3Builder(endpoint())
                .credentialsProvider(Clients.credentials(Clients.OTHER_ACCOUNTS.getFirst())).build()) {
            S3Exception error = assertS3Error(409, "BucketAlreadyExists", () -> other.createBucket(r -> r.bucket(name)));
            assertThat(error.awsErrorDetails().errorMessage()).isEqualTo("The requested bucket name is not available."
                    + " The bucket namespace is shared by all users of the system. Please select a different name and"
                    + " try again.");
        }
    }

    @Test
    void unimplementedOperationsAnswerNotImplemented() {
        String name = bucket("unimplemented");
        S3Exception lifecycle = assertS3Error(501, "NotImplemented", () -> s3().putBucketLifecycleConfiguration(r -> r
                .bucket(name).lifecycleConfiguration(l -> l.rules(rule -> rule.id("expire").status(ExpirationStatus.ENABLED)
                        .filter(f -> f.prefix("tmp/")).expiration(e -> e.days(1))))));
        assertThat(lifecycle.awsErrorDetails().errorMessage()).isNotBlank();
        assertS3Error(501, "NotImplemented", () -> s3().putBucketVersioning(r -> r.bucket(name)
                .versioningConfiguration(v -> v.status(BucketVersioningStatus.ENABLED))));
        assertS3Error(501, "NotImplemented", () -> s3().putBucketWebsite(r -> r.bucket(name)
                .websiteConfiguration(w -> w.indexDocument(i -> i.suffix("index.html")))));
        // the bucket still works
        s3().putObject(r -> r.bucket(name).key("k"), RequestBody.fromString("v"));
    }

    @Test
    void objectOperationsOnAMissingBucketAreNoSuchBucket() {
        String name = uniqueBucket("missing");
        S3Exception error = assertS3Error(404, "NoSuchBucket", () -> s3().getObjectAsBytes(r -> r.bucket(name).key("k")));
        assertThat(error.awsErrorDetails().errorMessage()).isEqualTo("The specified bucket does not exist");
        assertS3Error(404, "NoSuchBucket", () -> s3().createMultipartUpload(r -> r.bucket(name).key("k")));
        assertS3Error(404, "NoSuchBucket", () -> s3().listObjects(r -> r.bucket(name)));
        assertS3Error(404, "NoSuchBucket", () -> s3().getBucketLocation(r -> r.bucket(name)));
        assertS3Error(404, "NoSuchBucket", () -> s3().deleteObject(r -> r.bucket(name).key("k")));
    }

    @Test
    void errorsCarryARequestId() {
        S3Exception error = assertS3Error(404, "NoSuchBucket",
                () -> s3().listObjectsV2(r -> r.bucket(uniqueBucket("request-id"))));
        assertThat(error.requestId()).isNotBlank();
        assertThat(error.extendedRequestId()).isNotBlank();
    }
}
