package io.wharf.server.http;

import io.wharf.storage.OwnerOnly;
import io.wharf.storage.TemporaryDirectories;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * Where large request bodies (object uploads) are written instead of memory: {@code <data-dir>/tmp} (the same file
 * system as the data, so an object store can move a spooled body into place), or with {@code --in-memory} a private
 * temporary directory ({@link TemporaryDirectories}) deleted at stop. The directory is 0700 and each file 0600 ({@link OwnerOnly}).
 * <p>
 * On-disk format: one file per request being received, named {@code <uuid>.body}, holding the body exactly as it
 * arrived (an {@code aws-chunked} body still framed). Files are not fsynced: they are scratch, every file in the
 * directory is deleted when the server starts, and whoever adopts one (moves it into an object store) syncs it then.
 * <p>
 * The disk is the budget for spooled bodies (they do not spend the in-memory {@link BodyBudget}): an upload is
 * refused when it would leave less than {@link #freeSpaceMarginBytes()} free on the directory's file system.
 */
final class BodySpool implements AutoCloseable {
    /** S3's largest single PUT (PutObject, UploadPart): 5 GiB. */
    static final long MAX_OBJECT_BYTES = 5L * 1024 * 1024 * 1024;
    /**
     * What {@code aws-chunked} framing may add to {@link #MAX_OBJECT_BYTES}: chunks are at least 8 KiB (except the
     * last) and each carries at most ~100 bytes of size, signature and line ends, so 1/64 of the payload covers the
     * framing of any valid body, trailers included.
     */
    static final long MAX_AWS_CHUNKED_OVERHEAD_BYTES = MAX_OBJECT_BYTES / 64;

    private final Path directory;
    private final boolean owned;
    private final long thresholdBytes;
    private final long freeSpaceMarginBytes;

    private BodySpool(Path directory, boolean owned, long thresholdBytes, long freeSpaceMarginBytes) {
        this.directory = directory;
        this.owned = owned;
        this.thresholdBytes = thresholdBytes;
        this.freeSpaceMarginBytes = freeSpaceMarginBytes;
    }

    /**
     * Opens the spool of {@code settings}: its directory is created (0700) and emptied of any earlier run's files, or a
     * private temporary directory is made when it names none.
     *
     * @throws UncheckedIOException when the directory cannot be made or cleared
     */
    static BodySpool open(RequestSpooling settings) {
        try {
            if (settings.directory() == null) {
                Path temp = TemporaryDirectories.create("spool-");
                return new BodySpool(temp, true, settings.thresholdBytes(), settings.freeSpaceMarginBytes());
            }
            Path directory = settings.directory();
            Files.createDirectories(directory);
            OwnerOnly.restrict(directory);
            clear(directory);
            return new BodySpool(directory, false, settings.thresholdBytes(), settings.freeSpaceMarginBytes());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare the request spool directory: " + e.getMessage(), e);
        }
    }

    /** Deletes everything under {@code directory}, keeping the directory. */
    private static void clear(Path directory) throws IOException {
        try (Stream<Path> entries = Files.walk(directory)) {
            for (Path entry : entries.sorted(Comparator.reverseOrder()).toList()) {
                if (!entry.equals(directory)) {
                    Files.deleteIfExists(entry);
                }
            }
        }
    }

    Path directory() {
        return directory;
    }

    /** Bodies larger than this (or chunked ones that grow past it) are spooled. */
    long thresholdBytes() {
        return thresholdBytes;
    }

    long freeSpaceMarginBytes() {
        return freeSpaceMarginBytes;
    }

    /** Whether {@code bytes} more can be written and still leave the margin free. */
    boolean hasRoomFor(long bytes) {
        try {
            long usable = Files.getFileStore(directory).getUsableSpace();
            return usable - bytes >= freeSpaceMarginBytes;
        } catch (IOException e) {
            return false;
        }
    }

    /** A new, empty, owner-only file for one body. */
    Path newFile() throws IOException {
        while (true) {
            Path file = directory.resolve(UUID.randomUUID() + ".body");
            try {
                Files.newByteChannel(file, java.util.Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE),
                        PosixFilePermissions.asFileAttribute(OwnerOnly.FILE)).close();
                return file;
            } catch (FileAlreadyExistsException e) {
                // a UUID collision: take another
            }
        }
    }

    /** Deletes a spooled body; a file already gone (an operation moved it away) is fine. */
    static void delete(Path file) {
        if (file == null) {
            return;
        }
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            org.slf4j.LoggerFactory.getLogger(BodySpool.class).warn("cannot delete spooled body {}: {}", file,
                    e.toString());
        }
    }

    /** A private directory is deleted with what is left in it; {@code <data-dir>/tmp} stays (cleared at next start). */
    @Override
    public void close() {
        if (!owned) {
            return;
        }
        try {
            clear(directory);
            Files.deleteIfExists(directory);
        } catch (IOException | UncheckedIOException e) {
            org.slf4j.LoggerFactory.getLogger(BodySpool.class).warn("cannot delete the spool directory {}: {}",
                    directory, e.toString());
        }
    }
}
