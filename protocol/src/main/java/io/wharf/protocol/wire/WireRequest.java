package io.wharf.protocol.wire;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * An HTTP request as the protocol layer sees it, independent of the server library.
 *
 * @param method  upper-case method
 * @param path    the decoded path, without the query string
 * @param query   query-string parameters (decoded), in order
 * @param headers headers with lower-case names; repeated headers joined by ","
 * @param body     the full body, or empty when it was spooled to {@code bodyFile}
 * @param origin   how the request arrived: its exact URI (what SigV4 canonicalises), the peer's address and whether
 *                 the connection was TLS
 * @param bodyFile when not null, the body as received (still aws-chunked if it was sent so), spooled by the front door
 *                 to a file under the data directory because it was large (object uploads); {@code body} is then
 *                 empty. The front door deletes the file after the answer; an operation may move it away first (an
 *                 object store adopting an upload without copying it).
 */
public record WireRequest(String method, String path, Map<String, List<String>> query, Map<String, String> headers,
                          byte[] body, Origin origin, Path bodyFile) {

    /** A request whose body is in memory. */
    public WireRequest(String method, String path, Map<String, List<String>> query, Map<String, String> headers,
                       byte[] body, Origin origin) {
        this(method, path, query, headers, body, origin, null);
    }

    /** The body's length in bytes as received (for a spooled body, the file's size). */
    public long bodyLength() {
        if (bodyFile == null) {
            return body.length;
        }
        try {
            return Files.size(bodyFile);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The body as received, from memory or from the spool file. */
    public InputStream openBody() throws IOException {
        return bodyFile == null ? new ByteArrayInputStream(body) : Files.newInputStream(bodyFile);
    }

    /**
     * Where a request came from and how.
     *
     * @param rawPath  the path exactly as sent, still %-encoded
     * @param rawQuery the query string exactly as sent (without '?'), or "" when none
     * @param sourceIp the peer's IP address as text ({@code aws:SourceIp}); never null
     * @param secure   true when the request came over TLS ({@code aws:SecureTransport})
     */
    public record Origin(String rawPath, String rawQuery, String sourceIp, boolean secure) {
        public Origin {
            rawPath = rawPath == null || rawPath.isEmpty() ? "/" : rawPath;
            rawQuery = rawQuery == null ? "" : rawQuery;
            sourceIp = sourceIp == null ? "127.0.0.1" : sourceIp;
        }
    }

    /** A request made in-process (tests): the raw URI is re-encoded from the decoded path and query, loopback, plain. */
    public WireRequest(String method, String path, Map<String, List<String>> query, Map<String, String> headers,
                       byte[] body) {
        this(method, path, query, headers, body, new Origin(encodePath(path), encodeQuery(query), "127.0.0.1", false),
                null);
    }

    public String header(String name) {
        return headers.get(name.toLowerCase(Locale.ROOT));
    }

    public String firstQuery(String name) {
        List<String> values = query.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    public String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }

    /** The media type of the body without parameters, lower case; empty when absent. */
    public String mediaType() {
        String contentType = header("content-type");
        if (contentType == null) {
            return "";
        }
        int semicolon = contentType.indexOf(';');
        return (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).trim().toLowerCase(Locale.ROOT);
    }

    private static String encodePath(String path) {
        if (path == null || path.isEmpty()) {
            return "/";
        }
        return String.join("/", java.util.Arrays.stream(path.split("/", -1)).map(WireRequest::encode).toList());
    }

    private static String encodeQuery(Map<String, List<String>> query) {
        StringBuilder out = new StringBuilder();
        query.forEach((name, values) -> values.forEach(value -> {
            if (!out.isEmpty()) {
                out.append('&');
            }
            out.append(encode(name)).append('=').append(encode(value));
        }));
        return out.toString();
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20").replace("*", "%2A")
                .replace("%7E", "~");
    }
}
