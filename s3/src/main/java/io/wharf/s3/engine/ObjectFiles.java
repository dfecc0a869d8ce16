package io.wharf.s3.engine;

import io.wharf.s3.S3Errors;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The object directory: every object's and every uploaded part's bytes, one file each, named by a random 128-bit id in
 * hex (32 characters). Nothing else names a file: the store's records say which files belong to which object or part,
 * and a file no record names (a write that crashed before its metadata was committed, an old version whose deletion a
 * crash interrupted) is removed on start by {@link Recovery}. Files are written whole, then fsynced, then the directory
 * is fsynced, before any record naming them is committed; they are never changed afterwards, only deleted after the
 * record that named them is gone.
 */
public final class ObjectFiles {
    static final int BUFFER = 64 * 1024;
    private static final Pattern NAME = Pattern.compile("[0-9a-f]{32}");
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Path directory;

    public ObjectFiles(Path directory) {
        this.directory = directory;
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the object directory " + directory, e);
        }
    }

    public Path directory() {
        return directory;
    }

    Path path(String fileId) {
        return directory.resolve(fileId);
    }

    static String newFileId() {
        byte[] id = new byte[16];
        RANDOM.nextBytes(id);
        return HexFormat.of().formatHex(id);
    }

    /** What was written: the file, its length, its MD5 and the checksums asked for (base64). */
    record Written(String fileId, long size, byte[] md5, Map<ChecksumAlgorithm, String> checksums) {
        String md5Hex() {
            return HexFormat.of().formatHex(md5);
        }
    }

    /** The digests computed while bytes go by. */
    static final class Digests {
        final MessageDigest md5;
        final Map<ChecksumAlgorithm, ChecksumAlgorithm.Running> running = new EnumMap<>(ChecksumAlgorithm.class);
        long size;

        Digests(Set<ChecksumAlgorithm> algorithms) {
            try {
                md5 = MessageDigest.getInstance("MD5");
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
            algorithms.forEach(a -> running.put(a, a.start()));
        }

        void update(byte[] b, int off, int len) {
            md5.update(b, off, len);
            running.values().forEach(r -> r.update(b, off, len));
            size += len;
        }

        Written result(String fileId) {
            Map<ChecksumAlgorithm, String> values = new EnumMap<>(ChecksumAlgorithm.class);
            running.forEach((a, r) -> values.put(a, r.base64()));
            return new Written(fileId, size, md5.digest(), values);
        }
    }

    /**
     * Streams {@code in} into a new file, computing the digests, and makes it durable (file and directory fsynced).
     * The file is removed again if anything fails.
     *
     * @param maxSize more bytes than this is EntityTooLarge
     */
    Written write(InputStream in, long maxSize, Set<ChecksumAlgorithm> algorithms) throws IOException {
        String id = newFileId();
        Path file = path(id);
        Digests digests = new Digests(algorithms);
        boolean done = false;
        try (FileChannel out = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            byte[] buffer = new byte[BUFFER];
            int n;
            while ((n = in.read(buffer)) >= 0) {
                if (n == 0) {
                    continue;
                }
                if (digests.size + n > maxSize) {
                    throw S3Errors.ENTITY_TOO_LARGE.withDetails("ProposedSize", Long.toString(digests.size + n),
                            "MaxSizeAllowed", Long.toString(maxSize));
                }
                digests.update(buffer, 0, n);
                ByteBuffer bb = ByteBuffer.wrap(buffer, 0, n);
                while (bb.hasRemaining()) {
                    out.write(bb);
                }
            }
            out.force(true);
            done = true;
        } finally {
            if (!done) {
                deleteQuietly(id);
            }
        }
        syncDirectory();
        return digests.result(id);
    }

    /**
     * Takes a spool file the front door wrote (moved, not copied, when it is on the same file system), reads it once
     * for the digests, and makes it durable in this directory.
     */
    Written adopt(Path spool, long maxSize, Set<ChecksumAlgorithm> algorithms) throws IOException {
        String id = newFileId();
        Path file = path(id);
        try {
            Files.move(spool, file, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            try (InputStream in = Files.newInputStream(spool)) {
                Written written = write(in, maxSize, algorithms);
                Files.deleteIfExists(spool);
                return written;
            }
        }
        boolean done = false;
        try {
            long size = Files.size(file);
            if (size > maxSize) {
                throw S3Errors.ENTITY_TOO_LARGE.withDetails("ProposedSize", Long.toString(size),
                        "MaxSizeAllowed", Long.toString(maxSize));
            }
            Digests digests = digest(id, 0, size, algorithms);
            try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
                channel.force(true);
            }
            done = true;
            syncDirectory();
            return digests.result(id);
        } finally {
            if (!done) {
                deleteQuietly(id);
            }
        }
    }

    /** Reads {@code length} bytes of a file from {@code start} through the digests. */
    Digests digest(String fileId, long start, long length, Set<ChecksumAlgorithm> algorithms) throws IOException {
        Digests digests = new Digests(algorithms);
        try (FileChannel in = FileChannel.open(path(fileId), StandardOpenOption.READ)) {
            in.position(start);
            ByteBuffer buffer = ByteBuffer.allocate(BUFFER);
            long left = length;
            while (left > 0) {
                buffer.clear().limit((int) Math.min(BUFFER, left));
                int n = in.read(buffer);
                if (n < 0) {
                    throw new IOException("file " + fileId + " is shorter than its record says");
                }
                digests.update(buffer.array(), 0, n);
                left -= n;
            }
        }
        return digests;
    }

    /** Copies {@code length} bytes of {@code source} from {@code start} into a new durable file, with digests. */
    Written copy(FileChannel source, long start, long length, Set<ChecksumAlgorithm> algorithms) throws IOException {
        String id = newFileId();
        Digests digests = new Digests(algorithms);
        boolean done = false;
        try (FileChannel out = FileChannel.open(path(id), StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            ByteBuffer buffer = ByteBuffer.allocate(BUFFER);
            long position = start;
            long left = length;
            while (left > 0) {
                buffer.clear().limit((int) Math.min(BUFFER, left));
                int n = source.read(buffer, position);
                if (n < 0) {
                    throw new IOException("source file ended early");
                }
                digests.update(buffer.array(), 0, n);
                buffer.flip();
                while (buffer.hasRemaining()) {
                    out.write(buffer);
                }
                position += n;
                left -= n;
            }
            out.force(true);
            done = true;
        } finally {
            if (!done) {
                deleteQuietly(id);
            }
        }
        syncDirectory();
        return digests.result(id);
    }

    /**
     * Concatenates files into a new durable one by {@link FileChannel#transferTo} (the bytes never pass through the
     * heap); the digests are the caller's business (multipart ETags are made of the parts' MD5s).
     */
    String concat(List<String> fileIds) throws IOException {
        String id = newFileId();
        boolean done = false;
        try (FileChannel out = FileChannel.open(path(id), StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            for (String part : fileIds) {
                try (FileChannel in = FileChannel.open(path(part), StandardOpenOption.READ)) {
                    long size = in.size();
                    long position = 0;
                    while (position < size) {
                        position += in.transferTo(position, size - position, out);
                    }
                }
            }
            out.force(true);
            done = true;
        } finally {
            if (!done) {
                deleteQuietly(id);
            }
        }
        syncDirectory();
        return id;
    }

    /** Opens a file for reading; the caller closes it. An open file stays readable after its deletion. */
    FileChannel open(String fileId) throws IOException {
        return FileChannel.open(path(fileId), StandardOpenOption.READ);
    }

    boolean exists(String fileId) {
        return Files.isRegularFile(path(fileId));
    }

    void deleteQuietly(String fileId) {
        try {
            Files.deleteIfExists(path(fileId));
        } catch (IOException e) {
            // an orphan at worst: the next start removes it
        }
    }

    /** The names of the files in the directory that look like object files. */
    Set<String> list() throws IOException {
        Set<String> names = new HashSet<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(directory)) {
            for (Path p : entries) {
                String name = p.getFileName().toString();
                if (NAME.matcher(name).matches()) {
                    names.add(name);
                }
            }
        } catch (NoSuchFileException e) {
            return names;
        }
        return names;
    }

    /** Makes the directory's entries (new names, removed names) durable. */
    void syncDirectory() throws IOException {
        try (FileChannel dir = FileChannel.open(directory, StandardOpenOption.READ)) {
            dir.force(true);
        }
    }
}
