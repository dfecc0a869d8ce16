package io.wharf.protocol;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** Decodes an {@code application/x-www-form-urlencoded} body into parameters (first value wins). */
final class FormDecoder {
    private FormDecoder() {
    }

    static void decode(String body, Map<String, String> into) {
        int start = 0;
        int length = body.length();
        while (start <= length) {
            int end = body.indexOf('&', start);
            if (end < 0) {
                end = length;
            }
            if (end > start) {
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
    }
}
