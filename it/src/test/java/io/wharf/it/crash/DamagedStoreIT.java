package io.wharf.it.crash;

import io.wharf.storage.FsyncMode;
import io.wharf.storage.RocksStore;
import io.wharf.testkit.Clients;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A damaged data directory is refused loudly, never started on with silent loss (issue 12): the real server jar
 * is run on a data directory that is damaged between runs — garbled write-ahead log bytes, a garbled table file,
 * a deleted {@code rocksdb/}, a second server on the same directory — and must exit 1 with one line saying what
 * is wrong; {@code --repair} then says exactly what it dropped and starts.
 */
class DamagedStoreIT {
    private static final int BATCHES = 25;

    @TempDir
    Path dataDir;

    /** 25 acknowledged batches of 10 messages; returns the queue URL path ("/000000000000/damaged"). */
    private static void fill(WharfProcess wharf) {
        try (SqsClient sqs = Clients.sqs(wharf.endpoint())) {
            String url = sqs.createQueue(r -> r.queueName("damaged")).queueUrl();
            for (int batch = 0; batch < BATCHES; batch++) {
                List<SendMessageBatchRequestEntry> entries = new ArrayList<>();
                for (int i = 0; i < 10; i++) {
                    entries.add(SendMessageBatchRequestEntry.builder().id("e" + i)
                            .messageBody(String.format("m%02d-%d-", batch, i) + "x".repeat(200)).build());
                }
                assertThat(sqs.sendMessageBatch(r -> r.queueUrl(url).entries(entries)).failed()).isEmpty();
            }
        }
    }

    private static Set<String> receiveAll(WharfProcess wharf) {
        Set<String> bodies = new HashSet<>();
        try (SqsClient sqs = Clients.sqs(wharf.endpoint())) {
            String url = sqs.getQueueUrl(r -> r.queueName("damaged")).queueUrl();
            for (int empty = 0; empty < 2; ) {
                List<Message> messages = sqs.receiveMessage(r -> r.queueUrl(url).maxNumberOfMessages(10)
                        .visibilityTimeout(600)).messages();
                if (messages.isEmpty()) {
                    empty++;
                }
                messages.forEach(m -> bodies.add(m.body().substring(0, m.body().indexOf('-', 4))));
            }
        }
        return bodies;
    }

    private Path largest(String suffix) throws IOException {
        try (var files = Files.list(dataDir.resolve("rocksdb"))) {
            return files.filter(f -> f.toString().endsWith(suffix))
                    .max(Comparator.comparingLong(f -> f.toFile().length())).orElseThrow();
        }
    }

    private static void garble(Path file, int percent) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        int offset = (int) ((long) bytes.length * percent / 100);
        for (int i = 0; i < 16; i++) {
            bytes[offset + i] ^= 0x5a;
        }
        Files.write(file, bytes);
    }

    /** Exit 1 and exactly one line, "wharf: …", no stack trace. */
    private static String refusal(WharfProcess.Exit exit) {
        System.out.println("refused start: exit " + exit.code() + ", output " + exit.output());
        assertThat(exit.code()).isEqualTo(1);
        List<String> said = exit.output().stream().filter(line -> !line.startsWith("WARNING:")).toList();
        assertThat(said).hasSize(1);
        assertThat(said.get(0)).startsWith("wharf: ").doesNotContain("Exception");
        return said.get(0);
    }

    @Test
    void aGarbledWriteAheadLogIsRefusedAndRepairKeepsEverythingBeforeTheDamage() throws Exception {
        try (WharfProcess wharf = WharfProcess.start(dataDir)) {
            fill(wharf);
            wharf.kill9(); // the messages are in the write-ahead log only
        }
        Path wal = largest(".log");
        garble(wal, 40);

        String line = refusal(WharfProcess.runToExit(dataDir));
        assertThat(line).isEqualTo("wharf: the store in " + dataDir.resolve("rocksdb") + " is damaged: checksum "
                + "mismatch; nothing was changed — start with --repair to salvage what is intact (it logs what it drops),"
                + " or restore a backup");
        assertThat(refusal(WharfProcess.runToExit(dataDir))).isEqualTo(line); // refusing changed nothing

        Set<String> kept;
        try (WharfProcess wharf = WharfProcess.start(dataDir, "--repair")) {
            List<String> report = wharf.startOutput().stream().filter(l -> l.contains("repair:")
                    || l.contains("write-ahead log")).toList();
            System.out.println("repair report: " + report);
            assertThat(String.join("\n", report)).contains("the store in " + dataDir.resolve("rocksdb")
                    + " was damaged; dropped:").contains("write-ahead log " + wal.getFileName()).contains("rocksdb.before-repair-");
            kept = receiveAll(wharf);
            wharf.terminate();
        }
        System.out.println("messages kept after repair: " + kept.size() + " of " + BATCHES * 10);
        // a consistent point in time: whole batches, the first ones, none after the damage
        assertThat(kept.size()).isBetween(10, BATCHES * 10 - 10);
        assertThat(kept.size() % 10).isZero();
        Set<String> expected = new HashSet<>();
        for (int batch = 0; batch < kept.size() / 10; batch++) {
            for (int i = 0; i < 10; i++) {
                expected.add(String.format("m%02d-%d", batch, i));
            }
        }
        assertThat(kept).isEqualTo(expected);
        try (WharfProcess again = WharfProcess.start(dataDir)) { // repaired for good: starts without --repair
            again.terminate();
        }
    }

    @Test
    void aGarbledTableFileIsRefusedAndRepairSaysWhichKeysItDropped() throws Exception {
        try (WharfProcess wharf = WharfProcess.start(dataDir)) {
            fill(wharf);
            assertThat(wharf.terminate()).isIn(0, 143);
        }
        try (RocksStore store = RocksStore.open(dataDir.resolve("rocksdb"), FsyncMode.ALWAYS)) {
            store.compact(); // into table files, as a long-running server's data is
        }
        Path table = largest(".sst");
        garble(table, 30);

        String line = refusal(WharfProcess.runToExit(dataDir));
        assertThat(line).startsWith("wharf: the store in " + dataDir.resolve("rocksdb") + " is damaged: ")
                .contains("checksum mismatch").contains(table.getFileName().toString())
                .endsWith("start with --repair to salvage what is intact (it logs what it drops), or restore a backup");

        try (WharfProcess wharf = WharfProcess.start(dataDir, "--repair")) {
            String report = String.join("\n", wharf.startOutput());
            System.out.println("repair output: " + wharf.startOutput());
            assertThat(report).contains("table file " + table.getFileName() + " (key space sqs.")
                    .contains("entries): every key from ");
            try (SqsClient sqs = Clients.sqs(wharf.endpoint())) {
                System.out.println("queues after repair: " + sqs.listQueues().queueUrls());
                String url = sqs.getQueueUrl(r -> r.queueName("damaged")).queueUrl();
                System.out.println("after repair: " + sqs.getQueueAttributes(r -> r.queueUrl(url).attributeNamesWithStrings(
                        "ApproximateNumberOfMessages")).attributesAsStrings());
                // whatever was dropped, a receive answers: a message whose content is lost leaves the queue (logged),
                // never a 500 for every receive of the queue
                var received = sqs.receiveMessage(r -> r.queueUrl(url).maxNumberOfMessages(10)).messages();
                System.out.println("after repair, receive: " + received.size() + " message(s)");
                assertThat(received).allSatisfy(m -> assertThat(m.body()).matches("m\\d{2}-\\d-x{200}"));
                if (report.matches("(?s).*key space sqs\\.bodies, level \\d+, 250 entries.*")) { // every body: all gone
                    assertThat(received).isEmpty();
                    assertThat(sqs.getQueueAttributes(r -> r.queueUrl(url).attributeNamesWithStrings(
                            "ApproximateNumberOfMessages")).attributesAsStrings())
                            .containsEntry("ApproximateNumberOfMessages", "0");
                }
            }
            wharf.terminate();
        }
    }

    @Test
    void anEmptiedStoreIsRefusedAndRepairStartsOverSayingWhatIsLost() throws Exception {
        try (WharfProcess wharf = WharfProcess.start(dataDir)) {
            fill(wharf);
            assertThat(wharf.terminate()).isIn(0, 143);
        }
        try (var files = Files.walk(dataDir.resolve("rocksdb"))) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
        String line = refusal(WharfProcess.runToExit(dataDir));
        assertThat(line).startsWith("wharf: the store in " + dataDir.resolve("rocksdb") + " is gone, but "
                + dataDir.resolve("wharf-store") + " says store ")
                .endsWith("lived there; restore it from a backup, or start with --repair to begin again with an empty store");
        assertThat(dataDir.resolve("rocksdb")).doesNotExist();

        try (WharfProcess wharf = WharfProcess.start(dataDir, "--repair")) {
            assertThat(String.join("\n", wharf.startOutput())).contains("repair: the store in " + dataDir.resolve("rocksdb")
                    + " is gone").contains("is lost; starting with an empty store");
            try (SqsClient sqs = Clients.sqs(wharf.endpoint())) {
                assertThat(sqs.listQueues().queueUrls()).isEmpty();
            }
            wharf.terminate();
        }
    }

    @Test
    void aSecondServerOnTheSameDataDirectorySaysWhoIsUsingIt() throws Exception {
        try (WharfProcess first = WharfProcess.start(dataDir)) {
            String line = refusal(WharfProcess.runToExit(dataDir));
            assertThat(line).isEqualTo("wharf: another Wharf is using " + dataDir.toAbsolutePath().normalize());
            first.terminate();
        }
    }
}
