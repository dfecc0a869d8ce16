package io.wharf.it.http;

import io.wharf.protocol.wire.WireRequest;
import io.wharf.protocol.wire.WireResponse;
import io.wharf.server.http.HttpFrontDoor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.async.AsyncRequestBody;
import software.amazon.awssdk.core.async.AsyncResponseTransformer;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.Protocol;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3AsyncClient;
import software.amazon.awssdk.services.s3.S3Client;

import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The AWS SDK's S3 clients through the front door alone (a stand-in gateway, no S3 service): PutObject as the SDK
 * sends it by default ({@code Expect: 100-continue}, an {@code aws-chunked} body with a CRC32 trailer) arrives spooled
 * to a file, over HTTP/1.1 (Apache, Netty) and HTTP/2 (Netty, h2c); HeadObject gets the object's Content-Length with no
 * body; a GetObject of more than 2 GiB streams through to the SDK with its Content-Length (a smaller one over HTTP/2).
 */
class ObjectStreamingIT {
    static final long LARGE = 2L * 1024 * 1024 * 1024 + 321;
    /** Over HTTP/2 (the same front-door path up to the stream codec), smaller: CI's time. */
    static final long MEDIUM = 256L * 1024 * 1024 + 5;

    /** What the stand-in gateway saw of an upload, taken while it was served (the file goes after the answer). */
    record Upload(WireRequest request, boolean spooled, long bytesOnDisk) {
    }

    private final List<Upload> uploads = new CopyOnWriteArrayList<>();
    private HttpFrontDoor frontDoor;
    private URI endpoint;

    @BeforeEach
    void start() {
        frontDoor = HttpFrontDoor.bind("127.0.0.1", 0, 16 * 1024 * 1024);
        frontDoor.open(request -> {
            Map<String, String> headers = new LinkedHashMap<>();
            headers.put("ETag", "\"etag\"");
            if (request.method().equals("PUT")) {
                uploads.add(new Upload(request, request.bodyFile() != null && Files.exists(request.bodyFile()),
                        request.bodyLength()));
                return new WireResponse(200, headers, new byte[0]);
            }
            long size = request.path().endsWith("/large") ? LARGE : MEDIUM;
            headers.put("Content-Type", "application/octet-stream");
            headers.put("Content-Length", Long.toString(size));
            return new WireResponse(200, headers, new byte[0], out -> {
                byte[] piece = new byte[1024 * 1024];
                for (long sent = 0; sent < size; sent += piece.length) {
                    out.write(sent + piece.length <= size ? piece : Arrays.copyOf(piece, (int) (size - sent)));
                }
            });
        });
        endpoint = URI.create("http://127.0.0.1:" + frontDoor.port());
    }

    @AfterEach
    void stop() {
        frontDoor.close();
    }

    private static final StaticCredentialsProvider CREDENTIALS =
            StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDEXAMPLE", "secret"));

    private S3AsyncClient async(Protocol protocol) {
        return S3AsyncClient.builder().endpointOverride(endpoint).region(Region.US_EAST_1).forcePathStyle(true)
                .credentialsProvider(CREDENTIALS)
                .httpClientBuilder(NettyNioAsyncHttpClient.builder().protocol(protocol)).build();
    }

    private void checkUploads(int count, int size) {
        assertThat(uploads).hasSize(count).allSatisfy(upload -> {
            assertThat(upload.spooled()).as("spooled to a file").isTrue();
            assertThat(upload.request().body()).isEmpty();
            assertThat(upload.request().header("content-encoding")).contains("aws-chunked");
            assertThat(upload.request().header("x-amz-decoded-content-length")).isEqualTo(Integer.toString(size));
            assertThat(upload.request().header("x-amz-trailer")).isEqualTo("x-amz-checksum-crc32");
            assertThat(upload.bytesOnDisk()).isGreaterThan(size); // the chunk framing is still there
        });
    }

    @Test
    void theSdksDefaultPutObjectIsSpooledOverHttp11AndHttp2() {
        byte[] object = new byte[5 * 1024 * 1024 + 7];
        try (S3Client sync = S3Client.builder().endpointOverride(endpoint).region(Region.US_EAST_1)
                .forcePathStyle(true).credentialsProvider(CREDENTIALS).httpClientBuilder(ApacheHttpClient.builder())
                .build()) {
            assertThat(sync.putObject(b -> b.bucket("bucket").key("sync"), RequestBody.fromBytes(object)).eTag())
                    .isEqualTo("\"etag\"");
        }
        for (Protocol protocol : new Protocol[] {Protocol.HTTP1_1, Protocol.HTTP2}) {
            try (S3AsyncClient client = async(protocol)) {
                assertThat(client.putObject(b -> b.bucket("bucket").key(protocol.name()),
                        AsyncRequestBody.fromBytes(object)).join().eTag()).isEqualTo("\"etag\"");
            }
        }
        checkUploads(3, object.length);
        assertThat(uploads.get(0).request().header("expect")).as("answered by the front door").isNull();
    }

    @Test
    void headKeepsTheLengthAndALargeGetStreamsThrough() throws Exception {
        try (S3Client sync = S3Client.builder().endpointOverride(endpoint).region(Region.US_EAST_1)
                .forcePathStyle(true).credentialsProvider(CREDENTIALS).httpClientBuilder(ApacheHttpClient.builder())
                .build()) {
            assertThat(sync.headObject(b -> b.bucket("bucket").key("large")).contentLength()).isEqualTo(LARGE);
            long received = 0;
            try (InputStream body = sync.getObject(b -> b.bucket("bucket").key("large"))) {
                byte[] buffer = new byte[1024 * 1024];
                for (int n; (n = body.read(buffer)) > 0; ) {
                    received += n;
                }
            }
            assertThat(received).isEqualTo(LARGE);
        }
        try (S3AsyncClient client = async(Protocol.HTTP2)) {
            assertThat(client.headObject(b -> b.bucket("bucket").key("large")).join().contentLength())
                    .isEqualTo(LARGE);
            long[] received = {0};
            client.getObject(b -> b.bucket("bucket").key("medium"), AsyncResponseTransformer.toPublisher()).join()
                    .subscribe(bytes -> received[0] += bytes.remaining()).join();
            assertThat(received[0]).isEqualTo(MEDIUM);
        }
    }
}
