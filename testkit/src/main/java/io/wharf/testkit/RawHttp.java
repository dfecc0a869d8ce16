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
 *
 * <p>A {@link #signedAs signing} instance signs each request with SigV4 (the SDK's own signer) for the service it
 * is for — {@code X-Amz-Target}'s prefix, else the Query {@code Version} — unless the test sets its own
 * {@code Authorization} header: what a server that verifies signatures needs, and nothing else changes.
 */
public final class RawHttp {
    public static final String FORM = "application/x-www-form-urlencoded; charset=utf-8";
    public static final String JSON_1_0 = "application/x-amz-json-1.0";

    private static final Map<String, String> SERVICE_BY_TARGET_PREFIX = Map.of("AmazonSQS", "sqs",
            "Kinesis_20131202", "kinesis", "TrentService", "kms", "Firehose_20150804", "firehose",
            "DynamoDB_20120810", "dynamodb", "GraniteServiceVersion20100801", "monitoring");
    private static final Map<String, String> SERVICE_BY_VERSION = Map.of("2012-11-05", "sqs", "2010-03-31", "sns",
            "2010-05-08", "iam", "2011-06-15", "sts",
            "2010-08-01", "monitoring");

    private final URI endpoint;
    private final software.amazon.awssdk.identity.spi.AwsCredentialsIdentity credentials;
    private final HttpClient client = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1) // the default would try an h2c upgrade
            .connectTimeout(Duration.ofSeconds(10))
            .build();

    public RawHttp(URI endpoint) {
        this(endpoint, null);
    }

    private RawHttp(URI endpoint, software.amazon.awssdk.identity.spi.AwsCredentialsIdentity credentials) {
        this.endpoint = endpoint;
        this.credentials = credentials;
    }

    /** The same helper, signing every request it can attribute to a service with these credentials. */
    public RawHttp signedAs(String accessKeyId, String secretAccessKey) {
        return new RawHttp(endpoint,
                software.amazon.awssdk.identity.spi.AwsCredentialsIdentity.create(accessKeyId, secretAccessKey));
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
        return send(HttpRequest.newBuilder(endpoint.resolve(pathAndQuery)).GET(), headers, new byte[0]);
    }

    public Response post(String path, String contentType, byte[] body, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(endpoint.resolve(path))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        return send(request, headers, body);
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
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        HttpRequest.Builder request = HttpRequest.newBuilder(endpoint.resolve("/"))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .header("Content-Type", JSON_1_0)
                .header("X-Amz-Target", target);
        return send(request, headers, body);
    }

    /** @param body the bytes {@code request} sends (what a signature covers) */
    private Response send(HttpRequest.Builder request, Map<String, String> headers, byte[] body) {
        headers.forEach(request::header);
        if (credentials != null && headers.keySet().stream().noneMatch(h -> h.equalsIgnoreCase("Authorization"))) {
            sign(request, body);
        }
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

    /** Signs in place: the SDK's signer over the method, URI, headers and body the request will send. */
    private void sign(HttpRequest.Builder request, byte[] body) {
        HttpRequest built = request.copy().build();
        String service = serviceOf(built, body);
        if (service == null) {
            return;
        }
        software.amazon.awssdk.http.SdkHttpRequest.Builder sdk = software.amazon.awssdk.http.SdkHttpRequest.builder()
                .uri(built.uri()).method(software.amazon.awssdk.http.SdkHttpMethod.fromValue(built.method()));
        built.headers().map().forEach((name, values) -> values.forEach(value -> sdk.appendHeader(name, value)));
        var signed = software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner.create().sign(r -> r
                .identity(credentials)
                .request(sdk.build())
                .payload(software.amazon.awssdk.http.ContentStreamProvider.fromByteArray(body))
                .putProperty(software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner.SERVICE_SIGNING_NAME, service)
                .putProperty(software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner.REGION_NAME,
                        Clients.REGION.id()));
        signed.request().headers().forEach((name, values) -> {
            if (name.equalsIgnoreCase("Authorization") || name.toLowerCase(Locale.ROOT).startsWith("x-amz-")) {
                request.setHeader(name, values.getFirst());
            }
        });
    }

    private static String serviceOf(HttpRequest request, byte[] body) {
        String target = request.headers().firstValue("X-Amz-Target").orElse(null);
        String path = request.uri().getPath();
        if (target == null && path != null && path.startsWith("/service/") && path.contains("/operation/")) {
            target = path.substring("/service/".length(), path.indexOf("/operation/")); // Smithy RPC v2
        }
        if (target != null) {
            int dot = target.indexOf('.');
            return SERVICE_BY_TARGET_PREFIX.get(dot < 0 ? target : target.substring(0, dot));
        }
        String query = (request.uri().getRawQuery() == null ? "" : request.uri().getRawQuery()) + "&"
                + new String(body, StandardCharsets.UTF_8);
        for (String pair : query.split("&")) {
            if (pair.startsWith("Version=")) {
                return SERVICE_BY_VERSION.get(java.net.URLDecoder.decode(pair.substring(8), StandardCharsets.UTF_8));
            }
        }
        return null;
    }
}
