package io.wharf.s3.engine;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class MultipartTest extends EngineFixture {
    private static final int MIB = 1024 * 1024;

    @BeforeEach
    void createBucket() {
        bucket("bkt");
    }

    private static byte[] filled(int size, int value) {
        byte[] b = new byte[size];
        Arrays.fill(b, (byte) value);
        return b;
    }

    private Upload create(ChecksumAlgorithm algorithm) {
        return engine().multipart().create("bkt", "big", new ContentHeaders("video/mp4", null, null, null, null, null),
                Map.of("m", "1"), Map.of(), algorithm, null, ACCOUNT);
    }

    private Part part(Upload u, int number, byte[] bytes) {
        return engine().multipart().uploadPart("bkt", "big", u.uploadId(), number, body(bytes), null, null, Map.of());
    }

    @Test
    void completeConcatenatesPartsWithTheMd5OfMd5sEtag() throws Exception {
        Upload u = create(null);
        byte[] one = filled(5 * MIB, 1);
        byte[] two = filled(1000, 2);
        Part p1 = part(u, 1, one);
        Part p2 = part(u, 2, two);
        Objects.PutResult r = engine().multipart().complete("bkt", "big", u.uploadId(), List.of(
                new Multipart.CompletedPart(1, p1.quotedEtag(), null),
                new Multipart.CompletedPart(2, p2.quotedEtag(), null)), null, null, ME);
        MessageDigest md5 = MessageDigest.getInstance("MD5");
        md5.update(MessageDigest.getInstance("MD5").digest(one));
        md5.update(MessageDigest.getInstance("MD5").digest(two));
        assertThat(r.etag()).isEqualTo(HexFormat.of().formatHex(md5.digest()) + "-2");
        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        expected.writeBytes(one);
        expected.writeBytes(two);
        assertThat(read("bkt", "big", null)).isEqualTo(expected.toByteArray());
        StoredObject o = engine().objects().head("bkt", "big");
        assertThat(o.partsCount()).isEqualTo(2);
        assertThat(o.headers().contentType()).isEqualTo("video/mp4");
        assertThat(o.checksum().algorithm()).isEqualTo(ChecksumAlgorithm.CRC64NVME);
        assertThat(o.checksum().value()).isEqualTo(ChecksumAlgorithm.CRC64NVME.of(expected.toByteArray()));
        assertThat(engine().files.list()).containsExactly(o.fileId()); // the part files are gone
        assertThat(code(() -> engine().multipart().listParts("bkt", "big", u.uploadId(), null, null)))
                .isEqualTo("NoSuchUpload");
    }

    @Test
    void partsCanBeReadByNumber() throws Exception {
        Upload u = create(null);
        Part p1 = part(u, 1, filled(5 * MIB, 1));
        Part p2 = part(u, 2, filled(7, 2));
        engine().multipart().complete("bkt", "big", u.uploadId(), List.of(
                new Multipart.CompletedPart(1, p1.etag(), null), new Multipart.CompletedPart(2, p2.etag(), null)),
                null, null, ME);
        ObjectRead second = engine().objects().read("bkt", "big", Preconditions.NONE, null, 2, false);
        assertThat(second.range()).isEqualTo(new ByteRange(5 * MIB, 5 * MIB + 6));
        assertThat(code(() -> engine().objects().read("bkt", "big", Preconditions.NONE, null, 3, false)))
                .isEqualTo("InvalidPartNumber");
        assertThat(code(() -> engine().objects().read("bkt", "big", Preconditions.NONE, "bytes=0-1", 1, false)))
                .isEqualTo("InvalidRequest");
        put("bkt", "single", "abc");
        assertThat(engine().objects().read("bkt", "single", Preconditions.NONE, null, 1, false).range()).isNull();
        assertThat(error(() -> engine().objects().read("bkt", "single", Preconditions.NONE, null, 2, false))
                .httpStatus()).isEqualTo(416);
        restart();
        assertThat(engine().objects().head("bkt", "big").partSizes()).containsExactly((long) 5 * MIB, 7L);
    }

    @Test
    void compositeChecksumIsMadeOfThePartChecksums() {
        Upload u = create(ChecksumAlgorithm.SHA256);
        byte[] one = filled(5 * MIB, 3);
        byte[] two = filled(10, 4);
        String c1 = ChecksumAlgorithm.SHA256.of(one);
        String c2 = ChecksumAlgorithm.SHA256.of(two);
        Part p1 = engine().multipart().uploadPart("bkt", "big", u.uploadId(), 1, body(one), null,
                ChecksumAlgorithm.SHA256, Map.of(ChecksumAlgorithm.SHA256, c1));
        Part p2 = engine().multipart().uploadPart("bkt", "big", u.uploadId(), 2, body(two), null,
                ChecksumAlgorithm.SHA256, Map.of(ChecksumAlgorithm.SHA256, c2));
        assertThat(p1.checksum()).isEqualTo(c1);
        Objects.PutResult r = engine().multipart().complete("bkt", "big", u.uploadId(), List.of(
                new Multipart.CompletedPart(1, p1.etag(), c1), new Multipart.CompletedPart(2, p2.etag(), c2)),
                null, null, ME);
        byte[] concat = new byte[64];
        System.arraycopy(Base64.getDecoder().decode(c1), 0, concat, 0, 32);
        System.arraycopy(Base64.getDecoder().decode(c2), 0, concat, 32, 32);
        assertThat(r.checksum().value()).isEqualTo(ChecksumAlgorithm.SHA256.of(concat) + "-2");
        assertThat(r.checksum().type()).isEqualTo(ObjectChecksum.Type.COMPOSITE);
    }

    @Test
    void awsPartRules() {
        Upload u = create(null);
        Part small = part(u, 1, filled(100, 1));
        Part last = part(u, 2, filled(100, 2));
        String id = u.uploadId();
        var mp = engine().multipart();
        assertThat(code(() -> part(u, 0, new byte[1]))).isEqualTo("InvalidArgument");
        assertThat(code(() -> part(u, 10_001, new byte[1]))).isEqualTo("InvalidArgument");
        var tooSmall = error(() -> mp.complete("bkt", "big", id, List.of(
                new Multipart.CompletedPart(1, small.etag(), null), new Multipart.CompletedPart(2, last.etag(), null)),
                null, null, ME));
        assertThat(tooSmall.code()).isEqualTo("EntityTooSmall");
        assertThat(code(() -> mp.complete("bkt", "big", id, List.of(new Multipart.CompletedPart(2, last.etag(), null),
                new Multipart.CompletedPart(1, small.etag(), null)), null, null, ME))).isEqualTo("InvalidPartOrder");
        assertThat(code(() -> mp.complete("bkt", "big", id, List.of(new Multipart.CompletedPart(1, "\"0000\"", null)),
                null, null, ME))).isEqualTo("InvalidPart");
        assertThat(code(() -> mp.complete("bkt", "big", id, List.of(new Multipart.CompletedPart(3, small.etag(),
                null)), null, null, ME))).isEqualTo("InvalidPart");
        // one small part alone is the last part: fine
        mp.complete("bkt", "big", id, List.of(new Multipart.CompletedPart(1, small.etag(), null)), null, null, ME);
        assertThat(engine().objects().head("bkt", "big").size()).isEqualTo(100);
        assertThat(code(() -> mp.complete("bkt", "big", id, List.of(new Multipart.CompletedPart(1, small.etag(),
                null)), null, null, ME))).isEqualTo("NoSuchUpload");
    }

    @Test
    void abortListAndReplaceParts() throws Exception {
        Upload u = create(null);
        Part first = part(u, 1, filled(10, 1));
        Part again = part(u, 1, filled(20, 1));
        part(u, 2, filled(10, 1));
        part(u, 3, filled(10, 1));
        assertThat(again.etag()).isNotEqualTo(first.etag());
        var page = engine().multipart().listParts("bkt", "big", u.uploadId(), 2, null);
        assertThat(page.parts()).extracting(Part::number).containsExactly(1, 2);
        assertThat(page.parts().get(0).size()).isEqualTo(20);
        assertThat(page.truncated()).isTrue();
        assertThat(engine().multipart().listParts("bkt", "big", u.uploadId(), 2, page.nextMarker()).parts())
                .extracting(Part::number).containsExactly(3);
        Upload other = engine().multipart().create("bkt", "dir/x", ContentHeaders.NONE, Map.of(), Map.of(), null,
                null, ACCOUNT);
        var uploads = engine().multipart().listUploads("bkt", null, null, null, null, null);
        assertThat(uploads.uploads()).extracting(Upload::key).containsExactly("big", "dir/x");
        assertThat(engine().multipart().listUploads("bkt", null, "/", null, null, null).commonPrefixes())
                .containsExactly("dir/");
        assertThat(engine().files.list()).hasSize(3);
        engine().multipart().abort("bkt", "big", u.uploadId());
        assertThat(engine().files.list()).isEmpty();
        assertThat(code(() -> engine().multipart().abort("bkt", "big", u.uploadId()))).isEqualTo("NoSuchUpload");
        assertThat(code(() -> part(u, 4, new byte[1]))).isEqualTo("NoSuchUpload");
        assertThat(code(() -> engine().multipart().listParts("bkt", "wrong-key", other.uploadId(), null, null)))
                .isEqualTo("NoSuchUpload");
    }

    @Test
    void uploadPartCopyTakesARange() throws Exception {
        put("bkt", "src", "0123456789");
        Upload u = create(null);
        Part p = engine().multipart().uploadPartCopy("bkt", "big", u.uploadId(), 1, Objects.CopySource.parse("bkt/src"),
                "bytes=2-5", Preconditions.NONE);
        assertThat(p.size()).isEqualTo(4);
        assertThat(code(() -> engine().multipart().uploadPartCopy("bkt", "big", u.uploadId(), 2,
                Objects.CopySource.parse("bkt/src"), "bytes=5-10", Preconditions.NONE))).isEqualTo("InvalidArgument");
        engine().multipart().complete("bkt", "big", u.uploadId(), List.of(new Multipart.CompletedPart(1, p.etag(),
                null)), null, null, ME);
        assertThat(readString("bkt", "big")).isEqualTo("2345");
    }

    @Test
    void conditionalCompleteConflictsWithAWriteDuringTheUpload() {
        Upload u = create(null);
        Part p = part(u, 1, filled(10, 1));
        put("bkt", "big", "written meanwhile");
        assertThat(code(() -> engine().multipart().complete("bkt", "big", u.uploadId(),
                List.of(new Multipart.CompletedPart(1, p.etag(), null)), null, "*", ME)))
                .isEqualTo("PreconditionFailed");
        String etag = engine().objects().head("bkt", "big").quotedEtag();
        assertThat(code(() -> engine().multipart().complete("bkt", "big", u.uploadId(),
                List.of(new Multipart.CompletedPart(1, p.etag(), null)), etag, null, ME)))
                .isEqualTo("ConditionalRequestConflict");
    }
}
