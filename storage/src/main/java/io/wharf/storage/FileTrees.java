package io.wharf.storage;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** Directory trees Wharf owns on disk (broker data, unpacked bundles, temporary object stores). */
public final class FileTrees {
    private FileTrees() {
    }

    /** Deletes {@code root} and everything under it, deepest first; nothing happens when it is null or absent. */
    public static void deleteTree(Path root) throws IOException {
        if (root == null || !Files.exists(root, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
