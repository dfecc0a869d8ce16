package io.wharf.it.s3;

import io.wharf.testkit.Clients;
import io.wharf.testkit.WharfServerExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Exception;

import java.net.URI;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * One Wharf per test class and the SDK's S3 client (path-style, the SDK's default checksums) acting as the root of
 * the default account, in whatever auth mode the build runs them.
 */
abstract class S3TestBase {
    static final String ACCOUNT = "000000000000";
    private static final AtomicInteger COUNTER = new AtomicInteger();

    @RegisterExtension
    static final WharfServerExtension WHARF = WharfServerExtension.builder().build();

    protected S3Client s3;

    @BeforeEach
    void client() {
        s3 = client(Region.US_EAST_1);
    }

    @AfterEach
    void closeClient() {
        s3.close();
    }

    static S3Client client(Region region) {
        return client(WHARF.endpoint(), region);
    }

    @SuppressWarnings("deprecation")
    static S3Client client(URI endpoint, Region region) {
        return S3Client.builder().endpointOverride(endpoint).region(region).credentialsProvider(Clients.CREDENTIALS)
                .forcePathStyle(true)
                .httpClientBuilder(software.amazon.awssdk.http.apache.ApacheHttpClient.builder())
                .overrideConfiguration(c -> c.retryStrategy(
                        software.amazon.awssdk.awscore.retry.AwsRetryStrategy.doNotRetry()))
                .build();
    }

    static String unique(String base) {
        return base + "-" + COUNTER.incrementAndGet() + "-" + Long.toString(System.nanoTime() % 1_000_000, 36);
    }

    String bucket() {
        String name = unique("bkt");
        s3.createBucket(r -> r.bucket(name));
        return name;
    }

    void put(String bucket, String key, String content) {
        s3.putObject(r -> r.bucket(bucket).key(key), RequestBody.fromString(content));
    }

    /** The S3 error a call answers. */
    static S3Exception error(Runnable call) {
        S3Exception e = catchThrowableOfType(S3Exception.class, call::run);
        assertThat(e).as("expected an S3 error").isNotNull();
        return e;
    }

    static void assertError(Runnable call, int status, String code) {
        S3Exception e = error(call);
        assertThat(e.statusCode()).as("status").isEqualTo(status);
        if (code != null) {
            assertThat(e.awsErrorDetails().errorCode()).as("code").isEqualTo(code);
        }
    }
}
