package io.wharf.server.http;

import io.wharf.protocol.wire.WireResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.ConnectException;
import java.net.Socket;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class HttpFrontDoorShutdownTest {
    private final CountDownLatch entered = new CountDownLatch(1);
    private final CountDownLatch release = new CountDownLatch(1);
    private HttpFrontDoor frontDoor;

    /** A gateway whose "/slow" requests block until released, like a long poll. */
    private int start() {
        frontDoor = HttpFrontDoor.bind("127.0.0.1", 0, 1024);
        frontDoor.open(request -> {
            if (request.path().equals("/slow")) {
                entered.countDown();
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return WireResponse.text(200, "text/plain", "interrupted");
                }
            }
            return WireResponse.text(200, "text/plain", "done " + request.path());
        });
        return frontDoor.port();
    }

    @AfterEach
    void close() {
        release.countDown();
        if (frontDoor != null) {
            frontDoor.close();
        }
    }

    @Test
    void drainWaitsForAnInFlightRequestThenClosesItsConnection() throws Exception {
        int port = start();
        try (RawConnection slow = new RawConnection(port); RawConnection idle = new RawConnection(port)) {
            idle.send(RawConnection.post("/fast", ""));
            assertThat(idle.read().status()).isEqualTo(200);
            slow.send(RawConnection.post("/slow", ""));
            assertThat(entered.await(10, TimeUnit.SECONDS)).isTrue();
            assertThat(frontDoor.inFlight()).isEqualTo(1);

            CompletableFuture<Boolean> drained = CompletableFuture.supplyAsync(() -> {
                try {
                    return frontDoor.drain(Duration.ofSeconds(20));
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            });
            // Idle connections are closed at once, and no new connection is accepted.
            assertThat(idle.closedByServer()).isTrue();
            assertThatThrownBy(() -> connectAndRequest(port)).isInstanceOfAny(ConnectException.class, IOException.class);
            assertThat(drained).isNotDone();

            release.countDown();
            RawConnection.Response response = slow.read();
            assertThat(response.status()).isEqualTo(200);
            assertThat(response.body()).isEqualTo("done /slow");
            assertThat(response.header("connection")).isEqualTo("close");
            assertThat(slow.closedByServer()).isTrue();
            assertThat(drained.get(10, TimeUnit.SECONDS)).isTrue();
            assertThat(frontDoor.inFlight()).isZero();
        }
    }

    @Test
    void drainGivesUpAfterTheTimeoutAndCloseInterruptsTheRequest() throws Exception {
        int port = start();
        try (RawConnection slow = new RawConnection(port)) {
            slow.send(RawConnection.post("/slow", ""));
            assertThat(entered.await(10, TimeUnit.SECONDS)).isTrue();
            assertThat(frontDoor.drain(Duration.ofMillis(200))).isFalse();
            frontDoor.close();
            assertThat(slow.closedByServer()).isTrue();
        }
    }

    private static void connectAndRequest(int port) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(5_000);
            socket.getOutputStream().write(RawConnection.post("/fast", "").getBytes());
            if (socket.getInputStream().read() == -1) {
                throw new IOException("closed without an answer");
            }
        }
    }
}
