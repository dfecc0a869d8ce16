package io.wharf.protocol.wire;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** An HTTP response as the protocol layer produces it. Headers keep their case and order. */
public record WireResponse(int status, Map<String, String> headers, byte[] body) {

    public static WireResponse of(int status, String contentType, byte[] body) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", contentType);
        return new WireResponse(status, headers, body);
    }

    public static WireResponse text(int status, String contentType, String body) {
        return of(status, contentType, body.getBytes(StandardCharsets.UTF_8));
    }

    public WireResponse withHeader(String name, String value) {
        Map<String, String> copy = new LinkedHashMap<>(headers);
        copy.put(name, value);
        return new WireResponse(status, copy, body);
    }
}
