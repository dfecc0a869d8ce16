package io.wharf.server.http;

import io.wharf.protocol.wire.WireRequest;
import io.wharf.protocol.wire.WireResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code 100 Continue} is part of its request's answer and leaves in order: after an earlier answer streamed with a
 * Content-Length (an object GET, whose last byte the client reads before the server has ended the answer), and after
 * a pipelined earlier answer still being made; for bodies the aggregator holds and for bodies spooled to disk; and on
 * HTTP/2. Before the fix a PUT with {@code Expect} right after an object GET often got no 100 and no answer: the
 * connection closed.
 */
class ExpectContinueTest {
    static final int THRESHOLD = 1024 * 1024;
    static final int MAX_REQUEST_BYTES = 1024 * 1024;
    static final byte[] OBJECT = "the object's bytes".getBytes(StandardCharsets.UTF_8);

    @TempDir
    Path spoolDirectory;
    private HttpFrontDoor frontDoor;
    /** SHA-256 and length of every PUT body the gateway received, in order. */
    private final List<String> received = new CopyOnWriteArrayList<>();
    private final CountDownLatch releaseSlow = new CountDownLatch(1);

    private int start() throws Exception {
        frontDoor = HttpFrontDoor.bind("127.0.0.1", 0, 0, Tls.selfSigned(null, null), MAX_REQUEST_BYTES,
                ConnectionLimits.DEFAULTS, new RequestSpooling(spoolDirectory, THRESHOLD, 0));
        frontDoor.open(this::answer);
        return frontDoor.port();
    }

    private WireResponse answer(WireRequest request) {
        try {
            return switch (request.method()) {
                case "GET" -> request.path().equals("/slow") ? slow() : object();
                case "PUT" -> {
                    received.add(digest(request));
                    yield WireResponse.text(200, "text/plain", "stored");
                }
                default -> WireResponse.text(405, "text/plain", "no");
            };
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * An object's bytes with their Content-Length, as GetObject answers. The answer ends a little after its last byte
     * has gone (as it does when the virtual thread is slow to wake), so the client's next request always arrives
     * while it is still open.
     */
    private static WireResponse object() {
        return WireResponse.streaming(200, "application/octet-stream", out -> {
            out.write(Arrays.copyOf(OBJECT, 5));
            out.write(Arrays.copyOfRange(OBJECT, 5, OBJECT.length));
            Thread.sleep(5);
        }).withHeader("Content-Length", String.valueOf(OBJECT.length));
    }

    private WireResponse slow() throws InterruptedException {
        assertThat(releaseSlow.await(10, TimeUnit.SECONDS)).isTrue();
        return WireResponse.text(200, "text/plain", "slow");
    }

    private static String digest(WireRequest request) throws Exception {
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        long length = 0;
        try (InputStream body = request.openBody()) {
            byte[] buffer = new byte[65536];
            for (int n; (n = body.read(buffer)) > 0; ) {
                sha.update(buffer, 0, n);
                length += n;
            }
        }
        return length + ":" + java.util.HexFormat.of().formatHex(sha.digest());
    }

    private static String digest(byte[] body) throws Exception {
        return body.length + ":" + java.util.HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body));
    }

    @AfterEach
    void close() {
        if (frontDoor != null) {
            frontDoor.close();
        }
    }

    private static byte[] randomBytes(int size) {
        byte[] bytes = new byte[size];
        new Random(size).nextBytes(bytes);
        return bytes;
    }

    private static String putHead(int length) {
        return "PUT /bucket/key HTTP/1.1\r\nHost: localhost\r\nExpect: 100-continue\r\nContent-Type: text/plain\r\n"
                + "Content-Length: " + length + "\r\n\r\n";
    }

    /** GET an object, then PUT with Expect on the same connection: 100, then 200, every time. */
    private void getThenPutWithExpect(int iterations, byte[] body) throws Exception {
        int port = start();
        try (RawConnection connection = new RawConnection(port)) {
            for (int i = 0; i < iterations; i++) {
                connection.send("GET /bucket/key HTTP/1.1\r\nHost: localhost\r\n\r\n");
                RawConnection.Response got = connection.read();
                assertThat(got.status()).as("GET %d", i).isEqualTo(200);
                assertThat(got.body()).isEqualTo(new String(OBJECT, StandardCharsets.UTF_8));
                connection.send(putHead(body.length));
                assertThat(connection.readHead().status()).as("the answer to PUT %d's Expect", i).isEqualTo(100);
                connection.send(body);
                RawConnection.Response put = connection.read();
                assertThat(put.status()).as("PUT %d", i).isEqualTo(200);
                assertThat(put.body()).isEqualTo("stored");
            }
        }
        assertThat(received).hasSize(iterations).containsOnly(digest(body));
    }

    @Test
    void aSmallPutWithExpectAfterAnObjectGetIsInvitedAndAnswered() throws Exception {
        getThenPutWithExpect(100, "v1".getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aSpooledPutWithExpectAfterAnObjectGetIsInvitedAndAnswered() throws Exception {
        getThenPutWithExpect(20, randomBytes(THRESHOLD + 17));
    }

    /** A PUT pipelined behind a GET still being served: the GET's answer first, then the 100, then the PUT's. */
    @Test
    void theContinueOfAPipelinedPutWaitsForTheEarlierAnswer() throws Exception {
        int port = start();
        byte[] body = "pipelined".getBytes(StandardCharsets.UTF_8);
        try (RawConnection connection = new RawConnection(port)) {
            connection.send("GET /slow HTTP/1.1\r\nHost: localhost\r\n\r\n" + putHead(body.length));
            Thread.sleep(100); // the PUT's head is read meanwhile (were it not, the order below would still hold)
            releaseSlow.countDown();
            RawConnection.Response first = connection.read();
            assertThat(first.status()).isEqualTo(200);
            assertThat(first.body()).isEqualTo("slow");
            assertThat(connection.readHead().status()).isEqualTo(100);
            connection.send(body);
            assertThat(connection.read().status()).isEqualTo(200);
        }
        assertThat(received).containsExactly(digest(body));
    }

    /** The same through a real client that waits for the 100, small and spooled bodies. */
    @Test
    void javaClientGetsThenPutsWithExpectOverHttp11() throws Exception {
        javaClientGetsThenPutsWithExpect(HttpClient.Version.HTTP_1_1);
    }

    /** HTTP/2: one request per stream, so the 100 goes at once (after the h2c upgrade of the first GET). */
    @Test
    void javaClientGetsThenPutsWithExpectOverHttp2() throws Exception {
        javaClientGetsThenPutsWithExpect(HttpClient.Version.HTTP_2);
    }

    private void javaClientGetsThenPutsWithExpect(HttpClient.Version version) throws Exception {
        int port = start();
        byte[] small = "v2".getBytes(StandardCharsets.UTF_8);
        byte[] large = randomBytes(THRESHOLD + 5);
        HttpClient client = HttpClient.newBuilder().version(version).build();
        for (int i = 0; i < 20; i++) {
            HttpResponse<byte[]> got = client.send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + port + "/bucket/key")).build(), HttpResponse.BodyHandlers.ofByteArray());
            assertThat(got.body()).isEqualTo(OBJECT);
            byte[] body = i % 5 == 4 ? large : small;
            HttpResponse<String> put = client.send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + port + "/bucket/key")).expectContinue(true)
                    .PUT(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(put.statusCode()).as("%s PUT %d", version, i).isEqualTo(200);
            assertThat(put.version()).isEqualTo(version);
            assertThat(received.get(i)).isEqualTo(digest(body));
        }
    }
}
