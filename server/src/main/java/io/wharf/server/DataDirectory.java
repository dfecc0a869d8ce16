package io.wharf.server;

import io.wharf.server.config.ConfigException;
import io.wharf.server.config.Setting;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Makes sure the data directory exists, is owner-only (0700: nobody else may read what Wharf keeps there — the
 * store, root credentials, the TLS key — whatever the umask) and writable before anything is started.
 */
final class DataDirectory {
    private DataDirectory() {
    }

    static void prepare(Path dir) {
        try {
            Files.createDirectories(dir);
            io.wharf.storage.OwnerOnly.restrict(dir);
            // isWritable can be wrong (root, ACLs, read-only mounts); writing a file is the real test.
            Path probe = Files.createTempFile(dir, ".wharf-write-test", ".tmp");
            Files.delete(probe);
        } catch (IOException | SecurityException e) {
            throw new ConfigException(Setting.DATA_DIR, dir.toString(), "cannot create or write it (" + describe(e) + ")");
        }
    }

    private static String describe(Exception e) {
        // NIO's exceptions name only the file; the kind of failure is in the class.
        return switch (e) {
            case AccessDeniedException denied -> denied.getFile() + ": permission denied";
            case FileAlreadyExistsException exists -> exists.getFile() + ": exists and is not a directory";
            case FileSystemException other when other.getReason() != null -> other.getFile() + ": " + other.getReason();
            default -> e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        };
    }
}
