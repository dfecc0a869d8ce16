package io.wharf.it.kms;

import io.wharf.testkit.Clients;
import io.wharf.testkit.WharfServerExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.KeyMetadata;
import software.amazon.awssdk.services.kms.model.KmsException;

import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * One Wharf per test class and a KMS client acting as the root of the default account (000000000000): these suites
 * test what does not depend on who calls, in whatever auth mode the build runs them (the root's default key policy
 * allows it everything on its own keys).
 */
abstract class KmsTestBase {
    static final String ACCOUNT = "000000000000";
    static final String REGION = "us-east-1";
    private static final AtomicInteger COUNTER = new AtomicInteger();

    @RegisterExtension
    static final WharfServerExtension WHARF = WharfServerExtension.builder().build();

    protected KmsClient kms;

    @BeforeEach
    void client() {
        kms = Clients.kms(WHARF.endpoint());
    }

    @AfterEach
    void closeClient() {
        kms.close();
    }

    static String unique(String base) {
        return base + "-" + COUNTER.incrementAndGet() + "-" + Long.toString(System.nanoTime() % 1_000_000, 36);
    }

    KeyMetadata newKey() {
        return kms.createKey(r -> r.description("test key")).keyMetadata();
    }

    static SdkBytes utf8(String s) {
        return SdkBytes.fromUtf8String(s);
    }

    /** The error a call answers: its code, HTTP status and message checked by the caller. */
    static KmsException error(Runnable call) {
        KmsException e = catchThrowableOfType(KmsException.class, call::run);
        assertThat(e).as("expected a KMS error").isNotNull();
        return e;
    }

    static void assertError(Runnable call, String code, String message) {
        KmsException e = error(call);
        assertThat(e.awsErrorDetails().errorCode()).isEqualTo(code);
        assertThat(e.statusCode()).isEqualTo(400);
        if (message != null) {
            assertThat(e.awsErrorDetails().errorMessage()).isEqualTo(message);
        }
    }
}
