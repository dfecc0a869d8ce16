package io.wharf.storage;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class FileTreesTest {
    @TempDir
    Path dir;

    @Test
    void deletesATreeDeepestFirstAndNeverFollowsALinkOut() throws Exception {
        Path outside = Files.createDirectories(dir.resolve("outside"));
        Files.writeString(outside.resolve("keep.txt"), "kept");
        Path root = Files.createDirectories(dir.resolve("root/a/b"));
        Files.writeString(root.resolve("deep.txt"), "x");
        Files.writeString(dir.resolve("root/top.txt"), "y");
        Files.createSymbolicLink(dir.resolve("root/a/link"), outside);

        FileTrees.deleteTree(dir.resolve("root"));

        assertThat(dir.resolve("root")).doesNotExist();
        assertThat(outside.resolve("keep.txt")).hasContent("kept");
    }

    @Test
    void anAbsentOrNullTreeIsNothingToDo() throws Exception {
        FileTrees.deleteTree(dir.resolve("never"));
        FileTrees.deleteTree(null);
        assertThat(dir).isEmptyDirectory();
    }
}
