package io.wharf.testkit;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.S3Client;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/** The S3 clients' addressing: path-style on the endpoint as given, virtual-host on {@code <bucket>.localhost}. */
class S3ClientsTest {

    private record Seen(String host, String path) {
    }

    /** A loopback HTTP server that answers every request with an empty ListObjectsV2 result and records it. */
    private static HttpServer server(List<Seen> seen) throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            seen.add(new Seen(exchange.getRequestHeaders().getFirst("Host"), exchange.getRequestURI().getRawPath()));
            byte[] body = ("<ListBucketResult xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\"><Name>b</Name>"
                    + "<KeyCount>0</KeyCount><IsTruncated>false</IsTruncated></ListBucketResult>").getBytes();
            exchange.getResponseHeaders().add("Content-Type", "application/xml");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        return server;
    }

    @Test
    void pathStyleKeepsTheBucketInThePath() throws Exception {
        List<Seen> seen = new CopyOnWriteArrayList<>();
        HttpServer server = server(seen);
        int port = server.getAddress().getPort();
        try (S3Client s3 = Clients.s3(URI.create("http://127.0.0.1:" + port))) {
            s3.listObjectsV2(r -> r.bucket("my-bucket"));
        } finally {
            server.stop(0);
        }
        assertThat(seen).containsExactly(new Seen("127.0.0.1:" + port, "/my-bucket"));
    }

    @Test
    void virtualHostResolvesBucketSubdomainsOfLocalhostToLoopback() throws Exception {
        List<Seen> seen = new CopyOnWriteArrayList<>();
        HttpServer server = server(seen);
        int port = server.getAddress().getPort();
        try (S3Client s3 = Clients.s3VirtualHost(URI.create("http://127.0.0.1:" + port))) {
            s3.listObjectsV2(r -> r.bucket("my-bucket"));
        } finally {
            server.stop(0);
        }
        assertThat(seen).containsExactly(new Seen("my-bucket.localhost:" + port, "/"));
    }

    @Test
    void onLocalhostOnlyChangesTheHost() {
        assertThat(Clients.onLocalhost(URI.create("http://127.0.0.1:4566"))).hasToString("http://localhost:4566");
        assertThat(Clients.onLocalhost(URI.create("https://wharf.internal:443/x"))).hasToString("https://localhost:443/x");
    }
}
