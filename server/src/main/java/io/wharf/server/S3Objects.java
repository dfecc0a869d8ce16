package io.wharf.server;

import io.wharf.s3.EventTargets;
import io.wharf.s3.S3Service;
import io.wharf.server.config.WharfConfig;
import io.wharf.storage.Store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;

/**
 * S3 with its object directory: {@code <data-dir>/s3/} (objects' bytes, beside the store that holds their metadata), or
 * with {@code --in-memory} (or a store the embedder supplied without a data directory) a temporary directory deleted
 * when the server stops.
 */
final class S3Objects implements AutoCloseable {
    private final S3Service service;
    private final Path temporary;

    private S3Objects(S3Service service, Path temporary) {
        this.service = service;
        this.temporary = temporary;
    }

    static S3Objects open(WharfConfig config, Store store, Clock clock, EventTargets targets) {
        Path temporary = null;
        Path directory;
        try {
            if (config.inMemory() || config.dataDir() == null) {
                temporary = io.wharf.storage.TemporaryDirectories.create("s3-");
                directory = temporary;
            } else {
                directory = config.dataDir().resolve("s3");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a temporary directory for S3 objects", e);
        }
        try {
            return new S3Objects(S3Service.create(store, clock, directory, targets), temporary);
        } catch (RuntimeException e) {
            deleteTree(temporary);
            throw e;
        }
    }

    S3Service service() {
        return service;
    }

    @Override
    public void close() {
        service.close();
        deleteTree(temporary);
    }

    private static void deleteTree(Path root) {
        try {
            io.wharf.storage.FileTrees.deleteTree(root);
        } catch (IOException | java.io.UncheckedIOException e) {
            // a temporary directory left behind; the OS cleans it
        }
    }
}
