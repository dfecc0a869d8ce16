package io.wharf.it.s3.aws;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Objects as AWS documents them: Range GETs (RFC 9110 byte ranges, 206 with Content-Range, 416 InvalidRange),
 * conditional reads (304 and 412) and writes (If-None-Match {@code *}, If-Match), user metadata and the stored
 * Content-* headers, response header overrides, HEAD and DELETE.
 */
class S3ObjectsIT extends S3TestBase {
    private static String bucket;
    private static final byte[] HUNDRED = bytes(100, 100);

    @BeforeAll
    static void objects() {
        bucket = bucket("objects");
        s3().putObject(r -> r.bucket(bucket).key("hundred"), RequestBody.fromBytes(HUNDRED));
    }

    private static ResponseBytes<GetObjectResponse> range(String range) {
        return s3().getObjectAsBytes(r -> r.bucket(bucket).key("hundred").range(range));
    }

    @Test
    void rangeGetsAnswerPartialContent() {
        ResponseBytes<GetObjectResponse> first = range("bytes=0-9");
        assertThat(first.response().sdkHttpResponse().statusCode()).isEqualTo(206);
        assertThat(first.asByteArray()).isEqualTo(Arrays.copyOfRange(HUNDRED, 0, 10));
        assertThat(first.response().contentRange()).isEqualTo("bytes 0-9/100");
        assertThat(first.response().contentLength()).isEqualTo(10);
        assertThat(first.response().acceptRanges()).isEqualTo("bytes");

        assertThat(range("bytes=90-").asByteArray()).isEqualTo(Arrays.copyOfRange(HUNDRED, 90, 100));
        ResponseBytes<GetObjectResponse> suffix = range("bytes=-5");
        assertThat(suffix.asByteArray()).isEqualTo(Arrays.copyOfRange(HUNDRED, 95, 100));
        assertThat(suffix.response().contentRange()).isEqualTo("bytes 95-99/100");
        // a last byte past the end is cut to the object's end
        ResponseBytes<GetObjectResponse> past = range("bytes=95-1000");
        assertThat(past.asByteArray()).isEqualTo(Arrays.copyOfRange(HUNDRED, 95, 100));
        assertThat(past.response().contentRange()).isEqualTo("bytes 95-99/100");
        // the whole object still has its ETag
        assertThat(first.response().eTag()).isEqualTo(etagOf(HUNDRED));
    }

    @Test
    void aRangeThatStartsPastTheEndIsInvalidRange() {
        assertS3Error(416, "InvalidRange", () -> range("bytes=100-200"));
        assertS3Error(416, "InvalidRange", () -> range("bytes=500-"));
    }

    @Test
    void anUnparseableRangeIsIgnoredAndTheWholeObjectAnswered() {
        // RFC 9110: a Range a server does not understand is ignored; S3 answers 200 with the whole object
        ResponseBytes<GetObjectResponse> whole = range("bytes=abc");
        assertThat(whole.response().sdkHttpResponse().statusCode()).isEqualTo(200);
        assertThat(whole.asByteArray()).isEqualTo(HUNDRED);
    }

    @Test
    void conditionalReads() {
        String etag = etagOf(HUNDRED);
        Instant modified = s3().headObject(r -> r.bucket(bucket).key("hundred")).lastModified();
        assertThat(s3().getObjectAsBytes(r -> r.bucket(bucket).key("hundred").ifMatch(etag)).asByteArray())
                .isEqualTo(HUNDRED);
        assertS3Error(412, "PreconditionFailed",
                () -> s3().getObjectAsBytes(r -> r.bucket(bucket).key("hundred").ifMatch("\"0123\"")));
        assertS3Error(304, null,
                () -> s3().getObjectAsBytes(r -> r.bucket(bucket).key("hundred").ifNoneMatch(etag)));
        assertS3Error(304, null, () -> s3().getObjectAsBytes(r -> r.bucket(bucket).key("hundred")
                .ifModifiedSince(modified.plus(1, ChronoUnit.HOURS))));
        assertS3Error(412, "PreconditionFailed", () -> s3().getObjectAsBytes(r -> r.bucket(bucket).key("hundred")
                .ifUnmodifiedSince(modified.minus(1, ChronoUnit.HOURS))));
        assertThat(s3().getObjectAsBytes(r -> r.bucket(bucket).key("hundred")
                .ifModifiedSince(modified.minus(1, ChronoUnit.HOURS))).asByteArray()).isEqualTo(HUNDRED);
        // HEAD answers the same conditions, without a body
        assertS3Error(412, null, () -> s3().headObject(r -> r.bucket(bucket).key("hundred").ifMatch("\"0123\"")));
        assertS3Error(304, null, () -> s3().headObject(r -> r.bucket(bucket).key("hundred").ifNoneMatch(etag)));
    }

    @Test
    void conditionalWrites() {
        String key = "conditional";
        String first = s3().putObject(r -> r.bucket(bucket).key(key).ifNoneMatch("*"),
                RequestBody.fromString("first")).eTag();
        var taken = assertS3Error(412, "PreconditionFailed", () -> s3().putObject(
                r -> r.bucket(bucket).key(key).ifNoneMatch("*"), RequestBody.fromString("second")));
        assertThat(taken.awsErrorDetails().errorMessage())
                .isEqualTo("At least one of the pre-conditions you specified did not hold");
        assertS3Error(412, "PreconditionFailed", () -> s3().putObject(
                r -> r.bucket(bucket).key(key).ifMatch("\"00000000000000000000000000000000\""),
                RequestBody.fromString("third")));
        assertThat(s3().getObjectAsBytes(r -> r.bucket(bucket).key(key)).asUtf8String()).isEqualTo("first");
        s3().putObject(r -> r.bucket(bucket).key(key).ifMatch(first), RequestBody.fromString("fourth"));
        assertThat(s3().getObjectAsBytes(r -> r.bucket(bucket).key(key)).asUtf8String()).isEqualTo("fourth");
        // If-Match on a key that is not there: the object is missing, not the tag wrong
        assertS3Error(404, "NoSuchKey", () -> s3().putObject(
                r -> r.bucket(bucket).key("never-written").ifMatch(first), RequestBody.fromString("x")));
    }

    @Test
    void userMetadataAndContentHeadersAreStoredAndAnswered() {
        Instant expires = Instant.parse("2030-01-02T03:04:05Z");
        s3().putObject(r -> r.bucket(bucket).key("described.json")
                        .metadata(Map.of("Color", "blue", "x-note", "two words"))
                        .contentType("application/json")
                        .contentEncoding("identity")
                        .contentDisposition("attachment; filename=\"d.json\"")
                        .contentLanguage("en-GB")
                        .cacheControl("max-age=60")
                        .expires(expires),
                RequestBody.fromString("{\"a\":1}"));
        HeadObjectResponse head = s3().headObject(r -> r.bucket(bucket).key("described.json"));
        // user metadata names come back lower case (they are HTTP headers x-amz-meta-*)
        assertThat(head.metadata()).containsExactlyInAnyOrderEntriesOf(Map.of("color", "blue", "x-note", "two words"));
        assertThat(head.contentType()).isEqualTo("application/json");
        assertThat(head.contentEncoding()).isEqualTo("identity");
        assertThat(head.contentDisposition()).isEqualTo("attachment; filename=\"d.json\"");
        assertThat(head.contentLanguage()).isEqualTo("en-GB");
        assertThat(head.cacheControl()).isEqualTo("max-age=60");
        assertThat(head.expires()).isEqualTo(expires);
        assertThat(head.contentLength()).isEqualTo(7);
        assertThat(head.eTag()).isEqualTo(etagOf("{\"a\":1}".getBytes()));
        assertThat(head.lastModified()).isNotNull();

        GetObjectResponse got = s3().getObjectAsBytes(r -> r.bucket(bucket).key("described.json")).response();
        assertThat(got.metadata()).containsEntry("color", "blue");
        assertThat(got.contentType()).isEqualTo("application/json");
        assertThat(got.contentDisposition()).isEqualTo("attachment; filename=\"d.json\"");
        assertThat(got.cacheControl()).isEqualTo("max-age=60");
    }

    @Test
    void responseHeaderOverridesReplaceTheStoredOnesForOneGet() {
        s3().putObject(r -> r.bucket(bucket).key("override").contentType("text/plain"), RequestBody.fromString("x"));
        GetObjectResponse got = s3().getObjectAsBytes(r -> r.bucket(bucket).key("override")
                .responseContentType("application/octet-stream")
                .responseContentDisposition("inline")
                .responseCacheControl("no-store")).response();
        assertThat(got.contentType()).isEqualTo("application/octet-stream");
        assertThat(got.contentDisposition()).isEqualTo("inline");
        assertThat(got.cacheControl()).isEqualTo("no-store");
        assertThat(s3().headObject(r -> r.bucket(bucket).key("override")).contentType()).isEqualTo("text/plain");
    }

    @Test
    void anObjectWithoutAContentTypeIsBinary() {
        s3().putObject(r -> r.bucket(bucket).key("untyped"), RequestBody.fromBytes(new byte[] {1, 2, 3}));
        assertThat(s3().headObject(r -> r.bucket(bucket).key("untyped")).contentType())
                .isEqualTo("application/octet-stream");
    }

    @Test
    void overwritingReplacesBodyAndMetadata() {
        s3().putObject(r -> r.bucket(bucket).key("over").metadata(Map.of("v", "1")), RequestBody.fromString("one"));
        s3().putObject(r -> r.bucket(bucket).key("over"), RequestBody.fromString("two!"));
        ResponseBytes<GetObjectResponse> got = s3().getObjectAsBytes(r -> r.bucket(bucket).key("over"));
        assertThat(got.asUtf8String()).isEqualTo("two!");
        assertThat(got.response().metadata()).isEmpty();
    }

    @Test
    void missingObjectsAndDeletes() {
        var missing = assertS3Error(404, "NoSuchKey",
                () -> s3().getObjectAsBytes(r -> r.bucket(bucket).key("no/such/key")));
        assertThat(missing).isInstanceOf(NoSuchKeyException.class);
        assertThat(missing.awsErrorDetails().errorMessage()).isEqualTo("The specified key does not exist.");
        // HEAD has no body: the SDK still reports the 404 as NoSuchKey
        assertThrows(NoSuchKeyException.class, () -> s3().headObject(r -> r.bucket(bucket).key("no/such/key")));
        s3().putObject(r -> r.bucket(bucket).key("doomed"), RequestBody.fromString("x"));
        assertThat(s3().deleteObject(r -> r.bucket(bucket).key("doomed")).sdkHttpResponse().statusCode())
                .isEqualTo(204);
        assertThrows(NoSuchKeyException.class, () -> s3().headObject(r -> r.bucket(bucket).key("doomed")));
        // deleting what is not there succeeds too
        assertThat(s3().deleteObject(r -> r.bucket(bucket).key("doomed")).sdkHttpResponse().statusCode())
                .isEqualTo(204);
    }

    @Test
    void keysWithUnicodeSpacesAndPercentRoundTrip() {
        List<String> failures = new ArrayList<>();
        for (String key : new String[] {"ünïcødé/日本語.txt", "with space+plus&amp=eq?q#h", "100%/%2F%25", "a//b/",
                "emoji-😀", "~tilde!'()*"}) {
            try {
                s3().putObject(r -> r.bucket(bucket).key(key), RequestBody.fromString(key));
                String read = s3().getObjectAsBytes(r -> r.bucket(bucket).key(key)).asUtf8String();
                if (!read.equals(key)) {
                    failures.add(key + ": read back " + read);
                }
            } catch (software.amazon.awssdk.core.exception.SdkException e) {
                failures.add(key + ": " + e.getMessage());
            }
        }
        assertThat(failures).isEmpty();
        assertThat(s3().listObjectsV2(r -> r.bucket(bucket).prefix("100%/")).contents())
                .extracting(o -> o.key()).containsExactly("100%/%2F%25");
    }
}
