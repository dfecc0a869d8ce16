package io.wharf.server.http;

import io.wharf.protocol.Gateway;
import io.wharf.protocol.wire.WireResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The per-connection deadlines, the connection cap and the in-flight body budget, over raw sockets. Timeouts are one
 * second here; each test only asserts that the server closed the connection before a generous deadline (15 s), and
 * each attack is one a plain read-inactivity timeout would not stop (bytes keep trickling).
 */
class ConnectionLimitsTest {
    private static final Duration ONE_SECOND = Duration.ofSeconds(1);
    private static final long DEADLINE_MILLIS = 15_000;
    private static final int MAX_REQUEST_BYTES = 64 * 1024;

    private HttpFrontDoor frontDoor;

    private int start(ConnectionLimits limits, Gateway gateway) {
        frontDoor = HttpFrontDoor.bind("127.0.0.1", 0, -1, null, MAX_REQUEST_BYTES, limits);
        frontDoor.open(gateway);
        return frontDoor.port();
    }

    private static ConnectionLimits oneSecondTimeouts() {
        return ConnectionLimits.DEFAULTS.withIdleTimeout(ONE_SECOND).withHeaderTimeout(ONE_SECOND)
                .withBodyTimeout(ONE_SECOND);
    }

    private static Gateway echo() {
        return request -> WireResponse.text(200, "text/plain", "ok " + request.bodyText().length());
    }

    @AfterEach
    void close() {
        if (frontDoor != null) {
            frontDoor.close();
        }
    }

    private static Socket connect(int port) throws IOException {
        Socket socket = new Socket("127.0.0.1", port);
        socket.setSoTimeout((int) DEADLINE_MILLIS);
        return socket;
    }

    /** Reads until the server closes; true if it did before the deadline (a reset counts as closed). */
    private static boolean closedByServer(Socket socket) throws IOException {
        InputStream in = socket.getInputStream();
        try {
            while (in.read() != -1) {
                // drain whatever the server said before closing
            }
            return true;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (SocketException e) {
            return true; // connection reset
        }
    }

    /** Writes one byte every 200 ms until the connection breaks: keeps a read-inactivity timer from ever firing. */
    private static Thread trickle(Socket socket, byte[] bytes) {
        return Thread.ofVirtual().start(() -> {
            try {
                OutputStream out = socket.getOutputStream();
                for (int i = 0; ; i++) {
                    out.write(bytes[i % bytes.length]);
                    out.flush();
                    Thread.sleep(200);
                }
            } catch (IOException | InterruptedException e) {
                // the server closed it: what the test waits for
            }
        });
    }

    private static void send(Socket socket, String text) throws IOException {
        socket.getOutputStream().write(text.getBytes(StandardCharsets.ISO_8859_1));
        socket.getOutputStream().flush();
    }

    private static String post(int length) {
        // A JSON call: its body is held in memory and spends the budget (an object upload would be spooled).
        return "POST / HTTP/1.1\r\nHost: localhost\r\nX-Amz-Target: Test.Op\r\nContent-Length: " + length + "\r\n\r\n";
    }

    private static void await(BooleanSupplier condition) throws InterruptedException {
        long end = System.nanoTime() + DEADLINE_MILLIS * 1_000_000;
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("condition before the deadline").isLessThan(end);
            Thread.sleep(20);
        }
    }

    @Test
    void slowlorisHeadersAreCutOffAfterTheHeaderTimeout() throws Exception {
        int port = start(oneSecondTimeouts().withIdleTimeout(Duration.ofMinutes(10)), echo());
        try (Socket socket = connect(port)) {
            send(socket, "POST / HTTP/1.1\r\nHost: localhost\r\n");
            Thread writer = trickle(socket, "X-Slow: aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\r\n".getBytes(StandardCharsets.US_ASCII));
            assertThat(closedByServer(socket)).isTrue();
            writer.interrupt();
        }
    }

    @Test
    void aConnectionThatSendsNothingIsClosedAfterTheHeaderTimeout() throws Exception {
        int port = start(oneSecondTimeouts().withIdleTimeout(Duration.ofMinutes(10)), echo());
        try (Socket socket = connect(port)) {
            assertThat(closedByServer(socket)).isTrue();
        }
    }

    @Test
    void anIdleKeepAliveConnectionIsClosedAfterTheIdleTimeout() throws Exception {
        int port = start(oneSecondTimeouts().withHeaderTimeout(Duration.ofMinutes(10)), echo());
        try (RawConnection connection = new RawConnection(port)) {
            connection.send(RawConnection.post("/", "hello"));
            RawConnection.Response response = connection.read();
            assertThat(response.status()).isEqualTo(200);
            assertThat(response.header("connection")).isNull(); // kept alive…
            assertThat(connection.closedByServer()).isTrue(); // …until idle too long
        }
    }

    @Test
    void aStalledBodyIsCutOff() throws Exception {
        int port = start(oneSecondTimeouts().withIdleTimeout(Duration.ofMinutes(10)), echo());
        try (Socket socket = connect(port)) {
            send(socket, post(1000) + "0123456789");
            assertThat(closedByServer(socket)).isTrue();
        }
    }

    @Test
    void aBodyDrippingSlowerThanTheMinimumRateIsCutOff() throws Exception {
        int port = start(oneSecondTimeouts().withIdleTimeout(Duration.ofMinutes(10)), echo());
        try (Socket socket = connect(port)) {
            send(socket, post(10_000));
            Thread writer = trickle(socket, "x".getBytes(StandardCharsets.US_ASCII)); // 5 bytes/s, never a 1 s gap
            assertThat(closedByServer(socket)).isTrue();
            writer.interrupt();
        }
    }

    @Test
    void aRequestBeingServedIsNeverIdleLikeALongPoll() throws Exception {
        // Every timeout is 1 s; the answer takes 3 s (as a long poll would) and must still arrive.
        int port = start(oneSecondTimeouts(), request -> {
            try {
                Thread.sleep(3_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return WireResponse.text(200, "text/plain", "late");
        });
        try (RawConnection connection = new RawConnection(port)) {
            connection.send(RawConnection.post("/", "wait"));
            RawConnection.Response response = connection.read();
            assertThat(response.status()).isEqualTo(200);
            assertThat(response.body()).isEqualTo("late");
        }
    }

    @Test
    void anAnswerTheClientDoesNotReadClosesTheConnection() throws Exception {
        byte[] big = new byte[32 * 1024 * 1024];
        int port = start(oneSecondTimeouts().withIdleTimeout(Duration.ofMinutes(10)),
                request -> WireResponse.of(200, "application/octet-stream", big));
        try (Socket socket = new Socket()) {
            socket.setReceiveBufferSize(4096);
            socket.connect(new java.net.InetSocketAddress("127.0.0.1", port));
            send(socket, post(0));
            await(() -> frontDoor.connections() == 1);
            await(() -> frontDoor.connections() == 0); // we never read: the server gave up on us
        }
    }

    @Test
    void connectionsOverTheCapAreAnswered503AndClosed() throws Exception {
        int port = start(ConnectionLimits.DEFAULTS.withMaxConnections(3), echo());
        List<RawConnection> held = new ArrayList<>();
        try {
            for (int i = 0; i < 3; i++) {
                RawConnection connection = new RawConnection(port);
                held.add(connection);
                connection.send(RawConnection.post("/", "hi"));
                assertThat(connection.read().status()).isEqualTo(200);
            }
            try (RawConnection refused = new RawConnection(port)) {
                RawConnection.Response response = refused.read();
                assertThat(response.status()).isEqualTo(503);
                assertThat(response.header("content-type")).startsWith("text/plain");
                assertThat(response.body()).contains("--max-connections");
                assertThat(refused.closedByServer()).isTrue();
            }
            assertThat(frontDoor.refusedConnections()).isEqualTo(1);
            held.remove(0).close();
            await(() -> frontDoor.connections() < 3);
            try (RawConnection next = new RawConnection(port)) {
                next.send(RawConnection.post("/", "again"));
                assertThat(next.read().status()).isEqualTo(200);
            }
        } finally {
            for (RawConnection connection : held) {
                connection.close();
            }
        }
    }

    @Test
    void bodiesBeyondTheInFlightBudgetAreRefusedWith503() throws Exception {
        int length = 60_000; // two of these do not fit in 100,000
        int port = start(ConnectionLimits.DEFAULTS.withMaxInflightBytes(100_000), echo());
        try (Socket stalled = connect(port)) {
            send(stalled, post(length) + "only the start of the body");
            await(() -> frontDoor.inflightBodyBytes() == length);
            try (RawConnection second = new RawConnection(port)) {
                second.send(post(length));
                RawConnection.Response response = second.read();
                assertThat(response.status()).isEqualTo(503);
                assertThat(response.body()).contains("\"__type\":\"ServiceUnavailable\"");
                assertThat(second.closedByServer()).isTrue();
            }
            assertThat(frontDoor.inflightBodyBytes()).isEqualTo(length);
        }
        await(() -> frontDoor.inflightBodyBytes() == 0); // the stalled body's reservation went with its connection
        try (RawConnection third = new RawConnection(port)) {
            third.send(post(length) + "y".repeat(length));
            RawConnection.Response response = third.read();
            assertThat(response.status()).isEqualTo(200);
            assertThat(response.body()).isEqualTo("ok " + length);
        }
        assertThat(frontDoor.inflightBodyBytes()).isZero();
    }
}
