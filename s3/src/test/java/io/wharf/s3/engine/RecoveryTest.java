package io.wharf.s3.engine;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RecoveryTest extends EngineFixture {

    @Test
    void bucketsObjectsAndUploadsSurviveARestart() throws Exception {
        engine().createBucket(ACCOUNT, "eu-west-1", "kept", "eu-west-1");
        engine().putBucketTagging("kept", List.of(new Tags.Tag("a", "b")));
        Objects.PutResult r = engine().objects().put(new PutRequest("kept", "dir/k", body("content".getBytes()),
                new ContentHeaders("text/plain", null, null, null, "max-age=1", null), Map.of("m", "v"),
                Map.of("t", "1"), null, ChecksumAlgorithm.CRC32, Map.of(ChecksumAlgorithm.CRC32,
                ChecksumAlgorithm.CRC32.of("content".getBytes())), null, null, ME));
        Upload u = engine().multipart().create("kept", "mp", ContentHeaders.NONE, Map.of(), Map.of(),
                ChecksumAlgorithm.CRC32C, null, ACCOUNT);
        Part p = engine().multipart().uploadPart("kept", "mp", u.uploadId(), 1, body(new byte[]{1, 2, 3}), null, null,
                Map.of());

        restart();

        assertThat(engine().bucketRegion("kept")).isEqualTo("eu-west-1");
        assertThat(engine().bucketTagging("kept")).containsEntry("a", "b");
        StoredObject o = engine().objects().head("kept", "dir/k");
        assertThat(o.etag()).isEqualTo(r.etag());
        assertThat(o.checksum()).isEqualTo(r.checksum());
        assertThat(o.headers().cacheControl()).isEqualTo("max-age=1");
        assertThat(o.metadata()).containsEntry("m", "v");
        assertThat(o.tags()).containsEntry("t", "1");
        assertThat(readString("kept", "dir/k")).isEqualTo("content");
        var parts = engine().multipart().listParts("kept", "mp", u.uploadId(), null, null);
        assertThat(parts.upload().checksumAlgorithm()).isEqualTo(ChecksumAlgorithm.CRC32C);
        assertThat(parts.parts()).extracting(Part::etag).containsExactly(p.etag());
        engine().multipart().complete("kept", "mp", u.uploadId(),
                List.of(new Multipart.CompletedPart(1, p.etag(), null)), null, null, ME);
        assertThat(read("kept", "mp", null)).containsExactly(1, 2, 3);
        // later writes order after the ones before the restart
        assertThat(engine().objects().head("kept", "mp").sequencer()).isGreaterThan(o.sequencer());
    }

    @Test
    void aFileWithoutItsRecordIsRemovedOnStart() throws Exception {
        bucket("bkt");
        put("bkt", "k", "v");
        // a PUT that crashed after its file was durable and before its record was committed
        var orphan = engine().files.write(new ByteArrayInputStream(new byte[100]), 1000,
                EnumSet.noneOf(ChecksumAlgorithm.class));
        Files.writeString(engine().files.directory().resolve("not-ours.txt"), "left alone");
        restart();
        assertThat(engine().files.list()).doesNotContain(orphan.fileId()).hasSize(1);
        assertThat(engine().files.directory().resolve("not-ours.txt")).exists();
        assertThat(engine().listings().list("bkt", null, null, null, 1000).contents()).extracting(StoredObject::key)
                .containsExactly("k");
    }

    @Test
    void aFailedCommitNeverShowsTheObjectAndLeavesNoFile() throws Exception {
        bucket("bkt");
        put("bkt", "k", "old");
        store.failNextCommits(1);
        assertThatThrownBy(() -> put("bkt", "k", "new")).isInstanceOf(io.wharf.storage.StorageException.class);
        assertThat(engine().objects().head("bkt", "k").size()).isEqualTo(3);
        assertThat(engine().files.list()).hasSize(1);
        store.failNextAwaits(1);
        assertThatThrownBy(() -> put("bkt", "new-key", "partial")).isInstanceOf(io.wharf.storage.StorageException.class);
        restart();
        assertThat(code(() -> engine().objects().head("bkt", "new-key"))).isEqualTo("NoSuchKey");
        assertThat(engine().files.list()).hasSize(1);
    }

    @Test
    void aRecordWhoseFileIsGoneIsDropped() throws Exception {
        bucket("bkt");
        put("bkt", "lost", "v");
        put("bkt", "kept", "v");
        Files.delete(engine().files.directory().resolve(engine().objects().head("bkt", "lost").fileId()));
        restart();
        assertThat(code(() -> engine().objects().head("bkt", "lost"))).isEqualTo("NoSuchKey");
        restart();
        assertThat(engine().listings().list("bkt", null, null, null, 1000).contents()).extracting(StoredObject::key)
                .containsExactly("kept");
    }
}
