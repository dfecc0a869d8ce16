package io.wharf.protocol;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Decodes an {@code application/x-www-form-urlencoded} body into parameters (first value wins). Decoding stops at
 * {@link InputLimits#MAX_FORM_PARAMETERS}: the rest of a longer body is never decoded, and the caller refuses the
 * request ({@link #tooMany}) once it knows which service's error form to answer in.
 */
final class FormDecoder {
    private FormDecoder() {
    }

    /** @return false when the body holds more than {@link InputLimits#MAX_FORM_PARAMETERS} pairs (decoding stopped) */
    static boolean decode(String body, Map<String, String> into) {
        return decode(body, into, InputLimits.MAX_FORM_PARAMETERS);
    }

    static boolean decode(String body, Map<String, String> into, int maxParameters) {
        int start = 0;
        int pairs = 0;
        int length = body.length();
        while (start <= length) {
            int end = body.indexOf('&', start);
            if (end < 0) {
                end = length;
            }
            if (end > start) {
                if (++pairs > maxParameters) {
                    return false;
                }
                String pair = body.substring(start, end);
                int equals = pair.indexOf('=');
                String name = equals < 0 ? pair : pair.substring(0, equals);
                String value = equals < 0 ? "" : pair.substring(equals + 1);
                try {
                    into.putIfAbsent(URLDecoder.decode(name, StandardCharsets.UTF_8),
                            URLDecoder.decode(value, StandardCharsets.UTF_8));
                } catch (IllegalArgumentException e) {
                    throw AwsException.client("MalformedQueryString",
                            "The query string contains an invalid percent-encoding: " + pair);
                }
            }
            start = end + 1;
        }
        return true;
    }

    /**
     * AWS documents no wording for this (its front ends cap the request size instead); Wharf answers in the family
     * of the other malformed-query error, 400 {@code MalformedQueryString}.
     */
    static AwsException tooMany(int maxParameters) {
        return AwsException.client("MalformedQueryString",
                "The request has more than " + maxParameters + " parameters.");
    }
}
