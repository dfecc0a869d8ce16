package io.wharf.server.http;

import io.wharf.protocol.wire.WireResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Streamed answers that declare their Content-Length (an object's bytes): sent with that length and not chunked, over
 * HTTP/1.1 and HTTP/2, however large (a multi-GiB answer made on the fly goes through piece by piece); a HEAD answer
 * keeps its Content-Length and has no body; a stream that ends short breaks the connection instead of passing for a
 * complete answer.
 */
class LengthStreamTest {
    /** Larger than any int, so that no int arithmetic on the way is right by accident. */
    static final long HUGE = 2L * 1024 * 1024 * 1024 + 12_345;
    /** What goes through HTTP/2 (the same code path as HTTP/1.1 up to the stream's codec; kept small for CI's time). */
    static final long BIG = 256L * 1024 * 1024 + 7;
    static final int PIECE = 1024 * 1024;

    private HttpFrontDoor frontDoor;
    /** Pieces the streams have handed to the front door so far. */
    private final java.util.concurrent.atomic.AtomicLong piecesWritten = new java.util.concurrent.atomic.AtomicLong();

    private void start() throws Exception {
        frontDoor = HttpFrontDoor.bind("127.0.0.1", 0, 0, Tls.selfSigned(null, null), 1024 * 1024);
        frontDoor.open(request -> switch (request.path()) {
            case "/huge" -> sized(HUGE, HUGE);
            case "/big" -> sized(BIG, BIG);
            case "/short" -> sized(100_000, 50_000);
            default -> sized(10, 10);
        });
    }

    /** An answer declaring {@code declared} bytes whose stream writes {@code actual}: a pattern a client can check. */
    private WireResponse sized(long declared, long actual) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "application/octet-stream");
        headers.put("Content-Length", Long.toString(declared));
        headers.put("ETag", "\"e\"");
        return new WireResponse(200, headers, new byte[0], out -> {
            byte[] piece = new byte[PIECE];
            for (long sent = 0; sent < actual; ) {
                int n = (int) Math.min(PIECE, actual - sent);
                for (int i = 0; i < n; i++) {
                    piece[i] = (byte) ((sent + i) % 251);
                }
                out.write(n == PIECE ? piece : java.util.Arrays.copyOf(piece, n));
                piecesWritten.incrementAndGet();
                sent += n;
            }
        });
    }

    @AfterEach
    void close() {
        if (frontDoor != null) {
            frontDoor.close();
        }
    }

    @Test
    void http11SendsTheLengthNotChunksAndKeepsTheConnection() throws Exception {
        start();
        try (RawConnection connection = new RawConnection(frontDoor.port())) {
            for (int i = 0; i < 2; i++) {
                connection.send("GET /small HTTP/1.1\r\nHost: x\r\n\r\n");
                RawConnection.Response response = connection.read();
                assertThat(response.header("content-length")).isEqualTo("10");
                assertThat(response.header("transfer-encoding")).isNull();
                assertThat(response.header("etag")).isEqualTo("\"e\"");
                assertThat(response.body().getBytes(StandardCharsets.ISO_8859_1)).hasSize(10);
            }
        }
    }

    @Test
    void headKeepsTheContentLengthWithoutABody() throws Exception {
        start();
        try (RawConnection connection = new RawConnection(frontDoor.port())) {
            connection.send("HEAD /huge HTTP/1.1\r\nHost: x\r\n\r\n");
            RawConnection.Response head = connection.readHead();
            assertThat(head.status()).isEqualTo(200);
            assertThat(head.header("content-length")).isEqualTo(Long.toString(HUGE));
            assertThat(head.header("etag")).isEqualTo("\"e\"");
            // no body came: the next answer on the connection starts right away
            connection.send("GET /small HTTP/1.1\r\nHost: x\r\n\r\n");
            assertThat(connection.read().header("content-length")).isEqualTo("10");
        }
        try (HttpClient http = Http2FrontDoorTest.client(HttpClient.Version.HTTP_2)) {
            for (String url : new String[] {"http://127.0.0.1:" + frontDoor.port(),
                    "https://127.0.0.1:" + frontDoor.tlsPort()}) {
                http.send(HttpRequest.newBuilder(URI.create(url + "/warm-up")).build(), // h2c Upgrade goes first
                        HttpResponse.BodyHandlers.discarding());
                HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(URI.create(url + "/huge"))
                        .method("HEAD", HttpRequest.BodyPublishers.noBody()).build(),
                        HttpResponse.BodyHandlers.ofByteArray());
                assertThat(response.version()).isEqualTo(HttpClient.Version.HTTP_2);
                assertThat(response.headers().firstValue("content-length")).hasValue(Long.toString(HUGE));
                assertThat(response.body()).isEmpty();
            }
        }
    }

    @Test
    void aHeadAnswerWithABodyKeepsItsLengthAndLosesTheBody() throws Exception {
        frontDoor = HttpFrontDoor.bind("127.0.0.1", 0, 1024 * 1024);
        frontDoor.open(request -> WireResponse.text(404, "application/xml", "<Error>…</Error>"));
        try (RawConnection connection = new RawConnection(frontDoor.port())) {
            connection.send("HEAD /bucket/missing HTTP/1.1\r\nHost: x\r\n\r\n");
            RawConnection.Response head = connection.readHead();
            assertThat(head.status()).isEqualTo(404);
            assertThat(head.header("content-length"))
                    .isEqualTo(Integer.toString("<Error>…</Error>".getBytes(StandardCharsets.UTF_8).length));
            connection.send("HEAD /bucket/missing HTTP/1.1\r\nHost: x\r\n\r\n");
            assertThat(connection.readHead().status()).isEqualTo(404);
        }
    }

    @Test
    void aMultiGibAnswerStreamsAndSoDoesHttp2() throws Exception {
        start();
        try (RawConnection connection = new RawConnection(frontDoor.port())) { // a plain socket reads fastest
            connection.send("GET /huge HTTP/1.1\r\nHost: x\r\n\r\n");
            RawConnection.Response head = connection.readHead();
            assertThat(head.header("content-length")).isEqualTo(Long.toString(HUGE));
            assertThat(head.header("transfer-encoding")).isNull();
            assertThat(checkPattern(connection.input(), HUGE)).isEqualTo(HUGE);
            connection.send("GET /small HTTP/1.1\r\nHost: x\r\n\r\n"); // exactly the length came: the next answer
            assertThat(connection.read().header("content-length")).isEqualTo("10");
        }
        try (HttpClient http = Http2FrontDoorTest.client(HttpClient.Version.HTTP_2)) {
            String url = "http://127.0.0.1:" + frontDoor.port(); // h2c: no TLS to spend the test's time on
            http.send(HttpRequest.newBuilder(URI.create(url + "/warm-up")).build(), // h2c Upgrade goes first
                    HttpResponse.BodyHandlers.discarding());
            check(http.send(HttpRequest.newBuilder(URI.create(url + "/big")).build(),
                    HttpResponse.BodyHandlers.ofInputStream()), HttpClient.Version.HTTP_2, BIG);
        }
    }

    private static void check(HttpResponse<InputStream> response, HttpClient.Version version, long length)
            throws Exception {
        assertThat(response.version()).isEqualTo(version);
        assertThat(response.headers().firstValue("content-length")).hasValue(Long.toString(length));
        assertThat(response.headers().firstValue("transfer-encoding")).isEmpty();
        try (InputStream body = response.body()) {
            assertThat(checkPattern(body, Long.MAX_VALUE)).isEqualTo(length);
        }
    }

    /** Reads up to {@code limit} bytes (or to the end), checking a sample of them against the pattern; the count. */
    private static long checkPattern(InputStream body, long limit) throws Exception {
        long position = 0;
        long wrong = 0;
        byte[] buffer = new byte[PIECE];
        for (int n; position < limit && (n = body.read(buffer, 0, (int) Math.min(PIECE, limit - position))) > 0; ) {
            if (position % (64L * PIECE) < PIECE) { // checking every byte of 2 GiB would be most of the test's time
                for (int i = 0; i < n; i++) {
                    if (buffer[i] != (byte) ((position + i) % 251)) {
                        wrong++;
                    }
                }
            }
            position += n;
        }
        assertThat(wrong).isZero();
        return position;
    }

    @Test
    void aClientThatDoesNotReadHoldsTheStreamBackInsteadOfFillingMemory() throws Exception {
        start();
        try (java.net.Socket socket = new java.net.Socket()) {
            socket.setReceiveBufferSize(64 * 1024);
            socket.connect(new java.net.InetSocketAddress("127.0.0.1", frontDoor.port()));
            socket.getOutputStream().write("GET /huge HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            long end = System.nanoTime() + 10_000_000_000L;
            while (piecesWritten.get() == 0 && System.nanoTime() < end) {
                Thread.sleep(10);
            }
            Thread.sleep(1000); // unchecked, the stream would have queued hundreds of pieces by now
            long held = piecesWritten.get();
            // Each write waits until the socket took it: what is written is what the kernel buffers hold, a few MiB.
            assertThat(held).isBetween(1L, 32L);
            InputStream in = socket.getInputStream();
            in.readNBytes(64L * PIECE > Integer.MAX_VALUE ? Integer.MAX_VALUE : 64 * PIECE); // reading lets it go on
            assertThat(piecesWritten.get()).isGreaterThan(held);
        }
    }

    @Test
    void aStreamThatEndsShortBreaksTheTransfer() throws Exception {
        start();
        try (RawConnection connection = new RawConnection(frontDoor.port())) {
            connection.send("GET /short HTTP/1.1\r\nHost: x\r\n\r\n");
            assertThat(connection.readHead().header("content-length")).isEqualTo("100000");
            assertThat(connection.input().readAllBytes()).hasSize(50_000); // then the server closed the connection
        }
        HttpClient http = Http2FrontDoorTest.client(HttpClient.Version.HTTP_2);
        String url = "http://127.0.0.1:" + frontDoor.port();
        http.send(HttpRequest.newBuilder(URI.create(url + "/warm-up")).build(), HttpResponse.BodyHandlers.discarding());
        assertThatThrownBy(() -> http.send(HttpRequest.newBuilder(URI.create(url + "/short")).build(),
                HttpResponse.BodyHandlers.ofByteArray())).isInstanceOf(java.io.IOException.class);
        http.shutdownNow();
        for (int i = 0; i < 500 && frontDoor.inFlight() > 0; i++) {
            Thread.sleep(10);
        }
        assertThat(frontDoor.inFlight()).isZero();
    }
}
