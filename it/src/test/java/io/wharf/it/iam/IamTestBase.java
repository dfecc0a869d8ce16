package io.wharf.it.iam;

import io.wharf.testkit.Clients;
import io.wharf.testkit.WharfServerExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.sts.StsClient;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * One Wharf per test class with IAM and STS clients. Auth is off in these suites: every call acts as the root of the
 * default account (000000000000), so they test what does not depend on who calls.
 */
abstract class IamTestBase {
    static final String ACCOUNT = "000000000000";
    static final String TRUST = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
            + "\"Principal\":{\"AWS\":\"arn:aws:iam::000000000000:root\"},\"Action\":[\"sts:AssumeRole\",\"sts:TagSession\"]}]}";
    private static final AtomicInteger COUNTER = new AtomicInteger();

    @RegisterExtension
    static final WharfServerExtension WHARF = WharfServerExtension.builder().build();

    protected IamClient iam;
    protected StsClient sts;

    @BeforeEach
    void clients() {
        iam = Clients.iam(WHARF.endpoint());
        sts = Clients.sts(WHARF.endpoint());
    }

    @AfterEach
    void closeClients() {
        iam.close();
        sts.close();
    }

    protected static String unique(String base) {
        return base + "-" + COUNTER.incrementAndGet() + "-" + Long.toString(System.nanoTime() % 1_000_000, 36);
    }

    static String allow(String action) {
        return "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"" + action
                + "\",\"Resource\":\"*\"}]}";
    }

    /** IAM sends policy documents URL-encoded; the Java SDK hands them over as they came. */
    static String decoded(String document) {
        return URLDecoder.decode(document, StandardCharsets.UTF_8);
    }

    /** The AWS error {@code call} fails with: its code, HTTP status and message are checked by the caller. */
    static AwsServiceException error(Runnable call) {
        AwsServiceException e = catchThrowableOfType(AwsServiceException.class, call::run);
        assertThat(e).as("an AWS error").isNotNull();
        return e;
    }

    static void assertError(AwsServiceException e, String code, int status, String message) {
        assertThat(e.awsErrorDetails().errorCode()).isEqualTo(code);
        assertThat(e.statusCode()).isEqualTo(status);
        if (message != null) {
            assertThat(e.awsErrorDetails().errorMessage()).isEqualTo(message);
        }
    }
}
