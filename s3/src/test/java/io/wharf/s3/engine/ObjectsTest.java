package io.wharf.s3.engine;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ObjectsTest extends EngineFixture {
    private static final byte[] HELLO = "hello world".getBytes(StandardCharsets.UTF_8);

    @BeforeEach
    void createBucket() {
        bucket("bkt");
    }

    private static String md5(byte[] b) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(b));
    }

    @Test
    void putThenGetStreamsTheBytesWithTheMd5Etag() throws Exception {
        Objects.PutResult r = engine().objects().put(new PutRequest("bkt", "dir/a.txt", body(HELLO),
                new ContentHeaders("text/plain", "identity", "inline", "en", "no-cache", "Thu, 01 Dec 1994 16:00:00 GMT"),
                Map.of("color", "blue"), Map.of("t", "1"), null, null, Map.of(), null, null, ME));
        assertThat(r.etag()).isEqualTo(md5(HELLO));
        assertThat(r.checksum().algorithm()).isEqualTo(ChecksumAlgorithm.CRC64NVME);
        assertThat(readString("bkt", "dir/a.txt")).isEqualTo("hello world");
        StoredObject o = engine().objects().head("bkt", "dir/a.txt");
        assertThat(o.size()).isEqualTo(11);
        assertThat(o.headers().contentType()).isEqualTo("text/plain");
        assertThat(o.headers().cacheControl()).isEqualTo("no-cache");
        assertThat(o.metadata()).containsEntry("color", "blue");
        assertThat(o.tags()).containsEntry("t", "1");
        assertThat(o.lastModified()).isEqualTo(clock.millis());
    }

    @Test
    void defaultContentTypeAndEmptyObjects() throws Exception {
        engine().objects().put(put("bkt", "empty", new byte[0]));
        assertThat(engine().objects().head("bkt", "empty").headers().contentType()).isEqualTo("binary/octet-stream");
        assertThat(read("bkt", "empty", null)).isEmpty();
        assertThat(engine().objects().head("bkt", "empty").etag()).isEqualTo("d41d8cd98f00b204e9800998ecf8427e");
    }

    @Test
    void missingBucketOrKey() {
        assertThat(code(() -> put("nope", "k", "v"))).isEqualTo("NoSuchBucket");
        assertThat(error(() -> engine().objects().head("bkt", "k")).httpStatus()).isEqualTo(404);
        assertThat(code(() -> engine().objects().read("bkt", "k", Preconditions.NONE, null, true)))
                .isEqualTo("NoSuchKey");
        assertThat(code(() -> put("bkt", "k".repeat(1025), "v"))).isEqualTo("KeyTooLongError");
    }

    @Test
    void contentMd5IsVerified() throws Exception {
        String good = Base64.getEncoder().encodeToString(MessageDigest.getInstance("MD5").digest(HELLO));
        String other = Base64.getEncoder().encodeToString(MessageDigest.getInstance("MD5").digest(new byte[1]));
        engine().objects().put(withMd5(good));
        assertThat(code(() -> engine().objects().put(withMd5(other)))).isEqualTo("BadDigest");
        assertThat(code(() -> engine().objects().put(withMd5("abc")))).isEqualTo("InvalidDigest");
        assertThat(engine().files.list()).hasSize(1); // refused bodies leave no file behind
    }

    private static PutRequest withMd5(String md5) {
        return new PutRequest("bkt", "k", body(HELLO), ContentHeaders.NONE, Map.of(), Map.of(), md5, null, Map.of(),
                null, null, ME);
    }

    @Test
    void sentChecksumsAreVerifiedFromHeadersAndTrailers() throws Exception {
        String crc32 = ChecksumAlgorithm.CRC32.of(HELLO);
        Objects.PutResult r = engine().objects().put(new PutRequest("bkt", "h", body(HELLO), ContentHeaders.NONE,
                Map.of(), Map.of(), null, ChecksumAlgorithm.CRC32, Map.of(ChecksumAlgorithm.CRC32, crc32), null, null,
                ME));
        assertThat(r.checksum().value()).isEqualTo(crc32);
        // a trailer for an algorithm nobody announced is still checked (the file is read again)
        String sha = ChecksumAlgorithm.SHA256.of(HELLO);
        r = engine().objects().put(new PutRequest("bkt", "t", body(HELLO, Map.of("x-amz-checksum-sha256", sha)),
                ContentHeaders.NONE, Map.of(), Map.of(), null, null, Map.of(), null, null, ME));
        assertThat(r.checksum()).isEqualTo(new ObjectChecksum(ChecksumAlgorithm.SHA256, sha,
                ObjectChecksum.Type.FULL_OBJECT));
        String wrong = ChecksumAlgorithm.CRC32C.of(new byte[3]);
        var e = error(() -> engine().objects().put(new PutRequest("bkt", "x", body(HELLO,
                Map.of("x-amz-checksum-crc32c", wrong)), ContentHeaders.NONE, Map.of(), Map.of(), null,
                ChecksumAlgorithm.CRC32C, Map.of(), null, null, ME)));
        assertThat(e.code()).isEqualTo("BadDigest");
        assertThat(e.getMessage()).isEqualTo("The CRC32C you specified did not match the calculated checksum.");
        assertThat(code(() -> engine().objects().put(new PutRequest("bkt", "x", body(HELLO), ContentHeaders.NONE,
                Map.of(), Map.of(), null, null, Map.of(ChecksumAlgorithm.CRC32, "bad"), null, null, ME))))
                .isEqualTo("InvalidRequest");
        assertThat(code(() -> engine().objects().put(new PutRequest("bkt", "x", body(HELLO), ContentHeaders.NONE,
                Map.of(), Map.of(), null, ChecksumAlgorithm.SHA1, Map.of(), null, null, ME))))
                .isEqualTo("InvalidRequest");
        assertThat(code(() -> engine().objects().head("bkt", "x"))).isEqualTo("NoSuchKey");
    }

    @Test
    void rangesAreSingleAndClipped() throws Exception {
        put("bkt", "r", "0123456789");
        assertThat(new String(read("bkt", "r", "bytes=2-4"))).isEqualTo("234");
        assertThat(new String(read("bkt", "r", "bytes=7-"))).isEqualTo("789");
        assertThat(new String(read("bkt", "r", "bytes=-3"))).isEqualTo("789");
        assertThat(new String(read("bkt", "r", "bytes=8-100"))).isEqualTo("89");
        assertThat(new String(read("bkt", "r", "bytes=5-2"))).isEqualTo("0123456789"); // ignored, as S3 does
        assertThat(new String(read("bkt", "r", "bytes=0-1,4-5"))).isEqualTo("0123456789");
        var e = error(() -> engine().objects().read("bkt", "r", Preconditions.NONE, "bytes=10-", false));
        assertThat(e.code()).isEqualTo("InvalidRange");
        assertThat(e.httpStatus()).isEqualTo(416);
        ObjectRead head = engine().objects().read("bkt", "r", Preconditions.NONE, "bytes=2-4", false);
        assertThat(head.range().contentRange(10)).isEqualTo("bytes 2-4/10");
        assertThat(head.channel()).isNull();
    }

    @Test
    void readConditionsInAwsOrder() {
        Objects.PutResult r = put("bkt", "c", "v");
        String etag = r.quotedEtag();
        long modified = clock.millis();
        long before = modified - 60_000;
        long after = modified + 60_000;
        var objects = engine().objects();
        objects.read("bkt", "c", new Preconditions(etag, null, null, null), null, false);
        assertThat(error(() -> objects.read("bkt", "c", new Preconditions("\"other\"", null, null, null), null, false))
                .httpStatus()).isEqualTo(412);
        assertThat(code(() -> objects.read("bkt", "c", new Preconditions(null, etag, null, null), null, false)))
                .isEqualTo("NotModified");
        assertThat(code(() -> objects.read("bkt", "c", new Preconditions(null, null, after, null), null, false)))
                .isEqualTo("NotModified");
        objects.read("bkt", "c", new Preconditions(null, null, before, null), null, false);
        assertThat(code(() -> objects.read("bkt", "c", new Preconditions(null, null, null, before), null, false)))
                .isEqualTo("PreconditionFailed");
        // If-Match true wins over If-Unmodified-Since false; If-None-Match false wins over If-Modified-Since false
        objects.read("bkt", "c", new Preconditions(etag, null, null, before), null, false);
        objects.read("bkt", "c", new Preconditions(null, "\"other\"", after, null), null, false);
        // 412 comes before 304
        assertThat(code(() -> objects.read("bkt", "c", new Preconditions("\"x\"", etag, null, null), null, false)))
                .isEqualTo("PreconditionFailed");
        objects.read("bkt", "c", new Preconditions("*", null, null, null), null, false);
    }

    @Test
    void conditionalWrites() {
        Objects.PutResult first = engine().objects().put(conditional("v1", null, "*"));
        assertThat(code(() -> engine().objects().put(conditional("v2", null, "*")))).isEqualTo("PreconditionFailed");
        assertThat(code(() -> engine().objects().put(conditional("v2", "\"nope\"", null))))
                .isEqualTo("PreconditionFailed");
        engine().objects().put(conditional("v2", first.quotedEtag(), null));
        assertThat(code(() -> engine().objects().put(new PutRequest("bkt", "fresh", body(HELLO), ContentHeaders.NONE,
                Map.of(), Map.of(), null, null, Map.of(), "\"x\"", null, ME)))).isEqualTo("NoSuchKey");
        assertThat(code(() -> engine().objects().put(conditional("v3", null, "\"abc\"")))).isEqualTo("NotImplemented");
    }

    private static PutRequest conditional(String content, String ifMatch, String ifNoneMatch) {
        return new PutRequest("bkt", "cw", body(content.getBytes(StandardCharsets.UTF_8)), ContentHeaders.NONE,
                Map.of(), Map.of(), null, null, Map.of(), ifMatch, ifNoneMatch, ME);
    }

    @Test
    void replacingAndDeletingRemoveTheOldFile() throws Exception {
        put("bkt", "k", "one");
        put("bkt", "k", "two");
        assertThat(readString("bkt", "k")).isEqualTo("two");
        assertThat(engine().files.list()).hasSize(1);
        assertThat(engine().objects().delete("bkt", "k", ME)).isTrue();
        assertThat(engine().objects().delete("bkt", "k", ME)).isFalse();
        assertThat(engine().files.list()).isEmpty();
    }

    @Test
    void aReaderKeepsTheVersionItOpened() throws Exception {
        put("bkt", "k", "old content");
        ObjectRead open = engine().objects().read("bkt", "k", Preconditions.NONE, null, true);
        put("bkt", "k", "new");
        engine().objects().delete("bkt", "k", ME);
        var out = new java.io.ByteArrayOutputStream();
        open.writeTo(new io.wharf.protocol.wire.WireResponse.Sink() {
            @Override
            public void write(byte[] chunk) {
                out.writeBytes(chunk);
            }

            @Override
            public boolean open() {
                return true;
            }
        });
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("old content");
    }

    @Test
    void deleteManyAnswersPerKey() {
        put("bkt", "a", "1");
        put("bkt", "b", "2");
        var outcomes = engine().objects().deleteMany("bkt", List.of("a", "missing", "k".repeat(2000)), ME);
        assertThat(outcomes).extracting(Objects.DeleteOutcome::key).hasSize(3);
        assertThat(outcomes.get(0).error()).isNull();
        assertThat(outcomes.get(1).error()).isNull();
        assertThat(outcomes.get(2).error().code()).isEqualTo("KeyTooLongError");
        assertThat(code(() -> engine().objects().head("bkt", "a"))).isEqualTo("NoSuchKey");
        engine().objects().head("bkt", "b");
    }

    @Test
    void copyWithDirectivesAndConditions() throws Exception {
        engine().objects().put(new PutRequest("bkt", "src key+1", body(HELLO), new ContentHeaders("text/plain", null,
                null, null, null, null), Map.of("m", "1"), Map.of("t", "1"), null, null, Map.of(), null, null, ME));
        clock.advance(Duration.ofSeconds(5));
        var source = Objects.CopySource.parse("/bkt/src%20key%2B1");
        assertThat(source.key()).isEqualTo("src key+1");
        Objects.PutResult copied = engine().objects().copy(copy(source, "dst", false, Preconditions.NONE));
        StoredObject dst = engine().objects().head("bkt", "dst");
        assertThat(copied.etag()).isEqualTo(md5(HELLO));
        assertThat(dst.headers().contentType()).isEqualTo("text/plain");
        assertThat(dst.metadata()).containsEntry("m", "1");
        assertThat(dst.tags()).containsEntry("t", "1");
        assertThat(dst.lastModified()).isEqualTo(clock.millis());
        assertThat(readString("bkt", "dst")).isEqualTo("hello world");

        engine().objects().copy(copy(source, "replaced", true, Preconditions.NONE));
        assertThat(engine().objects().head("bkt", "replaced").metadata()).containsEntry("new", "yes")
                .doesNotContainKey("m");
        assertThat(engine().objects().head("bkt", "replaced").headers().contentType()).isEqualTo("binary/octet-stream");

        assertThat(code(() -> engine().objects().copy(copy(source, "src key+1", false, Preconditions.NONE))))
                .isEqualTo("InvalidRequest");
        engine().objects().copy(copy(source, "src key+1", true, Preconditions.NONE));
        assertThat(code(() -> engine().objects().copy(copy(source, "x", false,
                new Preconditions("\"other\"", null, null, null))))).isEqualTo("PreconditionFailed");
        assertThat(code(() -> engine().objects().copy(copy(Objects.CopySource.parse("bkt/missing"), "x", false,
                Preconditions.NONE)))).isEqualTo("NoSuchKey");
        assertThat(code(() -> Objects.CopySource.parse("just-a-bucket"))).isEqualTo("InvalidArgument");
    }

    @Test
    void userMetadataOverTwoKilobytesIsMetadataTooLarge() {
        // 2,048 bytes of names and values, counted in UTF-8 (ü is two bytes): exactly at the limit is accepted
        Map<String, String> atLimit = Map.of("k", "ü".repeat(1000) + "v".repeat(47));
        engine().objects().put(new PutRequest("bkt", "ok", body(HELLO), ContentHeaders.NONE, atLimit, Map.of(), null,
                null, Map.of(), null, null, ME));
        Map<String, String> over = Map.of("k", "ü".repeat(1000) + "v".repeat(48));
        var e = error(() -> engine().objects().put(new PutRequest("bkt", "big", body(HELLO), ContentHeaders.NONE,
                over, Map.of(), null, null, Map.of(), null, null, ME)));
        assertThat(e.code()).isEqualTo("MetadataTooLarge");
        assertThat(e.httpStatus()).isEqualTo(400);
        assertThat(code(() -> engine().objects().head("bkt", "big"))).isEqualTo("NoSuchKey");

        // CopyObject checks the metadata it replaces, never the source's it keeps
        var source = Objects.CopySource.parse("bkt/ok");
        assertThat(code(() -> engine().objects().copy(new Objects.CopyRequest("bkt", "copy", source,
                Preconditions.NONE, true, ContentHeaders.NONE, over, false, Map.of(), null, null, null, false, ME))))
                .isEqualTo("MetadataTooLarge");
        engine().objects().copy(new Objects.CopyRequest("bkt", "copy", source, Preconditions.NONE, false,
                ContentHeaders.NONE, over, false, Map.of(), null, null, null, false, ME));
        assertThat(engine().objects().head("bkt", "copy").metadata()).isEqualTo(atLimit);

        assertThat(code(() -> engine().multipart().create("bkt", "mpu", ContentHeaders.NONE, over, Map.of(), null,
                null, ACCOUNT))).isEqualTo("MetadataTooLarge");
    }

    private static Objects.CopyRequest copy(Objects.CopySource source, String key, boolean replace,
                                            Preconditions conditions) {
        return new Objects.CopyRequest("bkt", key, source, conditions, replace, ContentHeaders.NONE,
                Map.of("new", "yes"), false, Map.of(), null, null, null, false, ME);
    }

    @Test
    void objectTagging() {
        put("bkt", "k", "v");
        engine().objects().putTagging("bkt", "k", List.of(new Tags.Tag("a", "1"), new Tags.Tag("b", "")));
        assertThat(engine().objects().tagging("bkt", "k")).containsEntry("a", "1").containsEntry("b", "");
        List<Tags.Tag> eleven = java.util.stream.IntStream.range(0, 11).mapToObj(i -> new Tags.Tag("k" + i, "v"))
                .toList();
        assertThat(code(() -> engine().objects().putTagging("bkt", "k", eleven))).isEqualTo("BadRequest");
        assertThat(code(() -> engine().objects().putTagging("bkt", "k", List.of(new Tags.Tag("", "v")))))
                .isEqualTo("InvalidTag");
        assertThat(code(() -> engine().objects().putTagging("bkt", "k",
                List.of(new Tags.Tag("k", "v".repeat(257)))))).isEqualTo("InvalidTag");
        engine().objects().deleteTagging("bkt", "k");
        assertThat(engine().objects().tagging("bkt", "k")).isEmpty();
        assertThat(Tags.fromHeader("a=1&b=two%20words")).containsEntry("b", "two words");
        assertThat(code(() -> Tags.fromHeader("a=1&a=2"))).isEqualTo("InvalidArgument");
    }
}
