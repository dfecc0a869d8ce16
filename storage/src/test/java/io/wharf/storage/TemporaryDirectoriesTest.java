package io.wharf.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TemporaryDirectoriesTest {
    private static final Duration GRACE = Duration.ofMinutes(1);

    @TempDir
    Path base;

    @Test
    void directoriesAreMadeOwnerOnlyUnderOneLockedRootOfThisProcess() throws Exception {
        Path first = TemporaryDirectories.create("s3-");
        Path second = TemporaryDirectories.create("mq-");
        try {
            assertThat(first.getParent()).isEqualTo(second.getParent());
            Path root = first.getParent();
            assertThat(root.getFileName().toString()).startsWith(TemporaryDirectories.PREFIX);
            assertThat(root.getParent()).isEqualTo(Path.of(System.getProperty("java.io.tmpdir")));
            assertThat(first.getFileName().toString()).startsWith("s3-");
            for (Path directory : new Path[] {root, first, second}) {
                assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(directory))).isEqualTo("rwx------");
            }
            // This process holds the root's lock: a sweep from anywhere in it leaves the root alone.
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(root.resolve(TemporaryDirectories.LOCK))))
                    .isEqualTo("rw-------");
            Files.setLastModifiedTime(root, FileTime.from(Instant.now().minus(Duration.ofHours(1))));
            Path other = Files.createTempDirectory(base, "own-");
            TemporaryDirectories.sweep(root.getParent(), other, GRACE); // may delete others' leftovers in the real tmpdir
            assertThat(first).isDirectory();
            assertThat(root.resolve(TemporaryDirectories.LOCK)).exists();
        } finally {
            FileTrees.deleteTree(first);
            FileTrees.deleteTree(second);
        }
    }

    @Test
    void aRootWhoseLockIsFreeAndThatHasNotChangedForAMinuteIsDeleted() throws Exception {
        Path own = root("own");
        Path gone = root("gone");
        Files.writeString(Files.createDirectories(gone.resolve("s3-1")).resolve("object"), "left behind");
        Files.createFile(gone.resolve(TemporaryDirectories.LOCK));
        age(gone);

        assertThat(TemporaryDirectories.sweep(base, own, GRACE)).isEqualTo(1);
        assertThat(gone).doesNotExist();
        assertThat(own).isDirectory();
    }

    @Test
    void aRootWithoutALockFileIsDeletedOnceItIsAMinuteOld() throws Exception {
        Path own = root("own");
        Path unlocked = root("unlocked");
        Path young = root("young"); // being made: its process has not made its lock yet

        age(unlocked);
        assertThat(TemporaryDirectories.sweep(base, own, GRACE)).isEqualTo(1);
        assertThat(unlocked).doesNotExist();
        assertThat(young).isDirectory();
    }

    @Test
    void aRootWhoseLockIsHeldIsLeftAlone() throws Exception {
        Path own = root("own");
        Path alive = root("alive");
        Files.createFile(alive.resolve(TemporaryDirectories.LOCK));
        try (FileChannel channel = FileChannel.open(alive.resolve(TemporaryDirectories.LOCK), StandardOpenOption.WRITE);
             FileLock held = channel.lock()) {
            age(alive);
            assertThat(TemporaryDirectories.sweep(base, own, GRACE)).isZero();
            assertThat(alive.resolve(TemporaryDirectories.LOCK)).exists();
            assertThat(held.isValid()).isTrue();
        }
        assertThat(TemporaryDirectories.sweep(base, own, GRACE)).isEqualTo(1); // let go: its process is gone
        assertThat(alive).doesNotExist();
    }

    @Test
    void onlyDirectoriesNamedLikeARootAreTouched() throws Exception {
        Path own = root("own");
        Path elsewhere = Files.createTempDirectory(base, "elsewhere-");
        Files.writeString(elsewhere.resolve("keep"), "kept");
        Path link = Files.createSymbolicLink(base.resolve(TemporaryDirectories.PREFIX + "link"), elsewhere);
        Path file = Files.writeString(base.resolve(TemporaryDirectories.PREFIX + "file"), "a file");
        Path other = Files.createDirectory(base.resolve("other-tmp"));
        for (Path path : new Path[] {elsewhere, other}) {
            age(path);
        }
        Files.setLastModifiedTime(file, FileTime.from(Instant.now().minus(Duration.ofHours(1))));

        assertThat(TemporaryDirectories.sweep(base, own, GRACE)).isZero();
        assertThat(link).isSymbolicLink();
        assertThat(elsewhere.resolve("keep")).hasContent("kept");
        assertThat(file).exists();
        assertThat(other).isDirectory();
    }

    private Path root(String name) throws Exception {
        return Files.createDirectory(base.resolve(TemporaryDirectories.PREFIX + name));
    }

    private static void age(Path directory) throws Exception {
        Files.setLastModifiedTime(directory, FileTime.from(Instant.now().minus(Duration.ofMinutes(2))));
    }
}
