package io.wharf.server.http;

import io.wharf.protocol.wire.WireRequest;
import io.wharf.protocol.wire.WireResponse;
import io.wharf.storage.OwnerOnly;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.IOException;
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
import java.security.MessageDigest;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Large uploads go to a spool file, not the heap (HTTP/1.1 and HTTP/2; with a length, chunked, behind
 * {@code 100-continue}); the gateway gets the file and the file goes after the answer; what is too large, or does not
 * fit on the disk, is refused in S3's XML; a client that vanishes leaves nothing behind.
 */
class RequestSpoolTest {
    /** Small, so that tests move little data; the real default is 1 MiB. */
    static final int THRESHOLD = 64 * 1024;
    static final int MAX_REQUEST_BYTES = 1024 * 1024;

    /** What the gateway saw of one request, taken while the request was being served. */
    record Seen(WireRequest request, byte[] sha256, long length, boolean ownerOnly) {
    }

    @TempDir
    Path spoolDirectory;
    private final List<Seen> seen = new CopyOnWriteArrayList<>();
    private HttpFrontDoor frontDoor;

    private int start(long freeSpaceMargin) throws Exception {
        return start(freeSpaceMargin, request -> WireResponse.text(200, "text/plain", "ok"));
    }

    /** A gateway that may throw (the test fails through a 500). */
    interface Answer {
        WireResponse handle(WireRequest request) throws Exception;
    }

    private int start(long freeSpaceMargin, Answer answer) throws Exception {
        return start(ConnectionLimits.DEFAULTS, freeSpaceMargin, answer);
    }

    private int start(ConnectionLimits limits, long freeSpaceMargin, Answer answer) throws Exception {
        frontDoor = HttpFrontDoor.bind("127.0.0.1", 0, 0, Tls.selfSigned(null, null), MAX_REQUEST_BYTES,
                limits, new RequestSpooling(spoolDirectory, THRESHOLD, freeSpaceMargin));
        frontDoor.open(request -> {
            try {
                return record(request, answer);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        return frontDoor.port();
    }

    private WireResponse record(WireRequest request, Answer answer) throws Exception {
        {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            long length = 0;
            try (InputStream body = request.openBody()) {
                byte[] buffer = new byte[65536];
                for (int n; (n = body.read(buffer)) > 0; ) {
                    digest.update(buffer, 0, n);
                    length += n;
                }
            }
            boolean ownerOnly = request.bodyFile() != null
                    && Files.getPosixFilePermissions(request.bodyFile()).equals(OwnerOnly.FILE);
            seen.add(new Seen(request, digest.digest(), length, ownerOnly));
            return answer.handle(request);
        }
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

    private static byte[] sha256(byte[] bytes) throws Exception {
        return MessageDigest.getInstance("SHA-256").digest(bytes);
    }

    private List<Path> spoolFiles() throws IOException {
        try (Stream<Path> files = Files.list(spoolDirectory)) {
            return files.toList();
        }
    }

    private static void await(BooleanSupplier condition) throws InterruptedException {
        long end = System.nanoTime() + 10_000_000_000L;
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("condition before the deadline").isLessThan(end);
            Thread.sleep(10);
        }
    }

    private boolean spoolEmpty() {
        try {
            return spoolFiles().isEmpty();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void aLargePutReachesTheGatewayAsAFileThatIsGoneAfterTheAnswer() throws Exception {
        int port = start(0);
        byte[] body = randomBytes(5 * 1024 * 1024 + 17);
        HttpResponse<String> response = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build().send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/bucket/key"))
                        .PUT(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        Seen request = seen.getFirst();
        assertThat(request.request().bodyFile()).isNotNull();
        assertThat(request.request().bodyFile().getParent()).isEqualTo(spoolDirectory);
        assertThat(request.request().body()).isEmpty();
        assertThat(request.length()).isEqualTo(body.length);
        assertThat(request.sha256()).isEqualTo(sha256(body));
        assertThat(request.ownerOnly()).isTrue();
        await(this::spoolEmpty);
        assertThat(frontDoor.inflightBodyBytes()).isZero();
    }

    @Test
    void smallUploadsAndJsonCallsStayInMemory() throws Exception {
        int port = start(0);
        try (RawConnection connection = new RawConnection(port)) {
            connection.send(RawConnection.post("/bucket/key", "x".repeat(THRESHOLD)));
            assertThat(connection.read().status()).isEqualTo(200);
            String big = "y".repeat(THRESHOLD * 2); // above the threshold, but a JSON call: held, budgeted
            connection.send(RawConnection.post("/", big, "X-Amz-Target: Test.Op",
                    "Content-Type: application/x-amz-json-1.0"));
            assertThat(connection.read().status()).isEqualTo(200);
        }
        assertThat(seen).hasSize(2).allSatisfy(s -> assertThat(s.request().bodyFile()).isNull());
        assertThat(seen.get(1).length()).isEqualTo(THRESHOLD * 2);
    }

    @Test
    void expectContinueIsAnsweredAndTheBodySpooled() throws Exception {
        int port = start(0);
        byte[] body = randomBytes(THRESHOLD * 3);
        try (RawConnection connection = new RawConnection(port)) {
            connection.send("PUT /bucket/key HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\nContent-Length: "
                    + body.length + "\r\n\r\n");
            assertThat(connection.read().status()).isEqualTo(100);
            connection.send(body);
            assertThat(connection.read().status()).isEqualTo(200);
            // the connection goes on
            connection.send(RawConnection.post("/bucket/small", "hello"));
            assertThat(connection.read().status()).isEqualTo(200);
        }
        assertThat(seen.getFirst().request().bodyFile()).isNotNull();
        assertThat(seen.getFirst().request().headers()).doesNotContainKey("expect");
        assertThat(seen.getFirst().sha256()).isEqualTo(sha256(body));
        assertThat(seen.get(1).request().bodyText()).isEqualTo("hello");
        await(this::spoolEmpty);
    }

    @Test
    void javaHttpClientWithExpectContinue() throws Exception {
        int port = start(0);
        byte[] body = randomBytes(THRESHOLD * 5);
        HttpResponse<String> response = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build().send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/bucket/key")).expectContinue(true)
                        .PUT(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(seen.getFirst().sha256()).isEqualTo(sha256(body));
        assertThat(seen.getFirst().request().bodyFile()).isNotNull();
    }

    @Test
    void aChunkedUploadThatGrowsPastTheThresholdIsSpooled() throws Exception {
        int port = start(0);
        byte[] body = randomBytes(THRESHOLD * 4 + 3);
        HttpResponse<String> response = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build().send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/bucket/key"))
                        .PUT(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(seen.getFirst().request().headers()).containsEntry("transfer-encoding", "chunked");
        assertThat(seen.getFirst().request().bodyFile()).isNotNull();
        assertThat(seen.getFirst().sha256()).isEqualTo(sha256(body));
        await(this::spoolEmpty);
        assertThat(frontDoor.inflightBodyBytes()).isZero();
    }

    @Test
    void brokenChunkedFramingMidUploadIsRefusedAndLeavesNoFile() throws Exception {
        int port = start(0);
        try (RawConnection connection = new RawConnection(port)) {
            String piece = "z".repeat(THRESHOLD);
            String size = Integer.toHexString(THRESHOLD);
            connection.send("PUT /bucket/key HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n"
                    + size + "\r\n" + piece + "\r\n" + size + "\r\n" + piece + "\r\nnot-hex\r\n");
            RawConnection.Response response = connection.read();
            assertThat(response.status()).isEqualTo(400);
            assertThat(response.body()).contains("<Code>InvalidRequest</Code>");
            assertThat(connection.closedByServer()).isTrue();
        }
        await(this::spoolEmpty);
        assertThat(seen).isEmpty();
    }

    @Test
    void aSmallChunkedUploadStaysInMemory() throws Exception {
        int port = start(0);
        try (RawConnection connection = new RawConnection(port)) {
            connection.send("PUT /bucket/key HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\n"
                    + "Transfer-Encoding: chunked\r\n\r\n");
            assertThat(connection.read().status()).isEqualTo(100);
            connection.send("5\r\nhello\r\n6\r\n world\r\n0\r\n\r\n");
            assertThat(connection.read().status()).isEqualTo(200);
        }
        assertThat(seen.getFirst().request().bodyFile()).isNull();
        assertThat(seen.getFirst().request().bodyText()).isEqualTo("hello world");
        assertThat(frontDoor.inflightBodyBytes()).isZero();
    }

    @Test
    void anUploadLargerThanFiveGibIsRefusedInS3sXmlBeforeItIsSent() throws Exception {
        int port = start(0);
        try (RawConnection connection = new RawConnection(port)) {
            connection.send("PUT /bucket/key HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\nContent-Length: "
                    + (BodySpool.MAX_OBJECT_BYTES + 1) + "\r\n\r\n");
            RawConnection.Response response = connection.read();
            assertThat(response.status()).isEqualTo(400);
            assertThat(response.header("content-type")).isEqualTo("application/xml");
            assertThat(response.body()).contains("<Error><Code>EntityTooLarge</Code><Message>")
                    .contains("<RequestId>" + response.header("x-amz-request-id") + "</RequestId>");
            assertThat(connection.closedByServer()).isTrue();
        }
        assertThat(seen).isEmpty();
        assertThat(spoolFiles()).isEmpty();
    }

    @Test
    void anAwsChunkedUploadMayCarryItsFramingButNotMoreThanFiveGibOfData() throws Exception {
        int port = start(0);
        try (RawConnection connection = new RawConnection(port)) {
            connection.send("PUT /bucket/key HTTP/1.1\r\nHost: x\r\nContent-Encoding: aws-chunked\r\n"
                    + "x-amz-decoded-content-length: " + (BodySpool.MAX_OBJECT_BYTES + 1) + "\r\nContent-Length: "
                    + (BodySpool.MAX_OBJECT_BYTES + 1000) + "\r\n\r\n");
            RawConnection.Response response = connection.read();
            assertThat(response.status()).isEqualTo(400);
            assertThat(response.body()).contains("<Code>EntityTooLarge</Code>");
        }
        assertThat(seen).isEmpty();
    }

    @Test
    void anUploadThatWouldFillTheDiskIsRefusedWithSlowDown() throws Exception {
        int port = start(Long.MAX_VALUE / 4);
        try (RawConnection connection = new RawConnection(port)) {
            connection.send("PUT /bucket/key HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\nContent-Length: "
                    + (THRESHOLD + 1) + "\r\n\r\n");
            RawConnection.Response response = connection.read();
            assertThat(response.status()).isEqualTo(503);
            assertThat(response.body()).contains("<Code>SlowDown</Code>");
            assertThat(connection.closedByServer()).isTrue();
        }
        assertThat(seen).isEmpty();
        assertThat(spoolFiles()).isEmpty();
    }

    @Test
    void aClientThatVanishesMidUploadLeavesNoFile() throws Exception {
        int port = start(0);
        try (Socket socket = new Socket("127.0.0.1", port)) {
            OutputStream out = socket.getOutputStream();
            out.write(("PUT /bucket/key HTTP/1.1\r\nHost: x\r\nContent-Length: " + (THRESHOLD * 10) + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.write(randomBytes(THRESHOLD * 3));
            out.flush();
            await(() -> {
                try {
                    List<Path> files = spoolFiles();
                    return files.size() == 1 && Files.size(files.getFirst()) == THRESHOLD * 3L;
                } catch (IOException e) {
                    return false; // the file is being created
                }
            });
            assertThat(frontDoor.inflightBodyBytes()).as("the disk is an upload's budget, not memory").isZero();
        }
        await(this::spoolEmpty);
        assertThat(seen).isEmpty();
        assertThat(frontDoor.inFlight()).isZero();
    }

    @Test
    void aStalledUploadIsCutByTheBodyTimeoutAndLeavesNoFile() throws Exception {
        int port = start(ConnectionLimits.DEFAULTS.withBodyTimeout(java.time.Duration.ofSeconds(1)), 0,
                request -> WireResponse.text(200, "text/plain", "ok"));
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(("PUT /bucket/key HTTP/1.1\r\nHost: x\r\nContent-Length: " + (THRESHOLD * 10) + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.write(randomBytes(THRESHOLD * 2));
            out.flush();
            assertThat(socket.getInputStream().read()).isEqualTo(-1); // then nothing more: the server hangs up
        }
        await(this::spoolEmpty);
        assertThat(seen).isEmpty();
    }

    @Test
    void aRequestPipelinedBehindASpooledBodyIsAnsweredAfterIt() throws Exception {
        int port = start(0, request -> WireResponse.text(200, "text/plain", request.path()));
        byte[] big = randomBytes(THRESHOLD * 8);
        try (RawConnection connection = new RawConnection(port)) {
            java.io.ByteArrayOutputStream both = new java.io.ByteArrayOutputStream();
            both.writeBytes(("PUT /bucket/big HTTP/1.1\r\nHost: x\r\nContent-Length: " + big.length + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            both.writeBytes(big);
            both.writeBytes(RawConnection.post("/bucket/small", "hi").getBytes(StandardCharsets.US_ASCII));
            connection.send(both.toByteArray());
            assertThat(connection.read().body()).isEqualTo("/bucket/big");
            assertThat(connection.read().body()).isEqualTo("/bucket/small");
        }
        assertThat(seen).extracting(s -> s.request().path()).containsExactly("/bucket/big", "/bucket/small");
        assertThat(seen.getFirst().sha256()).isEqualTo(sha256(big));
    }

    @Test
    void http2UploadsAreSpooledPerStream() throws Exception {
        int port = start(0);
        byte[] body = randomBytes(THRESHOLD * 6 + 5);
        try (HttpClient http = Http2FrontDoorTest.client(HttpClient.Version.HTTP_2)) {
            for (String url : new String[] {"http://127.0.0.1:" + port, "https://127.0.0.1:" + frontDoor.tlsPort()}) {
                http.send(HttpRequest.newBuilder(URI.create(url + "/warm-up")).build(), // h2c Upgrade goes first
                        HttpResponse.BodyHandlers.ofString());
                HttpResponse<String> sized = http.send(HttpRequest.newBuilder(URI.create(url + "/bucket/sized"))
                        .PUT(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
                HttpResponse<String> unsized = http.send(HttpRequest.newBuilder(URI.create(url + "/bucket/unsized"))
                        .PUT(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body))).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(sized.version()).isEqualTo(HttpClient.Version.HTTP_2);
                assertThat(unsized.version()).isEqualTo(HttpClient.Version.HTTP_2);
                assertThat(List.of(sized.statusCode(), unsized.statusCode())).containsOnly(200);
            }
        }
        List<Seen> uploads = seen.stream().filter(s -> s.request().path().startsWith("/bucket/")).toList();
        assertThat(uploads).hasSize(4).allSatisfy(s -> {
            assertThat(s.request().bodyFile()).isNotNull();
            assertThat(s.length()).isEqualTo(body.length);
        });
        for (Seen upload : uploads) {
            assertThat(upload.sha256()).isEqualTo(sha256(body));
        }
        await(this::spoolEmpty);
    }

    @Test
    void anUploadThatAsksForAnH2cUpgradeIsServed() throws Exception {
        int port = start(0);
        byte[] body = randomBytes(MAX_REQUEST_BYTES + THRESHOLD); // larger than the upgrade handler would aggregate
        try (HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_2).build()) {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                            URI.create("http://127.0.0.1:" + port + "/bucket/first"))
                    .PUT(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).isEqualTo(200);
        }
        assertThat(seen.getFirst().sha256()).isEqualTo(sha256(body));
    }

    @Test
    void anOperationMayMoveTheFileAway(@TempDir Path store) throws Exception {
        int port = start(0, request -> {
            Files.move(request.bodyFile(), store.resolve("object"));
            return WireResponse.text(200, "text/plain", "moved");
        });
        byte[] body = randomBytes(THRESHOLD * 2);
        HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/bucket/key"))
                        .PUT(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.body()).isEqualTo("moved");
        assertThat(Files.readAllBytes(store.resolve("object"))).isEqualTo(body);
        assertThat(spoolFiles()).isEmpty();
    }

    @Test
    void theSpoolDirectoryIsEmptiedAtStart() throws Exception {
        Path stale = Files.writeString(spoolDirectory.resolve("left-by-a-crash.body"), "old");
        start(0);
        assertThat(stale).doesNotExist();
        assertThat(Files.getPosixFilePermissions(spoolDirectory)).isEqualTo(OwnerOnly.DIRECTORY);
    }

    @Test
    void aPrivateSpoolDirectoryIsDeletedAtClose() throws Exception {
        frontDoor = HttpFrontDoor.bind("127.0.0.1", 0, 1024 * 1024);
        Path directory = frontDoor.spoolDirectory();
        assertThat(directory).isDirectory();
        frontDoor.close();
        frontDoor = null;
        assertThat(directory).doesNotExist();
    }
}
