package io.wharf.protocol.restxml;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.wharf.protocol.auth.ChunkSigning;
import io.wharf.protocol.fuzz.FuzzInput;
import io.wharf.protocol.wire.RequestBody;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The aws-chunked decoder ({@link AwsChunkedInputStream}) over arbitrary bodies. The selector line chooses the mode:
 * {@code signed} (chunk signatures checked with the key of AWS's documented example; when the selector says
 * {@code signed-trailer}, the trailer's too), anything else unsigned. Property: reading fails only with a
 * {@link RequestBody.BodyException} carrying IncompleteBody, InvalidRequest or SignatureDoesNotMatch; and what
 * decodes, framed again canonically (re-signed in the signed modes) with its exact length declared, decodes to the
 * same bytes and trailers.
 */
class AwsChunkedFuzzTest {
    private static final Set<String> DECLARED = Set.of("IncompleteBody", "InvalidRequest", "SignatureDoesNotMatch");

    @FuzzTest(maxDuration = "5s")
    void decode(byte[] input) throws Exception {
        FuzzInput fuzz = new FuzzInput(input);
        String mode = fuzz.selector();
        ChunkSigning signing = mode.startsWith("signed") ? signing(mode.equals("signed-trailer")) : null;
        Map<String, String> trailers = new LinkedHashMap<>();
        byte[] decoded;
        try {
            decoded = read(fuzz.body(), signing, -1, trailers);
        } catch (RequestBody.BodyException e) {
            if (!DECLARED.contains(e.error().code())) {
                throw new AssertionError("undeclared error " + e.error(), e);
            }
            return;
        }
        if (trailers.size() > AwsChunkedInputStream.MAX_TRAILERS) {
            throw new AssertionError("more trailers than the bound: " + trailers.size());
        }
        Map<String, String> canonicalTrailers = new LinkedHashMap<>();
        trailers.forEach((name, value) -> {
            if (!name.isEmpty() && !name.contains("\r") && !name.contains("\n") && !value.contains("\r")
                    && !value.contains("\n")) {
                canonicalTrailers.put(name, value);
            }
        });
        byte[] framed = frame(decoded, canonicalTrailers, signing);
        Map<String, String> again = new LinkedHashMap<>();
        byte[] redecoded = read(framed, signing, decoded.length, again);
        if (!Arrays.equals(decoded, redecoded) || !again.equals(canonicalTrailers)) {
            throw new AssertionError("framing again changed the payload or its trailers");
        }
    }

    private static byte[] read(byte[] body, ChunkSigning signing, long declared, Map<String, String> trailers)
            throws IOException {
        try (AwsChunkedInputStream in = new AwsChunkedInputStream(new ByteArrayInputStream(body), signing, declared,
                trailers)) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buffer = new byte[777];
            int read;
            while ((read = in.read(buffer)) >= 0) {
                out.write(buffer, 0, read);
            }
            return out.toByteArray();
        }
    }

    /** {@code data} in chunks of at most 1000 bytes, then the final chunk and the trailers, signed when asked. */
    static byte[] frame(byte[] data, Map<String, String> trailers, ChunkSigning signing) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        String previous = signing == null ? null : signing.seedSignature();
        for (int at = 0; ; at += 1000) {
            byte[] chunk = Arrays.copyOfRange(data, Math.min(at, data.length), Math.min(data.length, at + 1000));
            String header = Integer.toHexString(chunk.length);
            if (signing != null) {
                previous = signing.chunk(previous, MessageDigest.getInstance("SHA-256").digest(chunk));
                header += ";chunk-signature=" + previous;
            }
            out.writeBytes((header + "\r\n").getBytes(StandardCharsets.US_ASCII));
            if (chunk.length == 0) {
                break;
            }
            out.writeBytes(chunk);
            out.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
        }
        StringBuilder canonical = new StringBuilder();
        trailers.forEach((name, value) -> {
            out.writeBytes((name + ":" + value + "\r\n").getBytes(StandardCharsets.UTF_8));
            canonical.append(name).append(':').append(value).append('\n');
        });
        if (signing != null && signing.signedTrailer()) {
            String signature = signing.trailer(previous, MessageDigest.getInstance("SHA-256")
                    .digest(canonical.toString().getBytes(StandardCharsets.UTF_8)));
            out.writeBytes(("x-amz-trailer-signature:" + signature + "\r\n").getBytes(StandardCharsets.US_ASCII));
        }
        out.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
        return out.toByteArray();
    }

    private static ChunkSigning signing(boolean trailer) throws Exception {
        ChunkSigning example = AwsChunkedInputStreamTest.awsExample();
        return trailer ? ChunkSigning.of(exampleKey(), "20130524T000000Z", "20130524/us-east-1/s3/aws4_request",
                AwsChunkedInputStreamTest.SEED, true) : example;
    }

    private static byte[] exampleKey() throws Exception {
        byte[] key = ("AWS4" + AwsChunkedInputStreamTest.SECRET).getBytes(StandardCharsets.UTF_8);
        for (String part : new String[] {"20130524", "us-east-1", "s3", "aws4_request"}) {
            javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
            mac.init(new javax.crypto.spec.SecretKeySpec(key, "HmacSHA256"));
            key = mac.doFinal(part.getBytes(StandardCharsets.UTF_8));
        }
        return key;
    }
}
