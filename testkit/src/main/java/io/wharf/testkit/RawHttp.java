package io.wharf.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Hand-made HTTP/1.1 requests for protocol tests: exact bodies and headers, no SDK in between.
 * Built on {@link HttpClient}, which refuses to set {@code Host}, {@code Connection},
 * {@code Content-Length}, {@code Expect} and {@code Upgrade}; use a socket for those.
 */
public final class RawHttp {
    public static final String FORM = "application/x-www-form-urlencoded; charset=utf-8";
    public static final String JSON_1_0 = "application/x-amz-json-1.0";

    private final URI endpoint;
    private final HttpClient client = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1) // the default would try an h2c upgrade
            .connectTimeout(Duration.ofSeconds(10))
            .build();

    public RawHttp(URI endpoint) {
        this.endpoint = endpoint;
    }

    /** An answer with every header (names lower case) and the raw body. */
    public record Response(int status, Map<String, List<String>> headers, byte[] body) {
        public String bodyText() {
            return new String(body, StandardCharsets.UTF_8);
        }

        public Optional<String> header(String name) {
            List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
            return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.getFirst());
        }
    }

    public Response get(String pathAndQuery, Map<String, String> headers) {
        return send(HttpRequest.newBuilder(endpoint.resolve(pathAndQuery)).GET(), headers);
    }

    public Response post(String path, String contentType, byte[] body, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(endpoint.resolve(path))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        return send(request, headers);
    }

    /** A Query-protocol request: the parameters form-encoded in the map's order. */
    public Response postForm(String path, Map<String, String> parameters, Map<String, String> headers) {
        String body = parameters.entrySet().stream()
                .map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
                .collect(Collectors.joining("&"));
        return post(path, FORM, body.getBytes(StandardCharsets.UTF_8), headers);
    }

    /** A JSON 1.0 request as the SDK sends it, e.g. {@code postJson("AmazonSQS.ListQueues", "{}", Map.of())}. */
    public Response postJson(String target, String json, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(endpoint.resolve("/"))
                .POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8))
                .header("Content-Type", JSON_1_0)
                .header("X-Amz-Target", target);
        return send(request, headers);
    }

    private Response send(HttpRequest.Builder request, Map<String, String> headers) {
        headers.forEach(request::header);
        try {
            HttpResponse<byte[]> response = client.send(request.timeout(Duration.ofSeconds(60)).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            return new Response(response.statusCode(), response.headers().map(), response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static String encode(String text) {
        // AWS expects %20 for a space, as the SDKs send it, not '+'.
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
