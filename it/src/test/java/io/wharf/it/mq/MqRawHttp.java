package io.wharf.it.mq;

import io.wharf.testkit.Clients;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** REST-JSON requests to the MQ API exactly as written, signed for {@code mq} with the test credentials. */
final class MqRawHttp {
    record Response(int status, String errorType, String body) {
    }

    private final URI endpoint;
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    MqRawHttp(URI endpoint) {
        this.endpoint = endpoint;
    }

    /** @param pathAndQuery already percent-encoded */
    Response send(String method, String pathAndQuery, byte[] body) {
        URI uri = URI.create(endpoint.toString().replaceAll("/$", "") + pathAndQuery);
        SdkHttpRequest.Builder unsigned = SdkHttpRequest.builder().uri(uri).method(SdkHttpMethod.fromValue(method))
                .putHeader("Content-Type", "application/json");
        AwsCredentialsIdentity credentials = Clients.CREDENTIALS.resolveIdentity().join();
        var signed = AwsV4HttpSigner.create().sign(r -> r.identity(credentials).request(unsigned.build())
                .payload(ContentStreamProvider.fromByteArray(body))
                .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "mq")
                .putProperty(AwsV4HttpSigner.REGION_NAME, Clients.REGION.id()));
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(60))
                .method(method, body.length == 0 && (method.equals("GET") || method.equals("DELETE"))
                        ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        signed.request().headers().forEach((name, values) -> {
            if (!name.equalsIgnoreCase("Host")) {
                request.setHeader(name, values.getFirst());
            }
        });
        try {
            HttpResponse<byte[]> response = client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            return new Response(response.statusCode(), response.headers().firstValue("x-amzn-ErrorType").orElse(null),
                    new String(response.body(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
