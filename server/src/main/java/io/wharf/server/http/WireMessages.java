package io.wharf.server.http;

import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.wharf.protocol.wire.WireRequest;
import io.wharf.protocol.wire.WireResponse;

import java.nio.charset.StandardCharsets;
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
     * Copies everything the gateway needs, so the Netty buffer can be released on the event loop: with the raw path and
     * query exactly as sent (what SigV4 canonicalises), the peer's address ({@code aws:SourceIp}) and whether the
     * connection is TLS ({@code aws:SecureTransport}).
     */
    static WireRequest toWire(FullHttpRequest request, String sourceIp, boolean secure) {
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
        byte[] body = ByteBufUtil.getBytes(request.content());
        String raw = request.uri();
        int hash = raw.indexOf('#');
        if (hash >= 0) {
            raw = raw.substring(0, hash);
        }
        int question = raw.indexOf('?');
        WireRequest.Origin origin = new WireRequest.Origin(question < 0 ? raw : raw.substring(0, question),
                question < 0 ? "" : raw.substring(question + 1), sourceIp, secure);
        return new WireRequest(request.method().name().toUpperCase(Locale.ROOT), uri.path(),
                Collections.unmodifiableMap(query), Collections.unmodifiableMap(headers), body, origin);
    }

    static FullHttpResponse toNetty(WireResponse response, boolean keepAlive) {
        FullHttpResponse netty = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
                HttpResponseStatus.valueOf(response.status()), Unpooled.wrappedBuffer(response.body()));
        response.headers().forEach((name, value) -> {
            // The front door owns framing; a gateway cannot get Content-Length or Connection wrong.
            if (!name.equalsIgnoreCase("content-length") && !name.equalsIgnoreCase("connection")
                    && !name.equalsIgnoreCase("transfer-encoding")) {
                netty.headers().add(name, value);
            }
        });
        HttpUtil.setContentLength(netty, response.body().length);
        HttpUtil.setKeepAlive(netty, keepAlive);
        return netty;
    }

    /** The head of a streamed response: its headers, no length (chunked on HTTP/1.1; DATA frames on HTTP/2). */
    static io.netty.handler.codec.http.HttpResponse streamHead(WireResponse response) {
        io.netty.handler.codec.http.DefaultHttpResponse head = new io.netty.handler.codec.http.DefaultHttpResponse(
                HttpVersion.HTTP_1_1, HttpResponseStatus.valueOf(response.status()));
        response.headers().forEach((name, value) -> {
            if (!name.equalsIgnoreCase("content-length") && !name.equalsIgnoreCase("connection")
                    && !name.equalsIgnoreCase("transfer-encoding")) {
                head.headers().add(name, value);
            }
        });
        HttpUtil.setTransferEncodingChunked(head, true);
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
