package io.wharf.storage;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.rocksdb.RocksDB;
import org.rocksdb.util.Environment;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads RocksDB's native library without leaving a copy of it behind.
 *
 * <p>RocksDB's own loader ({@link RocksDB#loadLibrary()}) copies the library (15 MB) out of its jar into
 * {@code java.io.tmpdir} under a new name at every start and deletes the copy only when the JVM exits normally: each
 * Wharf that was killed ({@code kill -9}, the OOM killer, a crash test) left one behind, 39 in one CI run. Here
 * the copy goes into a directory of this process's own (owner-only) and is deleted, with the directory, as soon as
 * it is loaded: on Linux a loaded library stays mapped after its file is gone, as Netty does with its own. Where that
 * cannot work (no library for this platform in the jar, {@code ROCKSDB_SHAREDLIB_DIR} set, a platform that cannot
 * delete a loaded library), RocksDB's own loader does it as before.
 */
final class RocksNative {
    private static final Logger LOG = LoggerFactory.getLogger(RocksNative.class);
    private static boolean loaded;

    private RocksNative() {
    }

    /** Loads the library once per process; later calls return at once. */
    static synchronized void load() {
        if (loaded) {
            return;
        }
        if (System.getenv("ROCKSDB_SHAREDLIB_DIR") != null || !Environment.isUnix()) {
            RocksDB.loadLibrary();
        } else {
            try {
                loadFromPrivateCopy();
            } catch (IOException | RuntimeException | UnsatisfiedLinkError e) {
                LOG.debug("RocksDB's library could not be loaded from a private copy; RocksDB's loader does it", e);
                RocksDB.loadLibrary();
            }
        }
        loaded = true;
    }

    private static void loadFromPrivateCopy() throws IOException {
        String resource = Environment.getJniLibraryFileName("rocksdb"); // the library's name in the jar
        // The name RocksDB.loadLibrary(List) loads from each directory it is given; computed by the same call it makes.
        String fileName = Environment.getJniLibraryFileName("rocksdbjni");
        Path directory = Files.createTempDirectory("wharf-rocksdb-",
                PosixFilePermissions.asFileAttribute(OwnerOnly.DIRECTORY));
        try {
            try (InputStream in = RocksDB.class.getClassLoader().getResourceAsStream(resource)) {
                if (in == null) {
                    throw new FileNotFoundException(resource + " is not in RocksDB's jar");
                }
                Files.copy(in, directory.resolve(fileName));
            }
            RocksDB.loadLibrary(List.of(directory.toString()));
        } finally {
            FileTrees.deleteTree(directory);
        }
    }
}
