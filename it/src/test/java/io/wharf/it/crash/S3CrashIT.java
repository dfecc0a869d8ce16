package io.wharf.it.crash;

import io.wharf.testkit.Clients;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.MultipartUpload;
import software.amazon.awssdk.services.s3.model.Part;
import software.amazon.awssdk.services.s3.model.S3Object;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * S3 objects through real crashes: the server jar runs as a child process while uploaders PUT objects of 64 KiB to
 * 3 MiB and one more uploads multipart parts; it is killed with SIGKILL at a random moment, restarted on the same
 * data directory, and the load resumes. Afterwards:
 * <ol>
 *   <li>every object whose PUT was acknowledged is there, byte-identical (its key names its size and seed);</li>
 *   <li>every object listed is complete and correct: a partial upload is never visible;</li>
 *   <li>no orphan files: the object directory holds no more files and bytes than the listed objects and the parts
 *       of the listed uploads account for (what crashed mid-write was removed on start).</li>
 * </ol>
 * The seed is printed; replay a failure with {@code -Dcrash.seed=<seed>}.
 */
class S3CrashIT {
    private static final int ROUNDS = Integer.getInteger("crash.rounds", 3);
    private static final String BUCKET = "crash";

    @TempDir
    Path dataDir;

    private final Set<String> acknowledged = ConcurrentHashMap.newKeySet();
    private final AtomicLong sequence = new AtomicLong();
    /** A PUT that failed while the server was meant to be up: the load is broken, not the server killed. */
    private final java.util.concurrent.atomic.AtomicReference<Exception> firstFailure =
            new java.util.concurrent.atomic.AtomicReference<>();

    /** The bytes of an object: its key ends in {@code -<size>-<seed>}. */
    static byte[] content(String key) {
        String[] parts = key.split("-");
        int size = Integer.parseInt(parts[parts.length - 2]);
        long seed = Long.parseLong(parts[parts.length - 1]);
        byte[] data = new byte[size];
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = 0; i < size; i++) {
            data[i] = (byte) random.nextInt(256);
        }
        return data;
    }

    @Test
    void acknowledgedObjectsSurviveKillNineAndNoPartialObjectIsVisible() throws Exception {
        long seed = Long.getLong("crash.seed", System.nanoTime());
        System.out.println("S3CrashIT seed=" + seed + " (replay with -Dcrash.seed=" + seed + ")");
        Random random = new Random(seed);

        for (int round = 0; round < ROUNDS; round++) {
            try (WharfProcess wharf = WharfProcess.start(dataDir)) {
                S3Client s3 = Clients.s3(wharf.endpoint());
                if (round == 0) {
                    s3.createBucket(r -> r.bucket(BUCKET));
                }
                AtomicBoolean running = new AtomicBoolean(true);
                ExecutorService load = Executors.newVirtualThreadPerTaskExecutor();
                for (int u = 0; u < 3; u++) {
                    long uploaderSeed = random.nextLong();
                    int currentRound = round;
                    int uploader = u;
                    load.submit(() -> upload(s3, currentRound, uploader, uploaderSeed, running));
                }
                int currentRound = round;
                load.submit(() -> uploadParts(s3, currentRound, running));
                // a fresh JVM on a busy machine may take a while for its first uploads: kill only once some landed
                long started = System.nanoTime();
                int before = acknowledged.size();
                while (acknowledged.size() < before + 3 && System.nanoTime() - started < TimeUnit.SECONDS.toNanos(60)
                        && firstFailure.get() == null) {
                    Thread.sleep(20);
                }
                long killAfterMillis = 100 + random.nextInt(1000);
                Thread.sleep(killAfterMillis);
                running.set(false); // first: a PUT failing from here on failed because of the kill
                wharf.kill9();
                load.shutdown();
                assertThat(load.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
                s3.close();
                System.out.printf("round %d: killed pid %d %d ms after the first uploads landed; acknowledged %d"
                        + " objects%n", round, wharf.pid(), killAfterMillis, acknowledged.size());
                if (firstFailure.get() != null) {
                    throw new AssertionError("an upload failed before the kill (round " + round + ")",
                            firstFailure.get());
                }
            }
        }

        try (WharfProcess wharf = WharfProcess.start(dataDir); S3Client s3 = Clients.s3(wharf.endpoint())) {
            List<S3Object> listed = new ArrayList<>();
            s3.listObjectsV2Paginator(r -> r.bucket(BUCKET)).forEach(page -> listed.addAll(page.contents()));
            long listedBytes = 0;
            for (S3Object object : listed) {
                byte[] got = s3.getObjectAsBytes(r -> r.bucket(BUCKET).key(object.key())).asByteArray();
                assertThat(md5(got)).as("object %s is complete and correct", object.key())
                        .isEqualTo(md5(content(object.key())));
                assertThat(object.size()).isEqualTo(got.length);
                listedBytes += got.length;
            }
            Set<String> keys = new java.util.HashSet<>(listed.stream().map(S3Object::key).toList());
            Set<String> lost = new java.util.HashSet<>(acknowledged);
            lost.removeAll(keys);
            assertThat(lost).as("acknowledged PUTs missing after the crashes (seed " + seed + ")").isEmpty();

            long partFiles = 0;
            long partBytes = 0;
            for (MultipartUpload upload : s3.listMultipartUploads(r -> r.bucket(BUCKET)).uploads()) {
                for (Part part : s3.listParts(r -> r.bucket(BUCKET).key(upload.key()).uploadId(upload.uploadId()))
                        .parts()) {
                    partFiles++;
                    partBytes += part.size();
                }
            }
            Path objects = dataDir.resolve("s3");
            if (Files.isDirectory(objects)) {
                long[] files = filesAndBytes(objects);
                assertThat(files[0]).as("files in %s: no orphans beside %d objects and %d parts", objects,
                        listed.size(), partFiles).isLessThanOrEqualTo(listed.size() + partFiles);
                assertThat(files[1]).as("bytes in %s", objects).isLessThanOrEqualTo(listedBytes + partBytes);
            }
            assertThat(wharf.terminate()).isIn(0, 143);
        }
        assertThat(acknowledged).as("the load produced something to check").hasSizeGreaterThan(10);
    }

    private void upload(S3Client s3, int round, int uploader, long seed, AtomicBoolean running) {
        SplittableRandom random = new SplittableRandom(seed);
        while (running.get()) {
            int size = 64 * 1024 + random.nextInt(3 * 1024 * 1024 - 64 * 1024);
            String key = "r" + round + "/u" + uploader + "/o" + sequence.incrementAndGet() + "-" + size + "-"
                    + random.nextLong(Long.MAX_VALUE);
            try {
                s3.putObject(r -> r.bucket(BUCKET).key(key), RequestBody.fromBytes(content(key)));
                acknowledged.add(key);
            } catch (SdkException e) {
                if (running.get()) {
                    firstFailure.compareAndSet(null, e);
                }
                return; // the server died under us; an unacknowledged PUT may or may not exist, but never partially
            }
        }
    }

    /** Multipart uploads that never complete: their parts are in flight when the kill comes. */
    private void uploadParts(S3Client s3, int round, AtomicBoolean running) {
        try {
            String key = "parts/r" + round;
            String uploadId = s3.createMultipartUpload(r -> r.bucket(BUCKET).key(key)).uploadId();
            byte[] part = new byte[5 * 1024 * 1024];
            for (int number = 1; running.get() && number <= 100; number++) {
                int partNumber = number;
                s3.uploadPart(r -> r.bucket(BUCKET).key(key).uploadId(uploadId).partNumber(partNumber),
                        RequestBody.fromBytes(part));
            }
        } catch (SdkException e) {
            // killed
        }
    }

    private static long[] filesAndBytes(Path directory) throws IOException {
        long[] counts = new long[2];
        try (Stream<Path> files = Files.walk(directory)) {
            files.filter(Files::isRegularFile).forEach(file -> {
                counts[0]++;
                try {
                    counts[1] += Files.size(file);
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
        }
        return counts;
    }

    private static String md5(byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(data));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }
}
