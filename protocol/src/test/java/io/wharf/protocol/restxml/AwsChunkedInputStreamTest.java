package io.wharf.protocol.restxml;

import io.wharf.protocol.auth.ChunkSigning;
import io.wharf.protocol.wire.RequestBody;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The aws-chunked decoder on its own, with the example of AWS's "Transferring Payload in Multiple Chunks" page (its
 * known seed and chunk signatures: 65536 and 1024 bytes of 'a', then the final chunk) and hand-made framings.
 */
class AwsChunkedInputStreamTest {
    static final String SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
    static final String SEED = "4f232c4386841ef735655705268965c44a0e4690baa4adea153f7db9fa80a0a9";
    static final String CHUNK_1 = "ad80c730a21e5b8d04586a2213dd63b9a0e99e0e2307b0ade35a65485a288648";
    static final String CHUNK_2 = "0055627c9e194cb4542bae2aa5492e3c1575bbb81b612b7d234b86a503ef5497";
    static final String FINAL = "b6c6ea8a5354eaf15b3cb7646744f4275b71ea724fed81ceb9323e279d449df9";

    static ChunkSigning awsExample() throws Exception {
        return awsExample(false);
    }

    static ChunkSigning awsExample(boolean signedTrailer) throws Exception {
        byte[] key = ("AWS4" + SECRET).getBytes(StandardCharsets.UTF_8);
        for (String part : new String[] {"20130524", "us-east-1", "s3", "aws4_request"}) {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            key = mac.doFinal(part.getBytes(StandardCharsets.UTF_8));
        }
        return ChunkSigning.of(key, "20130524T000000Z", "20130524/us-east-1/s3/aws4_request", SEED, signedTrailer);
    }

    static byte[] awsExampleBody(String chunk1Signature) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        byte[] a64k = new byte[65536];
        Arrays.fill(a64k, (byte) 'a');
        byte[] a1k = new byte[1024];
        Arrays.fill(a1k, (byte) 'a');
        body.writeBytes(("10000;chunk-signature=" + chunk1Signature + "\r\n").getBytes(StandardCharsets.US_ASCII));
        body.writeBytes(a64k);
        body.writeBytes(("\r\n400;chunk-signature=" + CHUNK_2 + "\r\n").getBytes(StandardCharsets.US_ASCII));
        body.writeBytes(a1k);
        body.writeBytes(("\r\n0;chunk-signature=" + FINAL + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        return body.toByteArray();
    }

    static byte[] readAll(InputStream in) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[1000]; // smaller than a chunk: reads end inside chunks
        int read;
        while ((read = in.read(buffer)) >= 0) {
            out.write(buffer, 0, read);
        }
        return out.toByteArray();
    }

    private static String errorCode(ThrowingRead read) {
        try {
            read.run();
        } catch (RequestBody.BodyException e) {
            return e.error().code();
        } catch (Exception e) {
            throw new AssertionError("not a BodyException", e);
        }
        throw new AssertionError("no failure");
    }

    interface ThrowingRead {
        void run() throws Exception;
    }

    private static AwsChunkedInputStream stream(String body, ChunkSigning signing, long declared,
                                                Map<String, String> trailers) {
        return new AwsChunkedInputStream(new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)), signing,
                declared, trailers);
    }

    @Test
    void awsDocumentedExampleVerifies() throws Exception {
        byte[] decoded = readAll(new AwsChunkedInputStream(new ByteArrayInputStream(awsExampleBody(CHUNK_1)),
                awsExample(), 66560, new LinkedHashMap<>()));
        assertThat(decoded).hasSize(66560).containsOnly((byte) 'a');
    }

    @Test
    void aWrongChunkSignatureOrAChangedByteIsSignatureDoesNotMatch() throws Exception {
        ChunkSigning signing = awsExample();
        String wrong = CHUNK_1.substring(0, 63) + (CHUNK_1.endsWith("8") ? "9" : "8");
        assertThat(errorCode(() -> readAll(new AwsChunkedInputStream(
                new ByteArrayInputStream(awsExampleBody(wrong)), signing, 66560, new LinkedHashMap<>()))))
                .isEqualTo("SignatureDoesNotMatch");
        byte[] changed = awsExampleBody(CHUNK_1);
        changed[100] = 'b';
        assertThat(errorCode(() -> readAll(new AwsChunkedInputStream(new ByteArrayInputStream(changed), signing,
                66560, new LinkedHashMap<>())))).isEqualTo("SignatureDoesNotMatch");
    }

    @Test
    void aSignedPayloadWithoutSignaturesIsRefused() throws Exception {
        ChunkSigning signing = awsExample();
        assertThat(errorCode(() -> readAll(stream("5\r\nhello\r\n0\r\n\r\n", signing, 5, new LinkedHashMap<>()))))
                .isEqualTo("InvalidRequest");
    }

    @Test
    void unsignedChunksWithATrailer() throws Exception {
        Map<String, String> trailers = new LinkedHashMap<>();
        byte[] decoded = readAll(stream("5\r\nhello\r\n7\r\n, world\r\n0\r\nx-amz-checksum-crc32:AAAAAA==\r\n"
                + "X-Other: v\r\n\r\n", null, 12, trailers));
        assertThat(new String(decoded, StandardCharsets.UTF_8)).isEqualTo("hello, world");
        assertThat(trailers).containsExactly(Map.entry("x-amz-checksum-crc32", "AAAAAA=="), Map.entry("x-other", "v"));
    }

    @Test
    void aMissingFinalCrlfIsTolerated() throws Exception {
        assertThat(readAll(stream("3\r\nabc\r\n0\r\n", null, 3, new LinkedHashMap<>()))).hasSize(3);
    }

    /** The fuzz target's signed seeds are valid, so that its replay exercises the signature checks' success path. */
    @Test
    void theFuzzSeedsSignedWithTheExampleKeyVerify() throws Exception {
        Map<String, String> trailers = new LinkedHashMap<>();
        byte[] decoded = readAll(new AwsChunkedInputStream(new ByteArrayInputStream(seed("signed-trailer")),
                awsExample(true), 17, trailers));
        assertThat(new String(decoded, StandardCharsets.UTF_8)).isEqualTo("some object bytes");
        assertThat(trailers).containsEntry("x-amz-checksum-crc32", "3n5ZvA==");
        assertThat(readAll(new AwsChunkedInputStream(new ByteArrayInputStream(seed("signed")), awsExample(), 19,
                new LinkedHashMap<>()))).asString(StandardCharsets.UTF_8).isEqualTo("hello chunked world");
    }

    @Test
    void aChunkSignedPayloadWithoutATrailerMayNotCarryOne() throws Exception {
        byte[] signed = seed("signed");
        String text = new String(signed, StandardCharsets.ISO_8859_1);
        byte[] withTrailer = (text.substring(0, text.length() - 2) + "x-amz-checksum-crc32:AAAAAA==\r\n\r\n")
                .getBytes(StandardCharsets.ISO_8859_1);
        ChunkSigning signing = awsExample();
        assertThat(errorCode(() -> readAll(new AwsChunkedInputStream(new ByteArrayInputStream(withTrailer), signing,
                19, new LinkedHashMap<>())))).isEqualTo("InvalidRequest");
    }

    private static byte[] seed(String name) throws Exception {
        try (InputStream in = AwsChunkedInputStreamTest.class.getResourceAsStream(
                "AwsChunkedFuzzTestInputs/decode/" + name)) {
            byte[] all = in.readAllBytes();
            int newline = 0;
            while (all[newline] != '\n') {
                newline++;
            }
            return Arrays.copyOfRange(all, newline + 1, all.length);
        }
    }

    @Test
    void framingErrors() {
        assertThat(errorCode(() -> readAll(stream("5\r\nhel", null, 5, new LinkedHashMap<>()))))
                .isEqualTo("IncompleteBody");
        assertThat(errorCode(() -> readAll(stream("5\r\nhello\r\n0\r\n\r\n", null, 6, new LinkedHashMap<>()))))
                .isEqualTo("IncompleteBody");
        assertThat(errorCode(() -> readAll(stream("5\r\nhello, world\r\n0\r\n\r\n", null, -1, new LinkedHashMap<>()))))
                .isEqualTo("InvalidRequest");
        assertThat(errorCode(() -> readAll(stream("zz\r\nhello\r\n0\r\n\r\n", null, -1, new LinkedHashMap<>()))))
                .isEqualTo("InvalidRequest");
        assertThat(errorCode(() -> readAll(stream("fffffffffffffffff\r\n", null, -1, new LinkedHashMap<>()))))
                .isEqualTo("InvalidRequest");
        assertThat(errorCode(() -> readAll(stream("1" + "0".repeat(5000) + "\r\n", null, -1,
                new LinkedHashMap<>())))).isEqualTo("InvalidRequest");
        assertThat(errorCode(() -> readAll(stream("", null, 0, new LinkedHashMap<>())))).isEqualTo("IncompleteBody");
        StringBuilder many = new StringBuilder("0\r\n");
        for (int i = 0; i < 20; i++) {
            many.append("x-h").append(i).append(":v\r\n");
        }
        assertThat(errorCode(() -> readAll(stream(many + "\r\n", null, 0, new LinkedHashMap<>()))))
                .isEqualTo("InvalidRequest");
    }

    @Test
    void aFailureRepeatsOnTheNextRead() throws Exception {
        AwsChunkedInputStream in = stream("5\r\nhel", null, 5, new LinkedHashMap<>());
        assertThatThrownBy(() -> readAll(in)).isInstanceOf(RequestBody.BodyException.class);
        assertThatThrownBy(() -> in.read(new byte[10])).isInstanceOf(RequestBody.BodyException.class);
    }
}
