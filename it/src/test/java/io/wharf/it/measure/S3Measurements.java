package io.wharf.it.measure;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A measurement, not a test: the server jar's resident memory while {@code aws s3 cp} moves a large file up
 * (multipart) and down, as issue 13 asks ("memory stays flat while aws s3 cp moves a 2 GiB file"). It prints the
 * server's RSS before, its peak during each copy, and the copy's MB/s; it asserts only that the bytes came back.
 * Run with {@code mvn -o verify -pl it -am -Dit.test=S3Measurements -Dwharf.measure=true} (the size with
 * {@code -Dwharf.measure.s3.mib=2048}, the default).
 */
@EnabledIfSystemProperty(named = "wharf.measure", matches = "true")
class S3Measurements {
    @TempDir
    Path dir;

    private static long rssKib(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("\\D", ""));
                }
            }
        } catch (IOException e) {
            return -1;
        }
        return -1;
    }

    @Test
    void serverMemoryWhileTheCliCopiesALargeFile() throws Exception {
        int mib = Integer.getInteger("wharf.measure.s3.mib", 2048);
        Path file = dir.resolve("large.bin");
        byte[] block = new byte[1024 * 1024];
        new SplittableRandom(1).nextBytes(block);
        try (OutputStream out = Files.newOutputStream(file)) {
            for (int i = 0; i < mib; i++) {
                block[0] = (byte) i; // no two MiB alike
                out.write(block);
            }
        }
        Path jar = Path.of(System.getProperty("wharf.jar", "../server/target/wharf.jar")).toAbsolutePath();
        Process server = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED", "-Xmx512m", "-jar", jar.toString(), "--port", "0",
                "--data-dir", dir.resolve("data").toString()).redirectErrorStream(true).start();
        try {
            String endpoint = endpointOf(server);
            long pid = server.pid();
            System.out.printf("S3Measurements: %d MiB file; server pid %d, RSS at start %d MiB%n", mib, pid,
                    rssKib(pid) / 1024);
            run(endpoint, "s3", "mb", "s3://measure");
            copy("upload", pid, endpoint, mib, file.toString(), "s3://measure/large.bin");
            Path back = dir.resolve("back.bin");
            copy("download", pid, endpoint, mib, "s3://measure/large.bin", back.toString());
            if (Files.mismatch(file, back) != -1) {
                throw new AssertionError("the downloaded file differs from the uploaded one");
            }
            System.out.printf("S3Measurements: RSS at the end %d MiB%n", rssKib(pid) / 1024);
        } finally {
            server.destroy();
            server.waitFor(30, TimeUnit.SECONDS);
        }
    }

    private static void copy(String what, long pid, String endpoint, int mib, String from, String to)
            throws Exception {
        AtomicBoolean copying = new AtomicBoolean(true);
        AtomicLong peak = new AtomicLong();
        Thread sampler = Thread.ofVirtual().start(() -> {
            while (copying.get()) {
                peak.accumulateAndGet(rssKib(pid), Math::max);
                try {
                    Thread.sleep(100);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        long start = System.nanoTime();
        run(endpoint, "s3", "cp", "--only-show-errors", from, to);
        double seconds = (System.nanoTime() - start) / 1e9;
        copying.set(false);
        sampler.join();
        System.out.printf("S3Measurements: %s of %d MiB in %.1f s (%.0f MiB/s); server RSS peak %d MiB%n", what,
                mib, seconds, mib / seconds, peak.get() / 1024);
    }

    private static String endpointOf(Process server) throws Exception {
        BufferedReader reader = new BufferedReader(new InputStreamReader(server.getInputStream(),
                StandardCharsets.UTF_8));
        CompletableFuture<String> endpoint = new CompletableFuture<>();
        List<String> lines = new ArrayList<>();
        Thread.ofVirtual().start(() -> {
            try {
                String line;
                while ((line = reader.readLine()) != null) {
                    lines.add(line);
                    int at = line.indexOf("listening on http://");
                    if (at >= 0) {
                        endpoint.complete(line.substring(at + 13).split("\\s")[0]);
                    }
                }
            } catch (IOException e) {
                // the server went away
            }
            endpoint.completeExceptionally(new IllegalStateException("no listening line: " + lines));
        });
        return endpoint.get(60, TimeUnit.SECONDS);
    }

    private static void run(String endpoint, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("aws", "--endpoint-url", endpoint));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        Map<String, String> env = builder.environment();
        env.put("AWS_ACCESS_KEY_ID", "AKIDEXAMPLE");
        env.put("AWS_SECRET_ACCESS_KEY", "wharf-test-secret");
        env.put("AWS_DEFAULT_REGION", "us-east-1");
        env.put("AWS_EC2_METADATA_DISABLED", "true");
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(30, TimeUnit.MINUTES) || process.exitValue() != 0) {
            throw new AssertionError(command + " failed: " + output);
        }
    }
}
