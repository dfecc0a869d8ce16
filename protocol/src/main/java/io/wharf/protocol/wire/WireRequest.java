package io.wharf.protocol.wire;

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
 * @param body    the full body
 */
public record WireRequest(String method, String path, Map<String, List<String>> query, Map<String, String> headers,
                          byte[] body) {

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
}
