package io.wharf.server.http;

import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.wharf.protocol.wire.WireRequest;
import io.wharf.protocol.wire.WireResponse;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Converts between Netty's HTTP messages and the protocol layer's library-free wire records. */
final class WireMessages {
    /** Query parameters kept per request; more is not an AWS request (SendMessageBatch stays far below). */
    static final int MAX_QUERY_PARAMETERS = 4096;

    private WireMessages() {
    }

    /**
     * Copies everything the gateway needs, so the Netty buffer can be released on the event loop.
     *
     * @param sourceIp the peer's address ({@code aws:SourceIp})
     * @param secure   whether the connection is TLS ({@code aws:SecureTransport})
     */
    static WireRequest toWire(FullHttpRequest request, String sourceIp, boolean secure) {
        return toWire(request, ByteBufUtil.getBytes(request.content()), null, sourceIp, secure);
    }

    /** A request whose body was spooled to {@code file} ({@link SpooledRequest}): the body in memory is empty. */
    static WireRequest toWire(SpooledRequest spooled, String sourceIp, boolean secure) {
        return toWire(spooled.head(), new byte[0], spooled.file(), sourceIp, secure);
    }

    private static WireRequest toWire(HttpRequest request, byte[] body, Path bodyFile, String sourceIp,
                                      boolean secure) {
        // ';' is data, not a separator: AWS signs and decodes only '&'-separated query strings.
        QueryStringDecoder uri = QueryStringDecoder.builder()
                .semicolonIsNormalChar(true)
                .maxParams(MAX_QUERY_PARAMETERS)
                .build(request.uri());
        Map<String, List<String>> query = new LinkedHashMap<>();
        uri.parameters().forEach((name, values) -> query.put(name, List.copyOf(values)));
        Map<String, String> headers = new LinkedHashMap<>();
        for (Map.Entry<String, String> header : request.headers()) {
            headers.merge(header.getKey().toLowerCase(Locale.ROOT), header.getValue(), (a, b) -> a + "," + b);
        }
        // SigV4 canonicalises the URI as sent, not as decoded: keep the raw path and query.
        String raw = request.uri();
        int fragment = raw.indexOf('#');
        if (fragment >= 0) {
            raw = raw.substring(0, fragment);
        }
        int question = raw.indexOf('?');
        String rawPath = question < 0 ? raw : raw.substring(0, question);
        String rawQuery = question < 0 ? "" : raw.substring(question + 1);
        if (rawPath.startsWith("http://") || rawPath.startsWith("https://")) { // absolute-form request target
            int slash = rawPath.indexOf('/', rawPath.indexOf("//") + 2);
            rawPath = slash < 0 ? "/" : rawPath.substring(slash);
        }
        return new WireRequest(request.method().name().toUpperCase(Locale.ROOT), uri.path(),
                Collections.unmodifiableMap(query), Collections.unmodifiableMap(headers), body,
                new WireRequest.Origin(rawPath, rawQuery, sourceIp, secure), bodyFile);
    }

    static FullHttpResponse toNetty(WireResponse response, boolean keepAlive) {
        return toNetty(response, keepAlive, false);
    }

    /**
     * The answer as one Netty message. Framing is ours: Content-Length is the body's, except that an answer to HEAD
     * keeps the Content-Length the gateway gave it (the length a GET would have; else its body's) and carries no body.
     */
    static FullHttpResponse toNetty(WireResponse response, boolean keepAlive, boolean toHead) {
        FullHttpResponse netty = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
                HttpResponseStatus.valueOf(response.status()), Unpooled.wrappedBuffer(response.body()));
        response.headers().forEach((name, value) -> {
            // The front door owns framing; a gateway cannot get Content-Length or Connection wrong.
            if (!name.equalsIgnoreCase("content-length") && !name.equalsIgnoreCase("connection")
                    && !name.equalsIgnoreCase("transfer-encoding")) {
                netty.headers().add(name, value);
            }
        });
        if (toHead) { // HTTP/2 has no codec that knows a HEAD answer has no body: drop it here
            long declared = declaredLength(response);
            netty.headers().set(HttpHeaderNames.CONTENT_LENGTH, declared >= 0 ? declared : response.body().length);
            netty.content().clear();
        } else {
            HttpUtil.setContentLength(netty, response.body().length);
        }
        HttpUtil.setKeepAlive(netty, keepAlive);
        return netty;
    }

    /** The Content-Length the gateway put in an answer's headers, or -1 when there is none (or it is no number). */
    static long declaredLength(WireResponse response) {
        for (Map.Entry<String, String> header : response.headers().entrySet()) {
            if (header.getKey().equalsIgnoreCase("content-length")) {
                try {
                    long length = Long.parseLong(header.getValue().trim());
                    return length >= 0 ? length : -1;
                } catch (NumberFormatException e) {
                    return -1;
                }
            }
        }
        return -1;
    }

    /**
     * The head of a streamed response: its headers, and the gateway's Content-Length when it gave one (an object's
     * bytes: sent with that length, not chunked); else no length (chunked on HTTP/1.1; DATA frames on HTTP/2).
     */
    static io.netty.handler.codec.http.HttpResponse streamHead(WireResponse response) {
        io.netty.handler.codec.http.DefaultHttpResponse head = new io.netty.handler.codec.http.DefaultHttpResponse(
                HttpVersion.HTTP_1_1, HttpResponseStatus.valueOf(response.status()));
        response.headers().forEach((name, value) -> {
            if (!name.equalsIgnoreCase("content-length") && !name.equalsIgnoreCase("connection")
                    && !name.equalsIgnoreCase("transfer-encoding")) {
                head.headers().add(name, value);
            }
        });
        long length = declaredLength(response);
        if (length >= 0) {
            head.headers().set(HttpHeaderNames.CONTENT_LENGTH, length);
        } else {
            HttpUtil.setTransferEncodingChunked(head, true);
        }
        return head;
    }

    /** An AWS-shaped JSON error: what SDKs of every protocol can at least show to a person. */
    static WireResponse jsonError(int status, String type, String message) {
        String body = "{\"__type\":\"" + type + "\",\"message\":\"" + jsonEscape(message) + "\"}";
        return WireResponse.text(status, "application/x-amz-json-1.0", body);
    }

    static FullHttpResponse jsonErrorResponse(HttpResponseStatus status, String type, String message) {
        FullHttpResponse response = toNetty(jsonError(status.code(), type, message), false);
        response.headers().set(HttpHeaderNames.CONNECTION, "close");
        return response;
    }

    static String jsonEscape(String text) {
        StringBuilder out = new StringBuilder(text.length() + 8);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.toString();
    }

    static final WireResponse HEALTH = WireResponse.of(200, "application/json",
            "{\"status\":\"ok\"}".getBytes(StandardCharsets.UTF_8));
}
