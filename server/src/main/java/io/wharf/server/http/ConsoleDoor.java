package io.wharf.server.http;

import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.wharf.protocol.wire.WireResponse;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Which requests the front door hands to the web console: everything under {@code /_wharf/console}, and — as a
 * redirect there — a browser's {@code GET /}: unsigned (no {@code Authorization} header, no presigned
 * {@code X-Amz-Signature}/{@code X-Amz-Credential}) and accepting {@code text/html}. Anything else on {@code /} stays
 * the services' (an SDK's S3 ListBuckets, SQS Query POSTs).
 */
final class ConsoleDoor {
    static final String CONSOLE_PATH = "/_wharf/console";
    static final WireResponse REDIRECT = redirect();

    private ConsoleDoor() {
    }

    static boolean isConsolePath(String path) {
        return path.equals(CONSOLE_PATH) || path.startsWith(CONSOLE_PATH + "/");
    }

    static boolean browserAtRoot(FullHttpRequest request) {
        if (!request.method().equals(HttpMethod.GET) || request.headers().contains(HttpHeaderNames.AUTHORIZATION)) {
            return false;
        }
        String uri = request.uri();
        int query = uri.indexOf('?');
        if (!(query < 0 ? uri : uri.substring(0, query)).equals("/")) {
            return false;
        }
        String rawQuery = query < 0 ? "" : uri.substring(query + 1).toLowerCase(Locale.ROOT);
        if (rawQuery.contains("x-amz-signature") || rawQuery.contains("x-amz-credential")) {
            return false;
        }
        String accept = request.headers().get(HttpHeaderNames.ACCEPT);
        return accept != null && accept.toLowerCase(Locale.ROOT).contains("text/html");
    }

    private static WireResponse redirect() {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Location", CONSOLE_PATH + "/");
        headers.put("Content-Type", "text/plain; charset=utf-8");
        headers.put("Cache-Control", "no-store");
        return new WireResponse(302, headers, new byte[0]);
    }
}
