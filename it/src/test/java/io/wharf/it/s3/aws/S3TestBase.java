package io.wharf.it.s3.aws;

import io.wharf.testkit.Clients;
import io.wharf.testkit.WharfServerExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Exception;

import java.net.URI;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * One Wharf per test class (in-process, ephemeral port, in-memory store) and the SDK's S3 client on it, path-style,
 * with every SDK default on (flexible checksums, chunked uploads, response validation).
 *
 * <p>The suites are written from AWS's documented behaviour, not from Wharf's code. To check a suite against another
 * S3 implementation, point it there with {@code -Dwharf.it.s3.endpoint=http://127.0.0.1:PORT} (e.g. moto_server): the
 * Wharf the extension starts is then left alone.
 */
abstract class S3TestBase {
    /** The system property that aims the S3 suites at another endpoint than the Wharf the extension starts. */
    static final String ENDPOINT_PROPERTY = "wharf.it.s3.endpoint";

    private static final AtomicInteger COUNTER = new AtomicInteger();

    @RegisterExtension
    static final WharfServerExtension WHARF = WharfServerExtension.builder().build();

    private static S3Client s3;

    /** Where the S3 clients go: {@value #ENDPOINT_PROPERTY} when set, else the Wharf under test. */
    static URI endpoint() {
        String other = System.getProperty(ENDPOINT_PROPERTY, "");
        return other.isBlank() ? WHARF.endpoint() : URI.create(other.strip());
    }

    /** True when the suite runs against another endpoint than Wharf (for the few Wharf-only checks). */
    static boolean againstWharf() {
        return System.getProperty(ENDPOINT_PROPERTY, "").isBlank();
    }

    /** The class's shared path-style client with the SDK's defaults, closed after the class. */
    static synchronized S3Client s3() {
        if (s3 == null) {
            s3 = Clients.s3(endpoint());
        }
        return s3;
    }

    @AfterAll
    static synchronized void closeClient() {
        if (s3 != null) {
            s3.close();
            s3 = null;
        }
    }

    /** A bucket name no other test uses: lower case, 3-63 characters, as AWS's naming rules want. */
    static String uniqueBucket(String base) {
        return (base + "-" + COUNTER.incrementAndGet() + "-" + Long.toString(System.nanoTime() % 1_000_000_000L, 36))
                .toLowerCase(Locale.ROOT);
    }

    /** Creates a fresh bucket and returns its name. */
    static String bucket(String base) {
        String name = uniqueBucket(base);
        s3().createBucket(r -> r.bucket(name));
        return name;
    }

    /** {@code size} pseudo-random bytes from {@code seed} (incompressible, reproducible). */
    static byte[] bytes(int size, long seed) {
        byte[] data = new byte[size];
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = 0; i < size; i += 8) {
            long value = random.nextLong();
            for (int j = 0; j < 8 && i + j < size; j++) {
                data[i + j] = (byte) (value >>> (8 * j));
            }
        }
        return data;
    }

    static byte[] md5(byte[] data) {
        try {
            return MessageDigest.getInstance("MD5").digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }

    /** The ETag AWS gives a single-request upload: the quoted hex MD5 of the body. */
    static String etagOf(byte[] data) {
        return "\"" + HexFormat.of().formatHex(md5(data)) + "\"";
    }

    /**
     * Runs {@code call}, which must fail with an S3 error of this HTTP status and code, as the SDK parsed it; returns
     * the exception for more checks.
     */
    static S3Exception assertS3Error(int status, String code, Executable call) {
        S3Exception error = assertThrows(S3Exception.class, call);
        assertThat(error.statusCode()).as("HTTP status of %s", error.getMessage()).isEqualTo(status);
        if (code != null) {
            assertThat(error.awsErrorDetails().errorCode()).as("error code of %s", error.getMessage()).isEqualTo(code);
        }
        return error;
    }
}
