package io.wharf.server;

import io.wharf.server.config.ConfigException;
import io.wharf.server.config.Setting;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Makes sure the data directory exists and is writable before anything is started. */
final class DataDirectory {
    private DataDirectory() {
    }

    static void prepare(Path dir) {
        try {
            Files.createDirectories(dir);
            // isWritable can be wrong (root, ACLs, read-only mounts); writing a file is the real test.
            Path probe = Files.createTempFile(dir, ".wharf-write-test", ".tmp");
            Files.delete(probe);
        } catch (IOException | SecurityException e) {
            throw new ConfigException(Setting.DATA_DIR, dir.toString(), "cannot create or write it (" + describe(e) + ")");
        }
    }

    private static String describe(Exception e) {
        String kind = e.getClass().getSimpleName().replace("Exception", "");
        return e.getMessage() == null ? kind : kind + ": " + e.getMessage();
    }
}
