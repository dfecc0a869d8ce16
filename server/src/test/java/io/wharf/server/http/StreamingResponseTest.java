package io.wharf.server.http;

import io.wharf.protocol.wire.WireResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Streamed (event-stream) answers over HTTP/1.1 chunked and HTTP/2, and a client that leaves mid-stream. */
class StreamingResponseTest {
    private HttpFrontDoor frontDoor;
    private final CountDownLatch streamEnded = new CountDownLatch(1);

    private void start() throws Exception {
        frontDoor = HttpFrontDoor.bind("127.0.0.1", 0, 0, Tls.selfSigned(null, null), 1024 * 1024);
        frontDoor.open(request -> {
            if (request.path().equals("/forever")) {
                return WireResponse.streaming(200, "application/vnd.amazon.eventstream", out -> {
                    try {
                        while (out.open()) {
                            out.write("tick\n".getBytes(StandardCharsets.UTF_8));
                            Thread.sleep(10);
                        }
                    } finally {
                        streamEnded.countDown();
                    }
                });
            }
            return WireResponse.streaming(200, "application/vnd.amazon.eventstream", out -> {
                for (int i = 0; i < 5; i++) {
                    out.write(("event " + i + "\n").getBytes(StandardCharsets.UTF_8));
                    Thread.sleep(20);
                }
            }).withHeader("x-amzn-RequestId", "r1");
        });
    }

    @AfterEach
    void close() {
        if (frontDoor != null) {
            frontDoor.close();
        }
    }

    @Test
    void http11IsChunkedAndTheConnectionServesTheNextRequest() throws Exception {
        start();
        try (Socket socket = new Socket("127.0.0.1", frontDoor.port())) {
            OutputStream out = socket.getOutputStream();
            String request = "POST /s HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\n\r\n";
            out.write((request + request).getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            String both = readUntil(in, "0\r\n\r\n") + readUntil(in, "0\r\n\r\n");
            assertThat(both).contains("HTTP/1.1 200 OK").contains("transfer-encoding: chunked")
                    .contains("x-amzn-RequestId: r1").doesNotContain("content-length")
                    .contains("event 0\n").contains("event 4\n");
            assertThat(both.split("HTTP/1.1 200 OK", -1)).hasSize(3); // two answers on one connection
        }
    }

    @Test
    void http2StreamsTheBodyOnBothPorts() throws Exception {
        start();
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_2).build();
        for (int i = 0; i < 2; i++) { // the first goes by Upgrade, the second on an h2 stream
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + frontDoor.port() + "/s")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(response.body()).isEqualTo("event 0\nevent 1\nevent 2\nevent 3\nevent 4\n");
            assertThat(response.headers().firstValue("content-type")).hasValue("application/vnd.amazon.eventstream");
        }
        http.close();
    }

    @Test
    void aClientThatLeavesEndsTheStreamAndItsRequest() throws Exception {
        start();
        try (Socket socket = new Socket("127.0.0.1", frontDoor.port())) {
            socket.getOutputStream().write("GET /forever HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            readUntil(socket.getInputStream(), "tick\n");
            assertThat(frontDoor.inFlight()).isEqualTo(1);
        }
        assertThat(streamEnded.await(10, TimeUnit.SECONDS)).isTrue();
        for (int i = 0; i < 200 && frontDoor.inFlight() > 0; i++) {
            Thread.sleep(10);
        }
        assertThat(frontDoor.inFlight()).isZero();
    }

    private static String readUntil(InputStream in, String end) throws Exception {
        StringBuilder text = new StringBuilder();
        while (!text.toString().endsWith(end)) {
            int b = in.read();
            if (b < 0) {
                break;
            }
            text.append((char) b);
        }
        return text.toString();
    }
}
