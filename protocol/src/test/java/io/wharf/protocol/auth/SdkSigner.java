package io.wharf.protocol.auth;

import io.wharf.protocol.wire.WireRequest;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4FamilyHttpSigner;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.identity.spi.AwsSessionCredentialsIdentity;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.UnaryOperator;

/**
 * Signs requests with the AWS SDK for Java v2's own SigV4 signer (the oracle) and turns the signed request into the
 * {@link WireRequest} the front door would hand the verifier: raw path and query as they would go on the wire,
 * lower-case headers with repeated ones joined by ",".
 */
final class SdkSigner {
    private final String accessKeyId;
    private final String secret;
    private final String sessionToken;
    private final String region;
    private final String service;
    private final Clock clock;

    SdkSigner(String accessKeyId, String secret, String sessionToken, String region, String service, Clock clock) {
        this.accessKeyId = accessKeyId;
        this.secret = secret;
        this.sessionToken = sessionToken;
        this.region = region;
        this.service = service;
        this.clock = clock;
    }

    SdkSigner region(String otherRegion) {
        return new SdkSigner(accessKeyId, secret, sessionToken, otherRegion, service, clock);
    }

    SdkSigner service(String otherService) {
        return new SdkSigner(accessKeyId, secret, sessionToken, region, otherService, clock);
    }

    SdkSigner secret(String otherSecret) {
        return new SdkSigner(accessKeyId, otherSecret, sessionToken, region, service, clock);
    }

    SdkSigner key(String otherKey, String otherSecret, String otherToken) {
        return new SdkSigner(otherKey, otherSecret, otherToken, region, service, clock);
    }

    SdkSigner clock(Clock otherClock) {
        return new SdkSigner(accessKeyId, secret, sessionToken, region, service, otherClock);
    }

    /** A POST with a body and the given extra headers, signed in the Authorization header. */
    WireRequest post(String uri, String contentType, String body) {
        return sign(SdkHttpMethod.POST, uri, Map.of("Content-Type", List.of(contentType)),
                body.getBytes(StandardCharsets.UTF_8), b -> b);
    }

    WireRequest sign(SdkHttpMethod method, String uri, Map<String, List<String>> headers, byte[] body,
                     UnaryOperator<software.amazon.awssdk.http.auth.spi.signer.SignRequest.Builder<AwsCredentialsIdentity>>
                             options) {
        SdkHttpRequest.Builder request = SdkHttpRequest.builder().method(method).uri(URI.create(uri));
        headers.forEach((name, values) -> values.forEach(value -> request.appendHeader(name, value)));
        AwsCredentialsIdentity identity = sessionToken == null ? AwsCredentialsIdentity.create(accessKeyId, secret)
                : AwsSessionCredentialsIdentity.create(accessKeyId, secret, sessionToken);
        SignedRequest signed = AwsV4HttpSigner.create().sign(b -> options.apply(b
                .identity(identity)
                .request(request.build())
                .payload(body.length == 0 ? null : ContentStreamProvider.fromByteArray(body))
                .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, service)
                .putProperty(AwsV4HttpSigner.REGION_NAME, region)
                .putProperty(HttpSigner.SIGNING_CLOCK, clock)));
        return toWire(signed.request(), signed.payload().map(SdkSigner::read).orElse(body));
    }

    /** A presigned GET (query-string auth), valid for {@code expires}. */
    WireRequest presign(String uri, Duration expires) {
        return sign(SdkHttpMethod.GET, uri, Map.of(), new byte[0], b -> b
                .putProperty(AwsV4FamilyHttpSigner.AUTH_LOCATION, AwsV4FamilyHttpSigner.AuthLocation.QUERY_STRING)
                .putProperty(AwsV4FamilyHttpSigner.EXPIRATION_DURATION, expires));
    }

    /** A presigned GET as S3's presigner makes it: the payload is {@code UNSIGNED-PAYLOAD}. */
    WireRequest presignUnsignedPayload(String uri, Duration expires) {
        return sign(SdkHttpMethod.GET, uri, Map.of(), new byte[0], b -> b
                .putProperty(AwsV4FamilyHttpSigner.AUTH_LOCATION, AwsV4FamilyHttpSigner.AuthLocation.QUERY_STRING)
                .putProperty(AwsV4FamilyHttpSigner.EXPIRATION_DURATION, expires)
                .putProperty(AwsV4FamilyHttpSigner.PAYLOAD_SIGNING_ENABLED, false));
    }

    static WireRequest toWire(SdkHttpRequest request, byte[] body) {
        URI uri = request.getUri();
        Map<String, String> headers = new TreeMap<>();
        request.forEachHeader((name, values) -> headers.merge(name.toLowerCase(Locale.ROOT), String.join(",", values),
                (a, b) -> a + "," + b));
        if (!headers.containsKey("host")) {
            headers.put("host", uri.getPort() < 0 ? uri.getHost() : uri.getHost() + ":" + uri.getPort());
        }
        return wire(request.method().name(), uri.getRawPath(), uri.getRawQuery(), headers, body);
    }

    /** A WireRequest as the front door builds it from a raw path and query. */
    static WireRequest wire(String method, String rawPath, String rawQuery, Map<String, String> headers, byte[] body) {
        Map<String, List<String>> query = new LinkedHashMap<>();
        if (rawQuery != null && !rawQuery.isEmpty()) {
            for (String pair : rawQuery.split("&")) {
                int equals = pair.indexOf('=');
                String name = decode(equals < 0 ? pair : pair.substring(0, equals));
                String value = equals < 0 ? "" : decode(pair.substring(equals + 1));
                query.computeIfAbsent(name, n -> new java.util.ArrayList<>()).add(value);
            }
        }
        return new WireRequest(method, decode(rawPath.replace("+", "%2B")), query, headers, body,
                new WireRequest.Origin(rawPath, rawQuery, "127.0.0.1", false));
    }

    private static String decode(String text) {
        return URLDecoder.decode(text, StandardCharsets.UTF_8);
    }

    private static byte[] read(ContentStreamProvider provider) {
        try (InputStream in = provider.newStream(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            in.transferTo(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
