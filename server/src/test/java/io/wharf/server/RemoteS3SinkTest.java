package io.wharf.server;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.wharf.firehose.DeliveryFailure;
import io.wharf.protocol.auth.SigV4Signer;
import io.wharf.server.config.ExternalS3;
import io.wharf.server.outbound.OutboundRules;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The external-S3 sink against a small HTTP server standing in for S3: what one PUT carries (path-style URL, the
 * signed headers, both hashes, the bytes), how answers become results or {@link DeliveryFailure}s, and the outbound
 * rules in front of every attempt. That the signature verifies is shown against a real S3 endpoint (another Wharf) by
 * {@code it/.../firehose/ExternalS3DeliveryIT}.
 */
class RemoteS3SinkTest {
    private static final String SECRET = "test-secret-key";
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-03-01T12:00:00Z"), ZoneOffset.UTC);
    private static final OutboundRules LOOPBACK_SERVER_RULES = new OutboundRules(List.of(), List.of(), true,
            OutboundRules.SYSTEM_RESOLVER);

    record Received(String method, String rawPath, Map<String, List<String>> headers, byte[] body) {
        String header(String name) {
            List<String> values = headers.get(name);
            return values == null ? null : values.get(0);
        }
    }

    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final AtomicReference<int[]> status = new AtomicReference<>(new int[] {200});
    private final AtomicReference<String> answer = new AtomicReference<>("");
    private HttpServer server;

    @TempDir
    Path spool;

    @BeforeEach
    void startFakeS3() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private void handle(HttpExchange exchange) throws IOException {
        byte[] body;
        try (InputStream in = exchange.getRequestBody()) {
            body = in.readAllBytes();
        }
        Map<String, List<String>> headers = new java.util.TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        headers.putAll(exchange.getRequestHeaders());
        received.add(new Received(exchange.getRequestMethod(), exchange.getRequestURI().getRawPath(), headers, body));
        int code = status.get()[0];
        byte[] text = answer.get().getBytes(StandardCharsets.UTF_8);
        if (code / 100 == 2) {
            exchange.getResponseHeaders().add("ETag", "\"etag-1\"");
        }
        exchange.sendResponseHeaders(code, text.length == 0 ? -1 : text.length);
        if (text.length > 0) {
            exchange.getResponseBody().write(text);
        }
        exchange.close();
    }

    private String endpoint() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private RemoteS3Sink sink(String endpoint, OutboundRules rules) {
        return new RemoteS3Sink(new ExternalS3(URI.create(endpoint), "eu-west-1", "AKIDREMOTE", SECRET), rules, CLOCK,
                spool);
    }

    @Test
    void putsOneSignedObjectPathStyle() throws Exception {
        byte[] content = "{\"a\":1}\n{\"a\":2}\n".getBytes(StandardCharsets.UTF_8);
        String etag = sink(endpoint() + "/base", LOOPBACK_SERVER_RULES).put("arn:aws:s3:::logs-bucket",
                "2026/03/01/12/stream-1-2026-03-01-12-00-00-é x+y", new ByteArrayInputStream(content), content.length,
                "gzip");
        assertThat(etag).isEqualTo("\"etag-1\"");
        assertThat(received).hasSize(1);
        Received put = received.get(0);
        assertThat(put.method()).isEqualTo("PUT");
        assertThat(put.rawPath()).isEqualTo("/base/logs-bucket/2026/03/01/12/stream-1-2026-03-01-12-00-00-%C3%A9%20x%2By");
        assertThat(put.body()).isEqualTo(content);
        assertThat(put.header("x-amz-content-sha256")).isEqualTo(SigV4Signer.sha256Hex(content));
        assertThat(put.header("Content-MD5")).isEqualTo(Base64.getEncoder().encodeToString(
                MessageDigest.getInstance("MD5").digest(content)));
        assertThat(put.header("Content-Encoding")).isEqualTo("gzip");
        assertThat(put.header("Content-Length")).isEqualTo(Integer.toString(content.length));
        assertThat(put.header("x-amz-date")).isEqualTo("20260301T120000Z");
        assertThat(put.header("Authorization")).startsWith("AWS4-HMAC-SHA256 Credential=AKIDREMOTE/20260301/eu-west-1/"
                + "s3/aws4_request,SignedHeaders=content-encoding;content-md5;host;x-amz-content-sha256;x-amz-date,"
                + "Signature=").doesNotContain(SECRET);
        assertThat(put.header("Host")).isEqualTo("127.0.0.1:" + server.getAddress().getPort());
    }

    @Test
    void aStreamThatCannotBeReReadIsSpooledNotHeldAndTheSpoolIsRemoved() throws Exception {
        byte[] content = new byte[300_000];
        new java.util.Random(7).nextBytes(content);
        InputStream once = new FilterInputStream(new ByteArrayInputStream(content)) {
            @Override
            public boolean markSupported() {
                return false;
            }
        };
        sink(endpoint(), LOOPBACK_SERVER_RULES).put("arn:aws:s3:::b", "k", once, content.length, null);
        assertThat(received).hasSize(1);
        assertThat(received.get(0).body()).isEqualTo(content);
        assertThat(received.get(0).header("Content-Encoding")).isNull();
        assertThat(received.get(0).header("x-amz-content-sha256")).isEqualTo(SigV4Signer.sha256Hex(content));
        try (var left = Files.list(spool)) {
            assertThat(left).isEmpty();
        }
    }

    @Test
    void anS3ErrorBecomesADeliveryFailureNamedByItsCode() {
        status.set(new int[] {403});
        answer.set("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>AccessDenied</Code>"
                + "<Message>Access Denied</Message><RequestId>R</RequestId></Error>");
        assertThatThrownBy(() -> put(sink(endpoint(), LOOPBACK_SERVER_RULES)))
                .isInstanceOfSatisfying(DeliveryFailure.class, f -> {
                    assertThat(f.errorCode()).isEqualTo("S3.AccessDenied");
                    assertThat(f.getMessage()).contains("Access Denied");
                });
        status.set(new int[] {404});
        answer.set("<Error><Code>NoSuchBucket</Code><Message>The specified bucket does not exist</Message>"
                + "<BucketName>b</BucketName></Error>");
        assertThatThrownBy(() -> put(sink(endpoint(), LOOPBACK_SERVER_RULES)))
                .isInstanceOfSatisfying(DeliveryFailure.class, f -> assertThat(f.errorCode()).isEqualTo("S3.NoSuchBucket"));
        status.set(new int[] {500});
        answer.set("not xml <<");
        assertThatThrownBy(() -> put(sink(endpoint(), LOOPBACK_SERVER_RULES)))
                .isInstanceOfSatisfying(DeliveryFailure.class, f -> assertThat(f.errorCode()).isEqualTo("S3.InternalError"));
        status.set(new int[] {503});
        answer.set("");
        assertThatThrownBy(() -> put(sink(endpoint(), LOOPBACK_SERVER_RULES)))
                .isInstanceOfSatisfying(DeliveryFailure.class,
                        f -> assertThat(f.errorCode()).isEqualTo("S3.ServiceUnavailable"));
        assertThat(received).hasSize(4);
    }

    @Test
    void anEndpointThatIsDownIsServiceUnavailable() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        assertThatThrownBy(() -> put(sink("http://127.0.0.1:" + closedPort, LOOPBACK_SERVER_RULES)))
                .isInstanceOfSatisfying(DeliveryFailure.class, f -> {
                    assertThat(f.errorCode()).isEqualTo("S3.ServiceUnavailable");
                    assertThat(f.getMessage()).doesNotContain(SECRET);
                });
    }

    @Test
    void theOutboundRulesComeFirst() throws DeliveryFailure {
        OutboundRules denied = new OutboundRules(List.of(), List.of("127.0.0.1"), true, OutboundRules.SYSTEM_RESOLVER);
        assertThatThrownBy(() -> put(sink(endpoint(), denied))).isInstanceOfSatisfying(DeliveryFailure.class,
                f -> assertThat(f.getMessage()).contains("outbound rules refuse").contains("--delivery-deny"));
        OutboundRules publicServer = new OutboundRules(List.of(), List.of(), false, OutboundRules.SYSTEM_RESOLVER);
        assertThatThrownBy(() -> put(sink(endpoint(), publicServer))).isInstanceOf(DeliveryFailure.class);
        OutboundRules reopened = new OutboundRules(List.of("127.0.0.1"), List.of(), false, OutboundRules.SYSTEM_RESOLVER);
        assertThat(received).isEmpty();
        assertThat(put(sink(endpoint(), reopened))).isEqualTo("\"etag-1\"");
    }

    @Test
    void aBadBucketArnOrAShortBodyIsRefused() {
        RemoteS3Sink sink = sink(endpoint(), LOOPBACK_SERVER_RULES);
        assertThatThrownBy(() -> sink.put("arn:aws:s3:::", "k", InputStream.nullInputStream(), 0, null))
                .isInstanceOfSatisfying(DeliveryFailure.class, f -> assertThat(f.errorCode()).isEqualTo("S3.InvalidBucketArn"));
        assertThatThrownBy(() -> sink.put("arn:aws:s3:::b/x", "k", InputStream.nullInputStream(), 0, null))
                .isInstanceOf(DeliveryFailure.class);
        assertThatThrownBy(() -> sink.put("arn:aws:s3:::b", "k", new ByteArrayInputStream(new byte[3]), 4, null))
                .isInstanceOf(DeliveryFailure.class);
        assertThat(received).isEmpty();
    }

    private static String put(RemoteS3Sink sink) throws DeliveryFailure {
        return sink.put("arn:aws:s3:::b", "key", new ByteArrayInputStream(new byte[] {1, 2, 3}), 3, null);
    }
}
