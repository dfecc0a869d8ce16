package io.wharf.it.measure;

import io.wharf.server.Wharf;
import io.wharf.server.config.WharfConfig;
import io.wharf.storage.FsyncMode;
import io.wharf.testkit.Clients;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.sqs.SqsAsyncClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * Measurements for docs/durability.md, not tests: they print figures and assert nothing about speed.
 * Run with {@code cd it && mvn -o verify -Dit.test=StorageMeasurements -Dwharf.measure=true}
 * (optionally {@code -Dwharf.measure.messages=1000000 -Dwharf.measure.minutes=5}).
 */
@EnabledIfSystemProperty(named = "wharf.measure", matches = "true")
class StorageMeasurements {
    private static final int QUEUES = 10;
    private static final String KIB = "x".repeat(1024);

    @TempDir
    Path dataDir;

    static long sizeOf(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
        }
    }

    private static long rssKib(long pid) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("\\D", ""));
            }
        }
        return -1;
    }

    @Test
    void recoveryTimeWithAMillionMessages() throws Exception {
        int total = Integer.getInteger("wharf.measure.messages", 1_000_000);
        long fillStart = System.nanoTime();
        try (Wharf wharf = Wharf.start(WharfConfig.builder().port(0).dataDir(dataDir).fsync(FsyncMode.NEVER).build());
             SqsAsyncClient sqs = Clients.sqsAsyncBuilder(URI.create(wharf.endpoint())).build()) {
            List<String> urls = new ArrayList<>();
            for (int q = 0; q < QUEUES; q++) {
                int n = q;
                urls.add(sqs.createQueue(r -> r.queueName("recovery-" + n)).get().queueUrl());
            }
            Semaphore inFlight = new Semaphore(32);
            List<CompletableFuture<?>> pending = new ArrayList<>();
            for (int batch = 0; batch < total / 10; batch++) {
                String url = urls.get(batch % QUEUES);
                List<SendMessageBatchRequestEntry> entries = IntStream.range(0, 10).mapToObj(i ->
                        SendMessageBatchRequestEntry.builder().id("e" + i).messageBody(KIB).build()).toList();
                inFlight.acquire();
                pending.add(sqs.sendMessageBatch(r -> r.queueUrl(url).entries(entries))
                        .whenComplete((r, e) -> inFlight.release()));
                if (pending.size() > 1000) {
                    pending.removeIf(CompletableFuture::isDone);
                }
            }
            CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new)).join();
        }
        System.out.printf("filled %,d messages of 1 KiB in %d queues in %.1f s; data dir %,d MiB%n", total, QUEUES,
                (System.nanoTime() - fillStart) / 1e9, sizeOf(dataDir) >> 20);

        String heap = System.getProperty("wharf.measure.heap", "2g");
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED", "-Xmx" + heap, "-jar",
                Path.of(System.getProperty("wharf.jar", "../server/target/wharf.jar")).toString(),
                "--port", "0", "--data-dir", dataDir.toString());
        long start = System.nanoTime();
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        String line;
        String endpoint = null;
        while ((line = out.readLine()) != null) {
            int at = line.indexOf("listening on ");
            if (at >= 0) {
                endpoint = line.substring(at + 13).split(" ")[0];
                break;
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        final String ready = endpoint;
        long rss = rssKib(process.pid());
        try (SqsClient sqs = Clients.sqs(URI.create(ready))) {
            String attributes = sqs.getQueueAttributes(r -> r.queueUrl(ready + "/000000000000/recovery-0")
                    .attributeNamesWithStrings("ApproximateNumberOfMessages")).attributesAsStrings().toString();
            System.out.printf("restart to ready: %.2f s (JVM start included), RSS %,d MiB with -Xmx%s; queue 0: %s%n",
                    seconds, rss >> 10, heap, attributes);
            long deleteStart = System.nanoTime();
            for (int q = 0; q < QUEUES; q++) {
                int n = q;
                sqs.deleteQueue(r -> r.queueUrl(ready + "/000000000000/recovery-" + n));
            }
            System.out.printf("deleted %d queues in %.2f s; data dir right after: %,d MiB%n", QUEUES,
                    (System.nanoTime() - deleteStart) / 1e9, sizeOf(dataDir) >> 20);
        } finally {
            process.destroy();
            process.waitFor();
        }
        System.out.printf("data dir after a clean stop: %,d MiB%n", sizeOf(dataDir) >> 20);
        Process again = new ProcessBuilder(command).redirectErrorStream(true).start();
        BufferedReader againOut = new BufferedReader(new InputStreamReader(again.getInputStream(), StandardCharsets.UTF_8));
        while ((line = againOut.readLine()) != null && !line.contains("listening on ")) {
            // wait for ready
        }
        again.destroy();
        again.waitFor();
        System.out.printf("data dir after the next start and stop: %,d MiB%n", sizeOf(dataDir) >> 20);
    }

    @Test
    void dataDirectoryUnderSteadySendAndDelete() throws Exception {
        double minutes = Double.parseDouble(System.getProperty("wharf.measure.minutes", "2"));
        long end = System.nanoTime() + (long) (minutes * 60e9);
        try (Wharf wharf = Wharf.start(WharfConfig.builder().port(0).dataDir(dataDir).build());
             SqsClient sqs = Clients.sqs(URI.create(wharf.endpoint()))) {
            String url = sqs.createQueue(r -> r.queueName("steady")).queueUrl();
            long messages = 0;
            long nextReport = System.nanoTime();
            List<SendMessageBatchRequestEntry> entries = IntStream.range(0, 10).mapToObj(i ->
                    SendMessageBatchRequestEntry.builder().id("e" + i).messageBody(KIB).build()).toList();
            while (System.nanoTime() < end) {
                sqs.sendMessageBatch(r -> r.queueUrl(url).entries(entries));
                List<Message> got = sqs.receiveMessage(r -> r.queueUrl(url).maxNumberOfMessages(10)).messages();
                if (!got.isEmpty()) {
                    sqs.deleteMessageBatch(r -> r.queueUrl(url).entries(got.stream().map(m ->
                            software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry.builder()
                                    .id(m.messageId()).receiptHandle(m.receiptHandle()).build()).toList()));
                }
                messages += got.size();
                if (System.nanoTime() >= nextReport) {
                    System.out.printf("after %,d messages sent+received+deleted: data dir %,d KiB%n", messages,
                            sizeOf(dataDir) >> 10);
                    nextReport = System.nanoTime() + 15_000_000_000L;
                }
            }
            System.out.printf("end: %,d messages; data dir %,d KiB%n", messages, sizeOf(dataDir) >> 10);
        }
    }
}
