package io.wharf.protocol.auth;

import io.wharf.protocol.wire.WireRequest;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The canonical request of SigV4, rebuilt from the request as it arrived: method, canonical URI, canonical query,
 * canonical headers, signed headers, payload hash, one per line.
 *
 * <p>It is built from the raw path and query ({@link WireRequest.Origin}), never from their decoded forms: the client
 * signed the bytes it sent. Every SDK encodes with the RFC 3986 unreserved set ({@code A-Za-z0-9-_.~}) kept and
 * everything else as upper-case {@code %XX}: SDK v2 {@code SdkHttpUtils.urlEncode}, botocore {@code quote(safe='-_.~')}.
 */
final class CanonicalRequest {
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private CanonicalRequest() {
    }

    /** The whole canonical request; {@code signedHeaders} sorted and lower case. */
    static String build(WireRequest request, SigningRules rules, boolean presigned, List<String> signedHeaders,
                        String payloadHash) {
        StringBuilder out = new StringBuilder(512 + request.origin().rawQuery().length());
        out.append(request.method()).append('\n');
        appendUri(out, request.origin().rawPath(), rules);
        out.append('\n');
        appendQuery(out, request.origin().rawQuery(), presigned);
        out.append('\n');
        for (String name : signedHeaders) {
            // A signed header that did not arrive gets no line: the mismatch that follows is the answer.
            String value = request.header(name.equals(":authority") ? "host" : name);
            if (value != null) {
                out.append(name).append(':');
                appendTrimmed(out, value);
                out.append('\n');
            }
        }
        out.append('\n');
        for (int i = 0; i < signedHeaders.size(); i++) {
            out.append(i == 0 ? "" : ";").append(signedHeaders.get(i));
        }
        out.append('\n').append(payloadHash);
        return out.toString();
    }

    /**
     * The canonical URI. For every service but S3: dot segments resolved and empty segments dropped (a trailing
     * slash kept only when the raw path ends with one), as SDK v2 ({@code URI.normalize()}, then dropping a trailing slash
     * normalisation left) and botocore
     * ({@code remove_dot_segments}: "AWS services require consecutive slashes to be removed") do, then the raw path
     * encoded once more, {@code %} included. A {@code ..} above the root is dropped (botocore; SDK v2 would keep it).
     * For S3: each segment decoded and encoded once, nothing removed, a {@code /} kept as it is even when it arrived
     * as {@code %2F}: the SDKs sign a key's slashes raw ({@code urlEncodeIgnoreSlashes}) and SDK v2's Apache clients
     * then send the second of two consecutive slashes as {@code %2F} ({@code ApacheHttpRequestFactory}), after
     * signing, so that the HTTP client does not merge them; S3 verifies such a request, so it signs the decoded slash.
     */
    static void appendUri(StringBuilder out, String rawPath, SigningRules rules) {
        if (rawPath.isEmpty() || rawPath.equals("/")) {
            out.append('/');
            return;
        }
        if (!rules.normalizePath()) {
            String[] segments = rawPath.split("/", -1);
            for (int i = 0; i < segments.length; i++) {
                if (i > 0) {
                    out.append('/');
                }
                if (rules.doubleEncodePath()) {
                    appendEncoded(out, utf8(segments[i]));
                } else {
                    appendEncoded(out, decode(segments[i], false), true);
                }
            }
            return;
        }
        List<String> kept = new ArrayList<>();
        for (String segment : rawPath.split("/")) {
            if (segment.isEmpty() || segment.equals(".")) {
                continue;
            }
            if (segment.equals("..")) {
                if (!kept.isEmpty()) {
                    kept.remove(kept.size() - 1);
                }
                continue;
            }
            kept.add(segment);
        }
        out.append('/');
        for (int i = 0; i < kept.size(); i++) {
            if (i > 0) {
                out.append('/');
            }
            appendEncoded(out, rules.doubleEncodePath() ? utf8(kept.get(i)) : decode(kept.get(i), false));
        }
        if (!kept.isEmpty() && rawPath.endsWith("/")) {
            out.append('/');
        }
    }

    /**
     * The canonical query: each {@code name=value} of the raw query decoded ({@code %XX}, and {@code +} as a space,
     * as servers decode forms) and encoded again, sorted by name then value, {@code X-Amz-Signature} left out of a
     * presigned request. A name without {@code =} gets an empty value ({@code name=}). A name sent empty is kept
     * (botocore signs it; SDK v2 never sends one).
     */
    static void appendQuery(StringBuilder out, String rawQuery, boolean presigned) {
        if (rawQuery.isEmpty()) {
            return;
        }
        List<String[]> pairs = new ArrayList<>();
        int start = 0;
        while (start <= rawQuery.length()) {
            int end = rawQuery.indexOf('&', start);
            if (end < 0) {
                end = rawQuery.length();
            }
            if (end > start) {
                int equals = rawQuery.indexOf('=', start);
                boolean hasValue = equals >= 0 && equals < end;
                String name = encode(decode(rawQuery.substring(start, hasValue ? equals : end), true));
                if (!(presigned && name.equals("X-Amz-Signature"))) {
                    String value = hasValue ? encode(decode(rawQuery.substring(equals + 1, end), true)) : "";
                    pairs.add(new String[] {name, value});
                }
            }
            start = end + 1;
        }
        pairs.sort((a, b) -> {
            int byName = a[0].compareTo(b[0]);
            return byName != 0 ? byName : a[1].compareTo(b[1]);
        });
        for (int i = 0; i < pairs.size(); i++) {
            out.append(i == 0 ? "" : "&").append(pairs.get(i)[0]).append('=').append(pairs.get(i)[1]);
        }
    }

    /**
     * A header value as SigV4 signs it: leading and trailing whitespace removed, each run of whitespace inside made
     * one space (SDK v2 {@code V4CanonicalRequest.addAndTrim}: space, tab, CR, LF, VT, FF; botocore
     * {@code ' '.join(value.split())}). Repeated headers reach us joined by "," (WireRequest), which is how the SDKs
     * join their values too.
     */
    static void appendTrimmed(StringBuilder out, String value) {
        boolean pendingSpace = false;
        boolean started = false;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\u000b' || c == '\f') {
                pendingSpace = started;
            } else {
                if (pendingSpace) {
                    out.append(' ');
                    pendingSpace = false;
                }
                out.append(c);
                started = true;
            }
        }
    }

    /** RFC 3986 encoding of bytes: unreserved kept, the rest {@code %XX}. */
    static String encode(byte[] bytes) {
        StringBuilder out = new StringBuilder(bytes.length + 8);
        appendEncoded(out, bytes);
        return out.toString();
    }

    private static void appendEncoded(StringBuilder out, byte[] bytes) {
        appendEncoded(out, bytes, false);
    }

    private static void appendEncoded(StringBuilder out, byte[] bytes, boolean keepSlashes) {
        for (byte b : bytes) {
            int c = b & 0xff;
            if (c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c == '_'
                    || c == '.' || c == '~' || c == '/' && keepSlashes) {
                out.append((char) c);
            } else {
                out.append('%').append(HEX[c >> 4]).append(HEX[c & 0xf]);
            }
        }
    }

    /**
     * Percent-decoding to bytes. A {@code %} not followed by two hex digits stays a literal {@code %} (the signature
     * then tells); characters outside ASCII, which a lenient client may send raw, count as their UTF-8 bytes.
     */
    static byte[] decode(String text, boolean plusIsSpace) {
        byte[] out = new byte[text.length() * 3];
        int length = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '%' && i + 2 < text.length() && hex(text.charAt(i + 1)) >= 0 && hex(text.charAt(i + 2)) >= 0) {
                out[length++] = (byte) (hex(text.charAt(i + 1)) << 4 | hex(text.charAt(i + 2)));
                i += 2;
            } else if (c == '+' && plusIsSpace) {
                out[length++] = ' ';
            } else if (c < 0x80) {
                out[length++] = (byte) c;
            } else {
                int end = Character.isHighSurrogate(c) && i + 1 < text.length() ? i + 2 : i + 1;
                byte[] utf8 = text.substring(i, end).getBytes(StandardCharsets.UTF_8);
                System.arraycopy(utf8, 0, out, length, utf8.length);
                length += utf8.length;
                i = end - 1;
            }
        }
        return Arrays.copyOf(out, length);
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static int hex(char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'A' && c <= 'F') {
            return c - 'A' + 10;
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        return -1;
    }
}
