package io.wharf.it.s3.aws;

import io.wharf.testkit.Clients;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.core.async.AsyncRequestBody;
import software.amazon.awssdk.core.async.AsyncResponseTransformer;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.services.s3.S3AsyncClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ChecksumAlgorithm;
import software.amazon.awssdk.services.s3.model.ChecksumMode;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;

import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.zip.CRC32;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the SDK for Java v2 (2.57.8) sends with its defaults and their variants, and that each arrives intact. Over
 * {@code http://} the sync client signs the payload: with {@code requestChecksumCalculation} WHEN_SUPPORTED (the
 * default) an upload is {@code aws-chunked} with signed chunks and a CRC32 trailer
 * ({@code STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER}); with WHEN_REQUIRED signed chunks without a trailer
 * ({@code STREAMING-AWS4-HMAC-SHA256-PAYLOAD}); with chunked encoding off a plain body whose SHA-256 is signed, the
 * CRC32 (if any) in a header. The Netty async client sends unsigned chunks with a trailer
 * ({@code STREAMING-UNSIGNED-PAYLOAD-TRAILER}). The test records the request as the SDK sent it, so a change of the
 * SDK's defaults shows up here first.
 */
class SdkDefaultsIT extends S3TestBase {
    private static String BUCKET;
    private static final int MIB = 1024 * 1024;

    @BeforeAll
    static void createBucket() {
        BUCKET = bucket("defaults");
    }

    /** Remembers the last request the SDK put on the wire (after signing). */
    static final class Recorder implements ExecutionInterceptor {
        final List<SdkHttpRequest> sent = new CopyOnWriteArrayList<>();

        @Override
        public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
            sent.add(context.httpRequest());
        }

        SdkHttpRequest last() {
            return sent.getLast();
        }
    }

    static String crc32Base64(byte[] data) {
        CRC32 crc = new CRC32();
        crc.update(data);
        long value = crc.getValue();
        return Base64.getEncoder().encodeToString(new byte[] {
                (byte) (value >>> 24), (byte) (value >>> 16), (byte) (value >>> 8), (byte) value});
    }

    private static void assertStored(String key, byte[] body) {
        ResponseBytes<GetObjectResponse> got = s3().getObjectAsBytes(r -> r.bucket(BUCKET).key(key));
        assertThat(got.asByteArray()).as("the bytes read back").isEqualTo(body);
        assertThat(got.response().eTag()).isEqualTo(etagOf(body));
        assertThat(got.response().contentLength()).isEqualTo(body.length);
    }

    @ParameterizedTest(name = "{0} bytes")
    @ValueSource(ints = {0, 1, 5 * 1024 * 1024 + 1, 20 * 1024 * 1024})
    void roundTripsAnySizeWithTheDefaults(int size) {
        byte[] body = bytes(size, size);
        String key = "sizes/" + size;
        PutObjectResponse put = s3().putObject(r -> r.bucket(BUCKET).key(key), RequestBody.fromBytes(body));
        assertThat(put.eTag()).as("a single PUT's ETag is the MD5 of the body").isEqualTo(etagOf(body));
        assertStored(key, body);
    }

    @ParameterizedTest(name = "{0}, chunked encoding {1}")
    @CsvSource({
            "WHEN_SUPPORTED, true,  STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER, x-amz-checksum-crc32",
            "WHEN_SUPPORTED, false, SHA256,                                     ",
            "WHEN_REQUIRED,  true,  STREAMING-AWS4-HMAC-SHA256-PAYLOAD,         ",
            "WHEN_REQUIRED,  false, SHA256,                                     "})
    void eachUploadEncodingArrivesIntact(RequestChecksumCalculation calculation, boolean chunked, String contentSha256,
            String trailer) {
        Recorder recorder = new Recorder();
        // 300 KiB: more than two of the SDK's 128 KiB aws-chunks, so the framing has several chunks and a last one
        byte[] body = bytes(300 * 1024 + 7, 42);
        String key = "encodings/" + calculation + "-" + chunked;
        try (S3Client client = Clients.s3Builder(endpoint()).requestChecksumCalculation(calculation)
                .serviceConfiguration(c -> c.chunkedEncodingEnabled(chunked))
                .overrideConfiguration(o -> o.addExecutionInterceptor(recorder)).build()) {
            PutObjectResponse put = client.putObject(r -> r.bucket(BUCKET).key(key), RequestBody.fromBytes(body));
            SdkHttpRequest sent = recorder.last();
            String sha = sent.firstMatchingHeader("x-amz-content-sha256").orElseThrow();
            if (contentSha256.equals("SHA256")) {
                assertThat(sha).as("a plain body's signed SHA-256").matches("[0-9a-f]{64}");
                assertThat(sent.firstMatchingHeader("Content-Encoding")).isEmpty();
            } else {
                assertThat(sha).isEqualTo(contentSha256);
                assertThat(sent.firstMatchingHeader("Content-Encoding")).contains("aws-chunked");
                assertThat(sent.firstMatchingHeader("x-amz-decoded-content-length")).contains(
                        String.valueOf(body.length));
            }
            assertThat(sent.firstMatchingHeader("x-amz-trailer").orElse(null)).isEqualTo(trailer);
            assertThat(put.eTag()).isEqualTo(etagOf(body));
            if (calculation == RequestChecksumCalculation.WHEN_SUPPORTED) {
                assertThat(put.checksumCRC32()).as("the CRC32 S3 computed and checked").isEqualTo(crc32Base64(body));
            }
        }
        assertStored(key, body);
    }

    @Test
    void anExplicitSha256ChecksumTravelsAsATrailerAndComesBackWhenAsked() {
        Recorder recorder = new Recorder();
        byte[] body = bytes(200_000, 7);
        try (S3Client client = Clients.s3Builder(endpoint())
                .overrideConfiguration(o -> o.addExecutionInterceptor(recorder)).build()) {
            PutObjectResponse put = client.putObject(r -> r.bucket(BUCKET).key("sha256")
                    .checksumAlgorithm(ChecksumAlgorithm.SHA256), RequestBody.fromBytes(body));
            assertThat(recorder.last().firstMatchingHeader("x-amz-trailer")).contains("x-amz-checksum-sha256");
            String expected = Base64.getEncoder().encodeToString(sha256(body));
            assertThat(put.checksumSHA256()).isEqualTo(expected);
            // GetObject with ChecksumMode ENABLED answers the stored checksum (and the SDK validates it)
            ResponseBytes<GetObjectResponse> got = client.getObjectAsBytes(r -> r.bucket(BUCKET).key("sha256")
                    .checksumMode(ChecksumMode.ENABLED));
            assertThat(got.response().checksumSHA256()).isEqualTo(expected);
            assertThat(got.asByteArray()).isEqualTo(body);
            assertThat(client.headObject(r -> r.bucket(BUCKET).key("sha256").checksumMode(ChecksumMode.ENABLED))
                    .checksumSHA256()).isEqualTo(expected);
        }
    }

    @Test
    void theDefaultCrc32IsAnsweredOnGetWhenAsked() {
        byte[] body = bytes(1000, 3);
        s3().putObject(r -> r.bucket(BUCKET).key("crc32"), RequestBody.fromBytes(body));
        GetObjectResponse got = s3().getObjectAsBytes(r -> r.bucket(BUCKET).key("crc32")
                .checksumMode(ChecksumMode.ENABLED)).response();
        assertThat(got.checksumCRC32()).isEqualTo(crc32Base64(body));
    }

    @Test
    void theNettyAsyncClientSendsUnsignedChunksWithATrailer() {
        Recorder recorder = new Recorder();
        byte[] body = bytes(5 * MIB + 1, 11);
        try (S3AsyncClient async = Clients.s3AsyncBuilder(endpoint()).multipartEnabled(false)
                .overrideConfiguration(o -> o.addExecutionInterceptor(recorder)).build()) {
            PutObjectResponse put = async.putObject(r -> r.bucket(BUCKET).key("async"),
                    AsyncRequestBody.fromBytes(body)).join();
            SdkHttpRequest sent = recorder.last();
            assertThat(sent.firstMatchingHeader("x-amz-content-sha256")).contains("STREAMING-UNSIGNED-PAYLOAD-TRAILER");
            assertThat(sent.firstMatchingHeader("x-amz-trailer")).contains("x-amz-checksum-crc32");
            assertThat(put.eTag()).isEqualTo(etagOf(body));
            assertThat(put.checksumCRC32()).isEqualTo(crc32Base64(body));
            ResponseBytes<GetObjectResponse> got = async.getObject(r -> r.bucket(BUCKET).key("async"),
                    AsyncResponseTransformer.toBytes()).join();
            assertThat(got.asByteArray()).isEqualTo(body);
        }
    }

    @Test
    void virtualHostStyleAddressingReachesTheSameBuckets() {
        Recorder recorder = new Recorder();
        String bucket = uniqueBucket("vhost");
        byte[] body = bytes(4096, 5);
        try (S3Client client = Clients.s3VirtualHostBuilder(endpoint())
                .overrideConfiguration(o -> o.addExecutionInterceptor(recorder)).build()) {
            client.createBucket(r -> r.bucket(bucket));
            assertThat(recorder.last().host()).isEqualTo(bucket + ".localhost");
            client.putObject(r -> r.bucket(bucket).key("dir/file.bin"), RequestBody.fromBytes(body));
            assertThat(recorder.last().encodedPath()).isEqualTo("/dir/file.bin");
            assertThat(client.getObjectAsBytes(r -> r.bucket(bucket).key("dir/file.bin")).asByteArray())
                    .isEqualTo(body);
            assertThat(client.listObjectsV2(r -> r.bucket(bucket)).contents())
                    .extracting(o -> o.key()).containsExactly("dir/file.bin");
        }
        // the same bucket, path-style
        assertThat(s3().getObjectAsBytes(r -> r.bucket(bucket).key("dir/file.bin")).asByteArray()).isEqualTo(body);
    }

    private static byte[] sha256(byte[] data) {
        try {
            return java.security.MessageDigest.getInstance("SHA-256").digest(data);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }
}
