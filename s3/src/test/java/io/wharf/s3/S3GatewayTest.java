package io.wharf.s3;

import io.wharf.protocol.GatewaySettings;
import io.wharf.protocol.ServiceGateway;
import io.wharf.protocol.wire.WireRequest;
import io.wharf.protocol.wire.WireResponse;
import io.wharf.storage.MemoryStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/** S3Service through the real gateway and the S3 model, no socket: what the wire looks like. */
class S3GatewayTest {
    @TempDir
    Path dir;
    private final List<String> delivered = new CopyOnWriteArrayList<>();
    private S3Service s3;
    private ServiceGateway gateway;

    @BeforeEach
    void start() {
        s3 = S3Service.create(new MemoryStore(), Clock.systemUTC(), dir, new EventTargets() {
            @Override
            public void toQueue(String queueArn, String bucketArn, String message) {
                delivered.add(message);
            }

            @Override
            public void toTopic(String topicArn, String bucketArn, String subject, String message) {
                delivered.add(message);
            }
        });
        gateway = new ServiceGateway(List.of(s3), new GatewaySettings("000000000000", "us-east-1", "localhost:4566"));
        assertThat(call("PUT", "/bkt", "").status()).isEqualTo(200);
    }

    @AfterEach
    void stop() {
        s3.close();
    }

    private WireResponse call(String method, String uri, String body, String... headers) {
        int q = uri.indexOf('?');
        String path = q < 0 ? uri : uri.substring(0, q);
        String query = q < 0 ? "" : uri.substring(q + 1);
        Map<String, List<String>> params = new LinkedHashMap<>();
        for (String pair : query.split("&")) {
            if (!pair.isEmpty()) {
                int eq = pair.indexOf('=');
                params.put(eq < 0 ? pair : pair.substring(0, eq), List.of(eq < 0 ? "" : pair.substring(eq + 1)));
            }
        }
        Map<String, String> h = new LinkedHashMap<>();
        h.put("host", "localhost:4566");
        h.put("authorization", "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20260101/us-east-1/s3/aws4_request, "
                + "SignedHeaders=host, Signature=00");
        for (int i = 0; i < headers.length; i += 2) {
            h.put(headers[i].toLowerCase(java.util.Locale.ROOT), headers[i + 1]);
        }
        return gateway.handle(new WireRequest(method, path, params, h, body.getBytes(StandardCharsets.UTF_8),
                new WireRequest.Origin(path, query, "127.0.0.1", false)));
    }

    private static String text(WireResponse r) {
        return new String(r.body(), StandardCharsets.UTF_8);
    }

    private static String streamed(WireResponse r) throws Exception {
        if (r.stream() == null) {
            return text(r);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        r.stream().writeTo(new WireResponse.Sink() {
            @Override
            public void write(byte[] chunk) {
                out.writeBytes(chunk);
            }

            @Override
            public boolean open() {
                return true;
            }
        });
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void errorsCarryS3sElements() {
        WireResponse missing = call("GET", "/bkt/nope", "");
        assertThat(missing.status()).isEqualTo(404);
        assertThat(text(missing)).contains("<Code>NoSuchKey</Code>", "<Message>The specified key does not exist."
                + "</Message>", "<Key>nope</Key>");
        assertThat(text(call("DELETE", "/other", ""))).contains("<Code>NoSuchBucket</Code>",
                "<BucketName>other</BucketName>");
        assertThat(call("GET", "/bkt?acl", "").status()).isEqualTo(501);
    }

    @Test
    void rangesAre206AndConditionsAre304WithoutABody() throws Exception {
        WireResponse put = call("PUT", "/bkt/k", "0123456789");
        String etag = put.headers().get("ETag");
        assertThat(etag).isEqualTo("\"781e5e245d69b566979b86e28d23f2c7\"");
        assertThat(put.headers()).containsKey("x-amz-checksum-crc64nvme");
        WireResponse part = call("GET", "/bkt/k", "", "Range", "bytes=2-4");
        assertThat(part.status()).isEqualTo(206);
        assertThat(part.headers()).containsEntry("Content-Range", "bytes 2-4/10").containsEntry("Content-Length", "3");
        assertThat(streamed(part)).isEqualTo("234");
        WireResponse notModified = call("GET", "/bkt/k", "", "If-None-Match", etag);
        assertThat(notModified.status()).isEqualTo(304);
        assertThat(notModified.body()).isEmpty();
        WireResponse invalid = call("GET", "/bkt/k", "", "Range", "bytes=20-");
        assertThat(invalid.status()).isEqualTo(416);
        assertThat(invalid.headers()).containsEntry("Content-Range", "bytes */10");
        assertThat(text(invalid)).contains("<Code>InvalidRange</Code>", "<ActualObjectSize>10</ActualObjectSize>");
    }

    @Test
    void notificationConfigurationRoundTripsAsTheSdkSendsIt() {
        String xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><NotificationConfiguration xmlns=\"http://s3.amazonaws"
                + ".com/doc/2006-03-01/\"><QueueConfiguration><Id>logs</Id><Queue>arn:aws:sqs:us-east-1:000000000000:q"
                + "</Queue><Event>s3:ObjectCreated:*</Event><Event>s3:ObjectRemoved:Delete</Event><Filter><S3Key>"
                + "<FilterRule><Name>Prefix</Name><Value>logs/</Value></FilterRule></S3Key></Filter>"
                + "</QueueConfiguration></NotificationConfiguration>";
        assertThat(call("PUT", "/bkt?notification", xml).status()).isEqualTo(200);
        assertThat(delivered).hasSize(1);
        assertThat(delivered.get(0)).contains("\"Event\":\"s3:TestEvent\"");
        String got = text(call("GET", "/bkt?notification", ""));
        assertThat(got).contains("<Id>logs</Id>", "<Queue>arn:aws:sqs:us-east-1:000000000000:q</Queue>",
                "<Event>s3:ObjectCreated:*</Event>", "<Name>Prefix</Name><Value>logs/</Value>");
    }

    @Test
    void listingsAndDeleteObjects() {
        call("PUT", "/bkt/a%20b", "1");
        call("PUT", "/bkt/dir/c", "2");
        String listing = text(call("GET", "/bkt?list-type=2&delimiter=/&encoding-type=url", ""));
        assertThat(listing).contains("<ListBucketResult", "<Key>a+b</Key>", "<CommonPrefixes><Prefix>dir/</Prefix>",
                "<KeyCount>2</KeyCount>", "<EncodingType>url</EncodingType>");
        String deleted = text(call("POST", "/bkt?delete", "<Delete><Object><Key>a b</Key></Object>"
                + "<Object><Key>dir/c</Key></Object></Delete>"));
        assertThat(deleted).contains("<DeleteResult", "<Deleted><Key>a b</Key></Deleted>");
    }
}
