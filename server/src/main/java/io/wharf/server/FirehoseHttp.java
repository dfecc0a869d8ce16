package io.wharf.server;

import io.wharf.firehose.DeliveryFailure;
import io.wharf.firehose.OutboundHttp;
import io.wharf.sns.DeliveryTargets;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.Set;

/**
 * Firehose's outbound HTTP (HTTP endpoint destinations, Lambda processors mapped by {@code --lambda-endpoint}): every
 * URL is judged by the server's outbound rules ({@code --delivery-allow}/{@code --delivery-deny}, the same gate SNS's
 * HTTP deliveries pass) right before each attempt; redirects are not followed; answers are read up to 1 MiB (AWS's
 * limit on an endpoint's answer; Lambda answers up to 6 MiB).
 */
final class FirehoseHttp implements OutboundHttp {
    private static final int MAX_ANSWER_BYTES = 6 * 1024 * 1024;
    /** Headers java.net.http sets itself and refuses from callers. */
    private static final Set<String> RESTRICTED = Set.of("content-length", "host", "connection");

    private final DeliveryTargets rules;
    private final HttpClient client = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(10)).version(HttpClient.Version.HTTP_1_1).build();

    FirehoseHttp(DeliveryTargets rules) {
        this.rules = rules;
    }

    @Override
    public Response post(URI url, Map<String, String> headers, byte[] body, Duration timeout) throws DeliveryFailure {
        String scheme = url.getScheme();
        if (!"http".equals(scheme) && !"https".equals(scheme)) {
            throw new DeliveryFailure("HttpEndpoint.InvalidUrl", "not an http(s) URL: " + scheme);
        }
        URI withoutUserInfo = URI.create(scheme + "://" + url.getRawAuthority().replaceFirst("^.*@", "")
                + (url.getRawPath() == null ? "" : url.getRawPath())
                + (url.getRawQuery() == null ? "" : "?" + url.getRawQuery()));
        DeliveryTargets.Verdict verdict = rules.check(withoutUserInfo);
        if (verdict.kind() != DeliveryTargets.Verdict.Kind.ALLOWED) {
            throw new DeliveryFailure("HttpEndpoint.ConnectionFailed", "the outbound rules refuse "
                    + withoutUserInfo.getHost() + ": " + verdict.reason());
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(url).timeout(timeout)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        headers.forEach((name, value) -> {
            if (!RESTRICTED.contains(name.toLowerCase(java.util.Locale.ROOT))) {
                request.header(name, value);
            }
        });
        try {
            HttpResponse<InputStream> response = client.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
            byte[] answer;
            try (InputStream in = response.body()) {
                answer = in.readNBytes(MAX_ANSWER_BYTES);
            }
            return new Response(response.statusCode(), answer,
                    response.headers().firstValue("Content-Type").orElse(null));
        } catch (IOException e) {
            throw new DeliveryFailure("HttpEndpoint.ConnectionFailed", "could not reach " + withoutUserInfo.getHost()
                    + ": " + e.getClass().getSimpleName());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DeliveryFailure("HttpEndpoint.ConnectionFailed", "interrupted");
        }
    }
}
