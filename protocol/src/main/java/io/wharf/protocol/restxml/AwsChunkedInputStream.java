package io.wharf.protocol.restxml;

import io.wharf.protocol.AuthErrors;
import io.wharf.protocol.AwsException;
import io.wharf.protocol.auth.AuthException;
import io.wharf.protocol.auth.ChunkSigning;
import io.wharf.protocol.wire.RequestBody;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Locale;
import java.util.Map;

/**
 * The bytes inside an {@code aws-chunked} body:
 * <pre>
 * hex-size[;chunk-signature=sig] CRLF data CRLF … 0[;chunk-signature=sig] CRLF [name:value CRLF]… CRLF
 * </pre>
 * The data of each chunk passes through as it arrives (a chunk is never held whole); when a {@link ChunkSigning} is
 * given, each chunk's signature is checked as its closing CRLF is read, the final one's and the trailer's
 * ({@code x-amz-trailer-signature}) before end of stream is reported. A reader must therefore treat what it read as
 * unconfirmed until this stream returned -1: any failure surfaces as a {@link RequestBody.BodyException} carrying S3's
 * error — SignatureDoesNotMatch (403) for a wrong signature, IncompleteBody when the data ends early or differs from
 * {@code x-amz-decoded-content-length}, InvalidRequest for broken framing.
 *
 * <p>Bounds: a chunk header or trailer line holds at most {@link #MAX_LINE} bytes, a trailer at most
 * {@link #MAX_TRAILERS} headers, a chunk at most {@link #MAX_CHUNK} bytes.
 */
public final class AwsChunkedInputStream extends InputStream {
    static final int MAX_LINE = 4096;
    static final int MAX_TRAILERS = 16;
    static final long MAX_CHUNK = 1L << 40;

    private static final String SIGNATURE_EXTENSION = "chunk-signature=";
    private static final String TRAILER_SIGNATURE = "x-amz-trailer-signature";

    private final InputStream in;
    private final ChunkSigning signing;
    private final long declaredLength;
    private final Map<String, String> trailers;
    private final MessageDigest digest;

    private String previousSignature;
    private String expectedChunkSignature;
    private long remaining;
    private boolean inChunk;
    private boolean done;
    private long decoded;
    private AwsException failure;

    /**
     * @param raw            the body as received
     * @param signing        checks chunk signatures; null: signatures are not checked (nor required)
     * @param declaredLength {@code x-amz-decoded-content-length}, or -1 when not declared
     * @param trailers       where the trailing headers go (lower-case names), signature excluded
     */
    public AwsChunkedInputStream(InputStream raw, ChunkSigning signing, long declaredLength,
                                 Map<String, String> trailers) {
        this.in = raw instanceof BufferedInputStream ? raw : new BufferedInputStream(raw, 64 * 1024);
        this.signing = signing;
        this.declaredLength = declaredLength;
        this.trailers = trailers;
        this.digest = signing == null ? null : sha256();
        this.previousSignature = signing == null ? null : signing.seedSignature();
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int read = read(one, 0, 1);
        return read < 0 ? -1 : one[0] & 0xFF;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        if (failure != null) {
            throw new RequestBody.BodyException(failure);
        }
        if (length == 0) {
            return 0;
        }
        try {
            while (remaining == 0 && !done) {
                nextChunk();
            }
            if (done) {
                return -1;
            }
            int read = in.read(buffer, offset, (int) Math.min(length, remaining));
            if (read < 0) {
                throw incomplete();
            }
            if (digest != null) {
                digest.update(buffer, offset, read);
            }
            remaining -= read;
            decoded += read;
            if (declaredLength >= 0 && decoded > declaredLength) {
                throw incomplete();
            }
            return read;
        } catch (AwsException e) {
            failure = e;
            throw new RequestBody.BodyException(e);
        }
    }

    @Override
    public void close() throws IOException {
        in.close();
    }

    /** Ends the chunk just read (if any) and reads the next chunk's header, or the final chunk and the trailer. */
    private void nextChunk() throws IOException {
        if (inChunk) {
            int cr = in.read();
            int lf = cr < 0 ? -1 : in.read();
            if (lf < 0) {
                throw incomplete();
            }
            if (cr != '\r' || lf != '\n') {
                throw malformed("a chunk's data is not followed by CRLF");
            }
            checkChunkSignature(digest == null ? null : digest.digest());
            inChunk = false;
        }
        String header = readLine();
        if (header == null) {
            throw incomplete();
        }
        int semicolon = header.indexOf(';');
        String size = (semicolon < 0 ? header : header.substring(0, semicolon)).trim();
        expectedChunkSignature = null;
        if (semicolon >= 0) {
            for (String extension : header.substring(semicolon + 1).split(";")) {
                String trimmed = extension.trim();
                if (trimmed.startsWith(SIGNATURE_EXTENSION)) {
                    expectedChunkSignature = trimmed.substring(SIGNATURE_EXTENSION.length());
                }
            }
        }
        long chunkSize = parseSize(size);
        if (signing != null && expectedChunkSignature == null) {
            throw malformed("a chunk has no chunk-signature");
        }
        if (chunkSize == 0) {
            checkChunkSignature(digest == null ? null : digest.digest());
            readTrailer();
            if (declaredLength >= 0 && decoded != declaredLength) {
                throw incomplete();
            }
            done = true;
            return;
        }
        remaining = chunkSize;
        inChunk = true;
    }

    private void checkChunkSignature(byte[] dataSha256) {
        if (signing == null) {
            return;
        }
        String expected = signing.chunk(previousSignature, dataSha256);
        if (!MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII),
                expectedChunkSignature.getBytes(StandardCharsets.US_ASCII))) {
            throw AuthErrors.s3(AuthException.signatureDoesNotMatch());
        }
        previousSignature = expected;
    }

    private void readTrailer() throws IOException {
        ByteArrayOutputStream canonical = new ByteArrayOutputStream();
        String trailerSignature = null;
        int count = 0;
        while (true) {
            String line = readLine();
            if (line == null || line.isEmpty()) {
                break;
            }
            if (++count > MAX_TRAILERS) {
                throw malformed("too many trailing headers");
            }
            int colon = line.indexOf(':');
            if (colon <= 0) {
                throw malformed("a trailing header is not name:value");
            }
            if (signing != null && !signing.signedTrailer()) {
                throw malformed("a chunk-signed payload without a trailer has trailing headers");
            }
            String name = line.substring(0, colon).trim().toLowerCase(Locale.ROOT);
            if (name.isEmpty()) {
                throw malformed("a trailing header has no name");
            }
            String value = line.substring(colon + 1).trim();
            if (name.equals(TRAILER_SIGNATURE)) {
                trailerSignature = value;
            } else {
                trailers.put(name, value);
                canonical.writeBytes((name + ":" + value + "\n").getBytes(StandardCharsets.UTF_8));
            }
        }
        if (signing != null && signing.signedTrailer()) {
            if (trailerSignature == null) {
                throw malformed("the trailer has no x-amz-trailer-signature");
            }
            String expected = signing.trailer(previousSignature, sha256().digest(canonical.toByteArray()));
            if (!MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII),
                    trailerSignature.getBytes(StandardCharsets.US_ASCII))) {
                throw AuthErrors.s3(AuthException.signatureDoesNotMatch());
            }
        }
    }

    private static long parseSize(String hex) {
        if (hex.isEmpty() || hex.length() > 16) {
            throw malformed("a chunk size is not hexadecimal");
        }
        long size = 0;
        for (int i = 0; i < hex.length(); i++) {
            int digit = Character.digit(hex.charAt(i), 16);
            if (digit < 0) {
                throw malformed("a chunk size is not hexadecimal");
            }
            size = size * 16 + digit;
            if (size > MAX_CHUNK) {
                throw malformed("a chunk is larger than " + MAX_CHUNK + " bytes");
            }
        }
        return size;
    }

    /** A CRLF- (or LF-) terminated line without its terminator; null at end of stream before any byte. */
    private String readLine() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream(80);
        while (true) {
            int b = in.read();
            if (b < 0) {
                return line.size() == 0 ? null : line.toString(StandardCharsets.UTF_8);
            }
            if (b == '\n') {
                byte[] bytes = line.toByteArray();
                int end = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
                return new String(bytes, 0, end, StandardCharsets.UTF_8);
            }
            if (line.size() >= MAX_LINE) {
                throw malformed("a chunk header or trailer line is longer than " + MAX_LINE + " bytes");
            }
            line.write(b);
        }
    }

    private static AwsException incomplete() {
        return AwsException.client("IncompleteBody",
                "You did not provide the number of bytes specified by the Content-Length HTTP header.");
    }

    private static AwsException malformed(String why) {
        return AwsException.client("InvalidRequest", "The aws-chunked request body is malformed: " + why + ".");
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
