package io.wharf.storage;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Owner-only permissions for everything Wharf keeps on disk: directories 0700, files 0600, whatever the umask.
 *
 * <p>RocksDB creates its files with the process umask (usually 0644) and offers no mode option, so the store
 * narrows them after the fact (at open, and after every flush, compaction and new table file). The directory
 * being 0700 is the real protection — nobody else can even reach a file for the moment between its creation
 * and its chmod; the files' own 0600 is defence in depth, for copies and backups that keep modes.
 * On file systems without POSIX permissions (FAT, some mounts) this does nothing.
 */
public final class OwnerOnly {
    public static final Set<PosixFilePermission> DIRECTORY = PosixFilePermissions.fromString("rwx------");
    public static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");

    private OwnerOnly() {
    }

    /** Makes {@code directory} 0700 and every file and directory under it owner-only. Best effort per file. */
    public static void restrictTree(Path directory) {
        restrict(directory);
        try (var entries = Files.walk(directory)) {
            entries.forEach(OwnerOnly::restrict);
        } catch (IOException | java.io.UncheckedIOException e) {
            // a file vanished while walking (compaction deletes them): the next sweep sees the rest
        }
    }

    /** Makes one path owner-only: 0700 for a directory, 0600 for anything else. Best effort. */
    public static void restrict(Path path) {
        try {
            if (Files.isSymbolicLink(path)) {
                return;
            }
            Set<PosixFilePermission> wanted = Files.isDirectory(path) ? DIRECTORY : FILE;
            if (!Files.getPosixFilePermissions(path).equals(wanted)) {
                Files.setPosixFilePermissions(path, wanted);
            }
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            // gone already, or no POSIX permissions here
        }
    }
}
