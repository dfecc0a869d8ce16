package io.wharf.protocol.restxml;

import io.wharf.protocol.AwsException;
import io.wharf.protocol.auth.ChunkSigning;
import io.wharf.protocol.wire.RequestBody;
import io.wharf.protocol.wire.WireRequest;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The {@link RequestBody} of a REST-XML request: the body as received, or, when it is {@code aws-chunked}
 * ({@code Content-Encoding: aws-chunked} or {@code x-amz-content-sha256: STREAMING-…}), the bytes inside the framing,
 * with chunk signatures checked when the payload was chunk-signed and a {@link ChunkSigning} is given (signatures
 * verified by the gateway), and the trailers collected.
 */
public final class RequestPayload implements RequestBody {
    private final WireRequest request;
    private final boolean chunked;
    private final ChunkSigning signing;
    private final long length;
    private final Map<String, String> trailers = Collections.synchronizedMap(new LinkedHashMap<>());
    private boolean opened;

    /**
     * @param signing  checks chunk signatures; null when they are not checked (authentication off, or the payload is
     *                 not chunk-signed)
     */
    public RequestPayload(WireRequest request, ChunkSigning signing) {
        this.request = request;
        this.chunked = isChunked(request);
        this.signing = signing;
        this.length = chunked ? declaredDecodedLength(request) : request.bodyLength();
    }

    /** Whether the request's body is {@code aws-chunked}. */
    public static boolean isChunked(WireRequest request) {
        String sha = request.header("x-amz-content-sha256");
        if (sha != null && sha.trim().startsWith("STREAMING-")) {
            return true;
        }
        String encoding = request.header("content-encoding");
        return encoding != null && encoding.toLowerCase(Locale.ROOT).contains("aws-chunked");
    }

    private static long declaredDecodedLength(WireRequest request) {
        String declared = request.header("x-amz-decoded-content-length");
        if (declared == null) {
            return -1;
        }
        try {
            long value = Long.parseLong(declared.trim());
            if (value < 0) {
                throw new NumberFormatException();
            }
            return value;
        } catch (NumberFormatException e) {
            throw AwsException.client("InvalidArgument", "x-amz-decoded-content-length must be a non-negative number")
                    .with("ArgumentName", "x-amz-decoded-content-length").with("ArgumentValue", declared);
        }
    }

    @Override
    public long length() {
        return length;
    }

    @Override
    public synchronized InputStream open() throws IOException {
        if (opened) {
            throw new IllegalStateException("the request body is read once");
        }
        opened = true;
        InputStream raw = request.openBody();
        return chunked ? new AwsChunkedInputStream(raw, signing, length, trailers) : raw;
    }

    @Override
    public Map<String, String> trailers() {
        synchronized (trailers) {
            return Map.copyOf(trailers);
        }
    }

    @Override
    public synchronized Path file() {
        return chunked || opened ? null : request.bodyFile();
    }

    /** Whether the body is {@code aws-chunked} framed. */
    public boolean chunked() {
        return chunked;
    }
}
