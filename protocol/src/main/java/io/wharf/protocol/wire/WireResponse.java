package io.wharf.protocol.wire;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An HTTP response as the protocol layer produces it. Headers keep their case and order. A response either has a
 * {@code body} or, for event streams, a {@code stream} that writes the body in pieces as it goes (no
 * Content-Length: chunked on HTTP/1.1, DATA frames on HTTP/2).
 * <p>Two exceptions on how the front door frames an answer: a {@code stream} whose headers carry
 * {@code Content-Length} is sent with exactly that length, not chunked (an object's bytes, see {@link ResponseBody});
 * and an answer to {@code HEAD} keeps the {@code Content-Length} header it carries although it has no body.
 */
public record WireResponse(int status, Map<String, String> headers, byte[] body, Stream stream) {

    /** A body written while it is made, on the request's own (virtual) thread. */
    @FunctionalInterface
    public interface Stream {
        /** Writes the whole body through {@code out}; returning ends the response. */
        void writeTo(Sink out) throws IOException, InterruptedException;
    }

    /** Where a {@link Stream} writes. Each write is flushed to the client before it returns. */
    public interface Sink {
        /** @throws IOException when the client is gone */
        void write(byte[] chunk) throws IOException, InterruptedException;

        /** False once the client went away or the server is stopping: the stream should end. */
        boolean open();
    }

    public WireResponse(int status, Map<String, String> headers, byte[] body) {
        this(status, headers, body, null);
    }

    public static WireResponse of(int status, String contentType, byte[] body) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", contentType);
        return new WireResponse(status, headers, body);
    }

    public static WireResponse text(int status, String contentType, String body) {
        return of(status, contentType, body.getBytes(StandardCharsets.UTF_8));
    }

    /** A streamed response. */
    public static WireResponse streaming(int status, String contentType, Stream stream) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", contentType);
        return new WireResponse(status, headers, new byte[0], stream);
    }

    public WireResponse withHeader(String name, String value) {
        Map<String, String> copy = new LinkedHashMap<>(headers);
        copy.put(name, value);
        return new WireResponse(status, copy, body, stream);
    }
}
