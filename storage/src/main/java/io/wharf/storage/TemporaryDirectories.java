package io.wharf.storage;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The temporary directories of a Wharf without a data directory ({@code --in-memory}): S3's objects, MQ's brokers,
 * the request spool. They live under one root per process in {@code java.io.tmpdir}, {@code wharf-tmp-<random>}
 * (owner-only), and each is deleted by whoever made it when it closes.
 *
 * <p>A process that is killed closes nothing, and its S3 objects could be large. So the root holds a lock
 * ({@value #LOCK}, an OS file lock, which the kernel lets go when the process dies, however it dies), and a process
 * that makes its root deletes every other root whose lock it can take: those of processes that are gone. Roots of
 * other users are left alone, and so is any root changed within the last {@link #UNLOCKED_GRACE} (one being made has
 * no lock yet). A lock, not a process id: it holds across PID namespaces sharing one {@code /tmp}, and PIDs are reused.
 */
public final class TemporaryDirectories {
    private static final Logger LOG = LoggerFactory.getLogger(TemporaryDirectories.class);
    static final String PREFIX = "wharf-tmp-";
    static final String LOCK = ".lock";
    static final Duration UNLOCKED_GRACE = Duration.ofMinutes(1);

    private static Path root;
    private static FileChannel lockChannel; // held open (and locked) for the life of the process

    private TemporaryDirectories() {
    }

    /** A new owner-only directory named {@code prefix…} under this process's root, made (and swept for) first. */
    public static Path create(String prefix) throws IOException {
        return Files.createTempDirectory(root(), prefix, PosixFilePermissions.asFileAttribute(OwnerOnly.DIRECTORY));
    }

    private static synchronized Path root() throws IOException {
        if (root != null && Files.isDirectory(root, LinkOption.NOFOLLOW_LINKS)) {
            return root;
        }
        Path base = Path.of(System.getProperty("java.io.tmpdir"));
        Path made = Files.createTempDirectory(base, PREFIX, PosixFilePermissions.asFileAttribute(OwnerOnly.DIRECTORY));
        FileChannel channel = null;
        try {
            channel = FileChannel.open(made.resolve(LOCK), java.util.Set.of(StandardOpenOption.CREATE_NEW,
                    StandardOpenOption.WRITE), PosixFilePermissions.asFileAttribute(OwnerOnly.FILE));
            if (channel.tryLock() == null) { // a file no one else has seen yet
                throw new IOException("cannot lock " + made.resolve(LOCK));
            }
        } catch (IOException | RuntimeException e) {
            if (channel != null) {
                channel.close();
            }
            FileTrees.deleteTree(made);
            throw e;
        }
        if (lockChannel != null) {
            lockChannel.close(); // the root it locked was deleted under it
        }
        lockChannel = channel;
        root = made;
        // The root goes at a normal exit when its directories are gone (deleteOnExit removes only an empty one);
        // the lock file first, as those deletions run in the reverse order of registration.
        made.toFile().deleteOnExit();
        made.resolve(LOCK).toFile().deleteOnExit();
        sweep(base, made, UNLOCKED_GRACE);
        return root;
    }

    /**
     * Deletes the roots under {@code base} but {@code own} that belong to {@code own}'s owner, were last changed more
     * than {@code grace} ago and whose lock is free or missing: those of processes that are gone. Returns how many.
     */
    static int sweep(Path base, Path own, Duration grace) {
        int swept = 0;
        try (DirectoryStream<Path> roots = Files.newDirectoryStream(base, PREFIX + "*")) {
            UserPrincipal owner = Files.getOwner(own, LinkOption.NOFOLLOW_LINKS);
            Instant before = Instant.now().minus(grace);
            for (Path candidate : roots) {
                try {
                    if (!candidate.equals(own) && abandoned(candidate, owner, before)) {
                        FileTrees.deleteTree(candidate);
                        swept++;
                    }
                } catch (IOException | RuntimeException e) {
                    LOG.debug("left {} alone", candidate, e);
                }
            }
        } catch (IOException | RuntimeException e) {
            LOG.debug("cannot look for abandoned temporary directories in {}", base, e);
        }
        if (swept > 0) {
            LOG.info("deleted {} temporary director{} left by Wharf processes that are gone", swept,
                    swept == 1 ? "y" : "ies");
        }
        return swept;
    }

    private static boolean abandoned(Path candidate, UserPrincipal owner, Instant before) throws IOException {
        if (!Files.isDirectory(candidate, LinkOption.NOFOLLOW_LINKS)
                || !Files.getOwner(candidate, LinkOption.NOFOLLOW_LINKS).equals(owner)
                // a root being made has no lock yet, or one not taken yet
                || !Files.getLastModifiedTime(candidate, LinkOption.NOFOLLOW_LINKS).toInstant().isBefore(before)) {
            return false;
        }
        Path lock = candidate.resolve(LOCK);
        if (!Files.isRegularFile(lock, LinkOption.NOFOLLOW_LINKS)) {
            return true;
        }
        try (FileChannel channel = FileChannel.open(lock, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS)) {
            FileLock held = channel.tryLock();
            if (held == null) {
                return false; // its process is alive
            }
            held.release();
            return true;
        } catch (OverlappingFileLockException e) {
            return false; // this process holds it
        }
    }
}
