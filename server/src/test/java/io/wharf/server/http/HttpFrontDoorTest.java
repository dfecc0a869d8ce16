package io.wharf.server.http;

import io.wharf.protocol.Gateway;
import io.wharf.protocol.wire.WireRequest;
import io.wharf.protocol.wire.WireResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

class HttpFrontDoorTest {
    static final int MAX_REQUEST_BYTES = 1024;
    /** What makes a request a JSON call, whose body is held in memory (an object upload's would be spooled). */
    static final String JSON_CALL = "X-Amz-Target: Test.Op";

    private final List<WireRequest> seen = new CopyOnWriteArrayList<>();
    private HttpFrontDoor frontDoor;

    private int start(Gateway gateway) {
        frontDoor = HttpFrontDoor.bind("127.0.0.1", 0, MAX_REQUEST_BYTES);
        frontDoor.open(request -> {
            seen.add(request);
            return gateway.handle(request);
        });
        return frontDoor.port();
    }

    private int startEcho() {
        return start(request -> WireResponse.text(200, "text/plain", request.method() + " " + request.bodyText()));
    }

    @AfterEach
    void close() {
        if (frontDoor != null) {
            frontDoor.close();
        }
    }

    @Test
    void oneEventLoopPerCoreUnlessNettysPropertySaysOtherwise() {
        String set = System.getProperty("io.netty.eventLoopThreads");
        try {
            System.clearProperty("io.netty.eventLoopThreads");
            assertThat(HttpFrontDoor.eventLoops()).isEqualTo(Runtime.getRuntime().availableProcessors());
            System.setProperty("io.netty.eventLoopThreads", "3");
            assertThat(HttpFrontDoor.eventLoops()).as("0: Netty reads its property").isZero();
        } finally {
            if (set == null) {
                System.clearProperty("io.netty.eventLoopThreads");
            } else {
                System.setProperty("io.netty.eventLoopThreads", set);
            }
        }
    }

    @Test
    void healthAnswersWithoutTheGateway() throws Exception {
        int port = startEcho();
        HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/_wharf/health")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("{\"status\":\"ok\"}");
        assertThat(response.headers().firstValue("content-type")).hasValue("application/json");
        assertThat(seen).isEmpty();
    }

    @Test
    void keepAliveServesSeveralRequestsOnOneConnection() throws Exception {
        int port = startEcho();
        try (RawConnection connection = new RawConnection(port)) {
            for (int i = 0; i < 5; i++) {
                connection.send(RawConnection.post("/", "hello " + i));
                RawConnection.Response response = connection.read();
                assertThat(response.status()).isEqualTo(200);
                assertThat(response.body()).isEqualTo("POST hello " + i);
                assertThat(response.header("content-length")).isEqualTo(Integer.toString(("POST hello " + i).length()));
                assertThat(response.header("connection")).isNull();
            }
        }
        assertThat(seen).hasSize(5);
    }

    @Test
    void pipelinedRequestsAreAnsweredInOrder() throws Exception {
        // The first request is the slowest; its answer must still come first.
        int port = start(request -> {
            int delayMillis = Integer.parseInt(request.bodyText()) * 50;
            try {
                Thread.sleep(delayMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return WireResponse.text(200, "text/plain", request.bodyText());
        });
        try (RawConnection connection = new RawConnection(port)) {
            connection.send(RawConnection.post("/", "3") + RawConnection.post("/", "1") + RawConnection.post("/", "0"));
            assertThat(List.of(connection.read().body(), connection.read().body(), connection.read().body()))
                    .containsExactly("3", "1", "0");
        }
    }

    @Test
    void connectionCloseIsRespected() throws Exception {
        int port = startEcho();
        try (RawConnection connection = new RawConnection(port)) {
            connection.send(RawConnection.post("/", "bye", "Connection: close"));
            RawConnection.Response response = connection.read();
            assertThat(response.status()).isEqualTo(200);
            assertThat(response.header("connection")).isEqualTo("close");
            assertThat(connection.closedByServer()).isTrue();
        }
    }

    @Test
    void http10WithoutKeepAliveIsClosed() throws Exception {
        int port = startEcho();
        try (RawConnection connection = new RawConnection(port)) {
            connection.send("GET /x HTTP/1.0\r\n\r\n");
            assertThat(connection.read().status()).isEqualTo(200);
            assertThat(connection.closedByServer()).isTrue();
        }
    }

    @Test
    void requestIsDecodedForTheGateway() throws Exception {
        int port = start(request -> WireResponse.text(200, "text/plain", "ok"));
        try (RawConnection connection = new RawConnection(port)) {
            connection.send("put /000000000000/my%20queue?b=2&a=1&a=x%2By+z&c&d=%3Bsemi;colon HTTP/1.1\r\n"
                    + "Host: localhost:4566\r\nX-Amz-Target: AmazonSQS.ListQueues\r\nX-Multi: one\r\nx-multi: two\r\n"
                    + "Content-Length: 4\r\n\r\n\u00e9\u0000\u00ff!");
            assertThat(connection.read().status()).isEqualTo(200);
        }
        WireRequest request = seen.getFirst();
        assertThat(request.method()).isEqualTo("PUT");
        assertThat(request.path()).isEqualTo("/000000000000/my queue");
        assertThat(request.query().keySet()).containsExactly("b", "a", "c", "d");
        assertThat(request.query().get("a")).containsExactly("1", "x+y z");
        assertThat(request.query().get("c")).containsExactly("");
        assertThat(request.query().get("d")).containsExactly(";semi;colon");
        assertThat(request.headers()).containsEntry("host", "localhost:4566")
                .containsEntry("x-amz-target", "AmazonSQS.ListQueues")
                .containsEntry("x-multi", "one,two");
        assertThat(request.headers().keySet()).allMatch(name -> name.equals(name.toLowerCase()));
        assertThat(request.body()).containsExactly(0xe9, 0x00, 0xff, '!');
    }

    @Test
    void gatewayFailureBecomesInternalFailureWithoutStackTrace() throws Exception {
        int port = start(request -> {
            throw new IllegalStateException("boom \"quoted\"");
        });
        try (RawConnection connection = new RawConnection(port)) {
            connection.send(RawConnection.post("/", "x", JSON_CALL));
            RawConnection.Response response = connection.read();
            assertThat(response.status()).isEqualTo(500);
            assertThat(response.header("content-type")).isEqualTo("application/x-amz-json-1.0");
            assertThat(response.body()).startsWith("{\"__type\":\"InternalFailure\",\"message\":\"")
                    .doesNotContain("IllegalStateException").doesNotContain("boom").doesNotContain("\tat ");
            // The connection survives a failed request.
            connection.send(RawConnection.post("/", "again"));
            assertThat(connection.read().status()).isEqualTo(500);
        }
    }

    @Test
    void gatewayReturningNullIsAnInternalFailure() throws Exception {
        int port = start(request -> null);
        try (RawConnection connection = new RawConnection(port)) {
            connection.send(RawConnection.post("/", "x"));
            assertThat(connection.read().status()).isEqualTo(500);
        }
    }

    @Test
    void oversizedBodyIs413AndClosesTheConnection() throws Exception {
        int port = startEcho();
        try (RawConnection connection = new RawConnection(port)) {
            connection.send(RawConnection.post("/", "x".repeat(MAX_REQUEST_BYTES + 1), JSON_CALL));
            RawConnection.Response response = connection.read();
            assertThat(response.status()).isEqualTo(413);
            assertThat(response.body()).contains("RequestEntityTooLarge");
            assertThat(response.header("connection")).isEqualTo("close");
            assertThat(connection.closedByServer()).isTrue();
        }
        assertThat(seen).isEmpty();
    }

    @Test
    void oversizedChunkedBodyIs413() throws Exception {
        int port = startEcho();
        String chunk = "x".repeat(600);
        try (RawConnection connection = new RawConnection(port)) {
            connection.send("POST / HTTP/1.1\r\nHost: x\r\n" + JSON_CALL + "\r\nTransfer-Encoding: chunked\r\n\r\n"
                    + "258\r\n" + chunk + "\r\n258\r\n" + chunk + "\r\n0\r\n\r\n");
            assertThat(connection.read().status()).isEqualTo(413);
            assertThat(connection.closedByServer()).isTrue();
        }
        assertThat(seen).isEmpty();
    }

    @Test
    void bodyOfExactlyTheLimitIsAccepted() throws Exception {
        int port = startEcho();
        try (RawConnection connection = new RawConnection(port)) {
            connection.send(RawConnection.post("/", "y".repeat(MAX_REQUEST_BYTES)));
            assertThat(connection.read().status()).isEqualTo(200);
        }
    }

    @Test
    void expectContinueInvitesTheBody() throws Exception {
        int port = startEcho();
        try (RawConnection connection = new RawConnection(port)) {
            connection.send("POST / HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\nContent-Length: 5\r\n\r\n");
            assertThat(connection.read().status()).isEqualTo(100);
            connection.send("hello");
            RawConnection.Response response = connection.read();
            assertThat(response.status()).isEqualTo(200);
            assertThat(response.body()).isEqualTo("POST hello");
        }
        assertThat(seen.getFirst().headers()).doesNotContainKey("expect");
    }

    @Test
    void expectContinueWithTooLargeBodyIsRefusedBeforeItIsSent() throws Exception {
        int port = startEcho();
        try (RawConnection connection = new RawConnection(port)) {
            connection.send("POST / HTTP/1.1\r\nHost: x\r\n" + JSON_CALL + "\r\nExpect: 100-continue\r\nContent-Length: "
                    + (MAX_REQUEST_BYTES + 1) + "\r\n\r\n");
            assertThat(connection.read().status()).isEqualTo(413);
            assertThat(connection.closedByServer()).isTrue();
        }
    }

    @Test
    void javaHttpClientExpectContinueWorks() throws Exception {
        int port = startEcho();
        HttpResponse<String> response = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build().send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/")).expectContinue(true)
                        .POST(HttpRequest.BodyPublishers.ofString("body", StandardCharsets.UTF_8)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("POST body");
    }

    @Test
    void malformedRequestIs400() throws Exception {
        int port = startEcho();
        try (RawConnection connection = new RawConnection(port)) {
            connection.send("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: nope\r\n\r\n");
            RawConnection.Response response = connection.read();
            assertThat(response.status()).isEqualTo(400);
            assertThat(connection.closedByServer()).isTrue();
        }
        assertThat(seen).isEmpty();
    }

    @Test
    void malformedEscapeInTheUriIs400() throws Exception {
        int port = startEcho();
        try (RawConnection connection = new RawConnection(port)) {
            connection.send("GET /q?Action=Op&a=%zz HTTP/1.1\r\nHost: x\r\n\r\n"); // a Query call: JSON error
            RawConnection.Response response = connection.read();
            assertThat(response.status()).isEqualTo(400);
            assertThat(response.body()).contains("BadRequest");
            assertThat(connection.closedByServer()).isTrue();
        }
        assertThat(seen).isEmpty();
    }

    @Test
    void responseHeadersFromTheGatewayAreKeptButFramingIsOurs() throws Exception {
        int port = start(request -> new WireResponse(200, Map.of("x-amzn-RequestId", "abc", "Content-Length", "999",
                "Connection", "close"), "four".getBytes(StandardCharsets.UTF_8)));
        try (RawConnection connection = new RawConnection(port)) {
            connection.send(RawConnection.post("/", ""));
            RawConnection.Response response = connection.read();
            assertThat(response.header("x-amzn-requestid")).isEqualTo("abc");
            assertThat(response.header("content-length")).isEqualTo("4");
            assertThat(response.header("connection")).isNull();
            assertThat(response.body()).isEqualTo("four");
        }
    }
}
