package io.wharf.server.http;

import io.wharf.protocol.wire.WireResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * HTTP/2 on both ports: h2c by Upgrade and by prior knowledge on the plain port, ALPN h2 and http/1.1 on the TLS
 * port, and the h2 preface without ALPN there (what the AWS SDK's Netty client sends by default).
 */
class Http2FrontDoorTest {
    private HttpFrontDoor frontDoor;

    private void start() throws Exception {
        frontDoor = HttpFrontDoor.bind("127.0.0.1", 0, 0, Tls.selfSigned(null, null), 1024 * 1024);
        frontDoor.open(request -> WireResponse.text(200, "text/plain",
                request.method() + " " + request.path() + " " + request.bodyText()));
    }

    @AfterEach
    void close() {
        if (frontDoor != null) {
            frontDoor.close();
        }
    }

    static HttpClient client(HttpClient.Version version) throws Exception {
        SSLContext trustAll = SSLContext.getInstance("TLS");
        trustAll.init(null, new TrustManager[] {new X509TrustManager() {
            public void checkClientTrusted(X509Certificate[] chain, String type) {
            }

            public void checkServerTrusted(X509Certificate[] chain, String type) {
            }

            public X509Certificate[] getAcceptedIssuers() {
                return new X509Certificate[0];
            }
        }}, null);
        return HttpClient.newBuilder().version(version).sslContext(trustAll).build();
    }

    @Test
    void h2cByUpgradeServesTheUpgradeRequestAndTheNextOnes() throws Exception {
        start();
        try (HttpClient http = client(HttpClient.Version.HTTP_2)) {
            for (int i = 0; i < 3; i++) {
                HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                                URI.create("http://127.0.0.1:" + frontDoor.port() + "/q" + i))
                        .POST(HttpRequest.BodyPublishers.ofString("body" + i)).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(response.statusCode()).isEqualTo(200);
                assertThat(response.body()).isEqualTo("POST /q" + i + " body" + i);
                if (i > 0) { // the first went out as HTTP/1.1 with "Upgrade: h2c"; its answer came on stream 1
                    assertThat(response.version()).isEqualTo(HttpClient.Version.HTTP_2);
                }
            }
        }
    }

    @Test
    void tlsNegotiatesH2OrHttp11ByAlpn() throws Exception {
        start();
        String url = "https://127.0.0.1:" + frontDoor.tlsPort() + "/secure";
        for (HttpClient.Version version : HttpClient.Version.values()) {
            try (HttpClient http = client(version)) {
                List<CompletableFuture<HttpResponse<String>>> concurrent = new ArrayList<>();
                for (int i = 0; i < 10; i++) {
                    concurrent.add(http.sendAsync(HttpRequest.newBuilder(URI.create(url + i))
                            .POST(HttpRequest.BodyPublishers.ofString("s" + i)).build(),
                            HttpResponse.BodyHandlers.ofString()));
                }
                for (int i = 0; i < 10; i++) {
                    HttpResponse<String> response = concurrent.get(i).get();
                    assertThat(response.version()).isEqualTo(version);
                    assertThat(response.body()).isEqualTo("POST /secure" + i + " s" + i);
                }
            }
        }
    }

    @Test
    void thePlainPortAnswersAnHttp2PrefaceWithSettings() throws Exception {
        start();
        try (Socket socket = new Socket("127.0.0.1", frontDoor.port())) {
            OutputStream out = socket.getOutputStream();
            out.write("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.write(new byte[] {0, 0, 0, 4, 0, 0, 0, 0, 0}); // an empty SETTINGS frame
            out.flush();
            InputStream in = socket.getInputStream();
            byte[] header = in.readNBytes(9);
            assertThat(header[3]).as("frame type").isEqualTo((byte) 4); // the server's SETTINGS
        }
    }

    @Test
    void theSelfSignedCertificateIsKeptInItsDirectory(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        io.wharf.storage.crypto.MasterKey key = io.wharf.storage.crypto.MasterKey.ephemeral();
        Tls.selfSigned(dir, key);
        String first = Files.readString(dir.resolve("wharf-tls.crt"));
        Tls.selfSigned(dir, key);
        assertThat(Files.readString(dir.resolve("wharf-tls.crt"))).isEqualTo(first).startsWith("-----BEGIN CERTIFICATE-----");
        assertThat(Files.readString(dir.resolve("wharf-tls.key.wrapped"))).doesNotContain("PRIVATE KEY-----");
    }
}
