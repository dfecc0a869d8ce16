package io.wharf.sns.engine;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HexFormat;

/**
 * HTTP/S endpoint URLs and the credentials they may carry ({@code https://user:password@host/path}, AWS's form
 * of Basic access authentication). The stored endpoint keeps the password, since deliveries need it; everything
 * SNS shows (List*, GetSubscriptionAttributes, log lines) goes through {@link #masked}, which writes the password
 * as {@code ****} the way AWS answers ({@code https://user:****@host/path}).
 */
final class Endpoints {
    static final String MASK = "****";

    private Endpoints() {
    }

    /**
     * The endpoint with its password replaced by {@code ****}; anything without one unchanged. Works on the text,
     * not on a parsed URI, so a malformed URL is masked too.
     */
    static String masked(String endpoint) {
        if (endpoint == null) {
            return null;
        }
        int scheme = endpoint.indexOf("://");
        if (scheme < 0) {
            return endpoint;
        }
        int start = scheme + 3;
        int end = start;
        while (end < endpoint.length() && "/?#".indexOf(endpoint.charAt(end)) < 0) {
            end++;
        }
        int at = endpoint.lastIndexOf('@', end - 1);
        if (at < start) {
            return endpoint;
        }
        int colon = endpoint.indexOf(':', start);
        if (colon < 0 || colon > at) {
            return endpoint; // a user name alone is no secret
        }
        return endpoint.substring(0, colon + 1) + MASK + endpoint.substring(at);
    }

    /** {@code text} with every copy of {@code endpoint} masked (exception messages may quote the URL). */
    static String scrub(String text, String endpoint) {
        if (text == null || endpoint == null || endpoint.isEmpty()) {
            return text;
        }
        String masked = masked(endpoint);
        return masked.equals(endpoint) ? text : text.replace(endpoint, masked);
    }

    /** The endpoint as a URI with a host, or null when it is not one (SNS then cannot deliver to it). */
    static URI parse(String endpoint) {
        try {
            URI uri = new URI(endpoint);
            return uri.getHost() == null || uri.getScheme() == null ? null : uri;
        } catch (URISyntaxException e) {
            return null;
        }
    }

    /** Where to connect: the URI without its user info (and fragment); the credentials go in a header instead. */
    static URI withoutUserInfo(URI uri) {
        if (uri.getRawUserInfo() == null && uri.getRawFragment() == null) {
            return uri;
        }
        String authority = uri.getRawAuthority();
        String hostAndPort = authority.substring(authority.lastIndexOf('@') + 1);
        return URI.create(uri.getScheme() + "://" + hostAndPort
                + (uri.getRawPath() == null ? "" : uri.getRawPath())
                + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery()));
    }

    /**
     * The {@code Authorization} header value for the URI's user info: {@code Basic base64(user:password)} with
     * both parts percent-decoded (RFC 3986 §3.2.1; RFC 7617 uses UTF-8). A user without a password sends an empty
     * one.
     */
    static String basicAuthorization(String rawUserInfo) {
        int colon = rawUserInfo.indexOf(':');
        String user = colon < 0 ? rawUserInfo : rawUserInfo.substring(0, colon);
        String password = colon < 0 ? "" : rawUserInfo.substring(colon + 1);
        String credentials = percentDecode(user) + ":" + percentDecode(password);
        return "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8));
    }

    /** {@code %XX} escapes to bytes, then UTF-8; anything else as it is ({@code +} stays a plus in a URI). */
    static String percentDecode(String raw) {
        if (raw.indexOf('%') < 0) {
            return raw;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(raw.length());
        int i = 0;
        while (i < raw.length()) {
            if (raw.charAt(i) == '%' && i + 2 < raw.length() && isHex(raw.charAt(i + 1)) && isHex(raw.charAt(i + 2))) {
                bytes.write(HexFormat.fromHexDigits(raw, i + 1, i + 3));
                i += 3;
            } else {
                int next = raw.indexOf('%', i + 1);
                byte[] run = raw.substring(i, next < 0 ? raw.length() : next).getBytes(StandardCharsets.UTF_8);
                bytes.write(run, 0, run.length);
                i = next < 0 ? raw.length() : next;
            }
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private static boolean isHex(char c) {
        return Character.digit(c, 16) >= 0;
    }
}
